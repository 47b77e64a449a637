import type { SweepConfig, SweepPreset } from "./sweep_config.ts";

export type { SweepConfig, SweepPreset };
import type { WeightPenalty } from "../../src/nn/weight_penalty.ts";
import type { PRRow } from "./pr_job.ts";
import { prGridJob } from "./pr_grid_job.ts";
import { prGridOptions } from "./grid_options.ts";
import { runExperiment } from "../../src/runner/run_experiment.ts";

/** A weight-penalty scheme of Table 4; `"none"` is the unregularised NN-B, for reference. */
export type Regularization = "none" | "l1" | "l2" | "l1+l2";

/** The schemes, in the table's order. */
export const REGULARIZATIONS: readonly Regularization[] = ["none", "l1", "l2", "l1+l2"];

/**
 * The penalty coefficient when none is given. The paper gives none. Keras's
 * `l1`/`l2` default, 0.01, drowns the data term: at Glorot initialisation an
 * n = 5 NN has Σ|w| ≈ 3·10³ and Σw² ≈ 3·10², against a validation MSE of
 * about 0.03, so every weight collapses to zero. With 1e-4 the L2 penalty
 * starts at about the MSE of the zero predictor and L1 at ten times it:
 * strong enough to change the fit, weak enough to leave it a fit.
 */
export const DEFAULT_COEFFICIENT = 1e-4;

/** Table 4's presets: the paper's setting (NN-B, n = 5, 10, 15, 2e4 samples) fits the default budget. */
export const TABLE4_PRESETS: Record<string, SweepPreset> = {
  default: { n: [5, 10, 15], samples: 20000, epochs: 100 },
  paper: { n: [5, 10, 15], samples: 20000, epochs: 100 },
};

/** The CSV columns of Table 4; the first five are fixed by the issue. */
export const TABLE4_COLUMNS = [
  "regularization",
  "n",
  "error",
  "error_paper_scale",
  "coefficient",
  "samples",
  "epochs",
  "best_epoch",
  "train_seconds",
  "seed",
] as const;

/** One row of Table 4. */
export type RegularizationRow = { regularization: Regularization; coefficient: number } & PRRow;

/** Table 4's settings: the shared ones, the schemes and the coefficient. */
export interface RegularizationConfig extends SweepConfig {
  /** Schemes to run. */
  schemes: Regularization[];
  /** λ of every penalty term (L1+L2 uses λ for each). */
  coefficient: number;
}

/**
 * The penalty of a scheme.
 *
 * @param scheme The scheme.
 * @param coefficient λ.
 * @returns `{ l1, l2 }`, or `undefined` for `"none"`.
 *
 * @example
 * ```ts
 * import { schemePenalty } from "./regularization_table.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(schemePenalty("l1+l2", 1e-4), { l1: 1e-4, l2: 1e-4 });
 * assert.equal(schemePenalty("none", 1e-4), undefined);
 * ```
 */
export function schemePenalty(scheme: Regularization, coefficient: number): WeightPenalty | undefined {
  if (scheme === "none") return undefined;
  return { l1: scheme === "l2" ? 0 : coefficient, l2: scheme === "l1" ? 0 : coefficient };
}

/**
 * Runs Table 4: NN-B (raw targets, real PR) retrained with each penalty
 * scheme for every n, through the shared grid runner (workers, resume,
 * progress), and writes `<name>.csv`, `<name>.md` and `run.json`.
 *
 * @param config The settings.
 * @returns The rows, scheme-major.
 *
 * @example A tiny run
 * ```ts
 * import { runRegularizationTable } from "./regularization_table.ts";
 * import assert from "node:assert/strict";
 *
 * const out = await Deno.makeTempDir();
 * const rows = await runRegularizationTable({
 *   name: "t4", preset: "x", n: [2], samples: 200, seed: 1, epochs: 1, patience: 10, batch: 64,
 *   learningRate: 1e-3, workers: 1, out, fresh: false, schemes: ["none", "l2"], coefficient: 1e-4,
 * });
 * assert.deepEqual(rows.map((r) => [r.regularization, r.coefficient]), [["none", 0], ["l2", 1e-4]]);
 * assert.ok((await Deno.readTextFile(`${out}/t4.csv`)).startsWith("regularization,n,error,"));
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function runRegularizationTable(config: RegularizationConfig): Promise<RegularizationRow[]> {
  const specs = config.schemes.flatMap((scheme) => config.n.map((n) => ({ scheme, n })));
  const jobs = specs.map(({ scheme, n }) => {
    const penalty = schemePenalty(scheme, config.coefficient);
    return prGridJob({
      field: "real",
      n,
      samples: config.samples,
      model: "nn",
      variant: "B",
      seed: config.seed,
      epochs: config.epochs,
      batch: config.batch,
      learningRate: config.learningRate,
      patience: config.patience,
      k: 5,
      ...(penalty ? { penalty } : {}),
      backend: config.backend,
    }, `n=${n} nn-B ${scheme}`);
  });
  const result = await runExperiment({
    ...prGridOptions(config),
    jobs,
    view: (rows: readonly (PRRow | undefined)[]): RegularizationRow[] =>
      rows.flatMap((r, i) =>
        r
          ? [{
            ...r,
            regularization: specs[i].scheme,
            coefficient: specs[i].scheme === "none" ? 0 : config.coefficient,
          }]
          : []
      ),
    csv: [{ file: `${config.name}.csv`, columns: TABLE4_COLUMNS }],
    tables: [{ file: `${config.name}.md`, text: (rows) => regularizationMarkdown(rows, config) }],
  });
  return result.view;
}

const NAMES: Record<Regularization, string> = { none: "None (NN-B)", l1: "L1", l2: "L2", "l1+l2": "L1 + L2" };

/** Table 4 in the paper's layout: a row per scheme, a column per n, paper-scale errors. */
function regularizationMarkdown(rows: readonly RegularizationRow[], config: RegularizationConfig): string {
  const ns = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const lines = [
    `## ${config.name}: test error of NN-B with weight penalties (real PR, ${config.samples} samples)`,
    "",
    `| Regularization | ${ns.map((n) => `n = ${n}`).join(" | ")} |`,
    `|---|${ns.map(() => "---:").join("|")}|`,
  ];
  for (const scheme of REGULARIZATIONS) {
    const mine = rows.filter((r) => r.regularization === scheme);
    if (mine.length === 0) continue;
    const cell = (n: number) => mine.find((r) => r.n === n)?.error_paper_scale.toPrecision(3) ?? "–";
    lines.push(`| ${NAMES[scheme]} | ${ns.map(cell).join(" | ")} |`);
  }
  lines.push(
    "",
    `Rectified test error ÷ n² (the paper's scale). Penalty λ·Σ|w| (L1), λ·Σw² (L2) or both on the weight`,
    `matrices, λ = ${config.coefficient}; early stopping on the plain validation MSE.`,
  );
  return lines.join("\n") + "\n";
}
