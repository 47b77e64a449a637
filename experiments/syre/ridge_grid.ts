import type { GridJob } from "../../src/runner/run_grid.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { svgPlot } from "../../src/report/svg_plot.ts";
import type { OutputFile } from "../../src/runner/run_experiment.ts";
import type { RidgeJob, RidgeRow } from "./ridge.ts";
import type { SyrePreset } from "./task_settings.ts";
import { cellHash } from "../../src/runner/cell_store.ts";

/** Bump when a code change alters the result of a ridge job with the same parameters. */
export const RIDGE_RESULTS_VERSION = 1;

/** CSV columns of `syre_ridge.csv`. */
export const RIDGE_COLUMNS = ["method", "samples", "ratio", "test_loss", "seed"] as const satisfies readonly (
  keyof RidgeRow
)[];

const RATIOS = [4, 3, 2, 1.6, 1.3, 1.15, 1.05, 1, 0.95, 0.87, 0.77, 0.6, 0.5, 0.33, 0.25];

/**
 * The presets of `syre:ridge`: d/N from 4 to 0.25, dense around 1. The
 * paper gives neither γ, σ₀, the noise nor d: γ = 0.1, σ₀ = 0.01/√d (its
 * recommended default), label noise 0.5, d = 100 (default) or 400 (paper).
 */
export const RIDGE_PRESETS: Readonly<
  Record<SyrePreset, Omit<RidgeJob, "seed" | "samples"> & { ratios: number[]; runs: number }>
> = {
  smoke: { dim: 20, ratios: [2, 1, 0.5], gamma: 0.1, sigma: 0.01, noise: 0.5, runs: 2 },
  default: { dim: 100, ratios: RATIOS, gamma: 0.1, sigma: 0.01, noise: 0.5, runs: 20 },
  paper: { dim: 400, ratios: RATIOS, gamma: 0.1, sigma: 0.01, noise: 0.5, runs: 20 },
};

/**
 * The jobs of `syre:ridge`: one per run seed, each solving every N for the
 * three methods.
 *
 * @param preset The preset.
 * @param seed Run seed.
 * @returns One grid job per run.
 *
 * @example
 * ```ts
 * import { ridgeJobs } from "./ridge_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const jobs = ridgeJobs("smoke", 1);
 * assert.equal(jobs.length, 2);
 * assert.deepEqual((jobs[0].params as { samples: number[] }).samples, [10, 20, 40]);
 * ```
 */
export function ridgeJobs(preset: SyrePreset, seed: number): GridJob<RidgeRow[]>[] {
  const { ratios, runs, ...p } = RIDGE_PRESETS[preset];
  const samples = [...new Set(ratios.map((r) => Math.round(p.dim / r)))].sort((a, b) => a - b);
  return Array.from({ length: runs }, (_, k) => {
    const params: RidgeJob = { ...p, samples, seed: deriveSeed(seed, `ridge:run:${k + 1}`) };
    const hash = cellHash(RIDGE_RESULTS_VERSION, params);
    return {
      kind: "syre-ridge" as const,
      params,
      key: `run${k + 1}-${hash}`,
      label: `run ${k + 1}`,
      cost: samples.reduce((s, n) => s + n * p.dim * p.dim * 3, 0) / 1e8,
      maxEpochs: 0,
      summarize: (rows: RidgeRow[]) => {
        const atOne = rows.filter((r) => r.samples === p.dim);
        return atOne.map((r) => `${r.method} ${r.test_loss.toPrecision(3)}`).join(", ") + " at d/N = 1";
      },
    };
  });
}

/**
 * Figure 3 left: mean test loss against d/N for each method.
 *
 * @param results Every run's rows.
 * @returns `syre_ridge.svg`.
 *
 * @example
 * ```ts
 * import { ridgeFigures } from "./ridge_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const row = { method: "syre", samples: 10, ratio: 2, test_loss: 1, seed: 1 };
 * assert.equal(ridgeFigures([[row, { ...row, samples: 20, ratio: 1 }]])[0].file, "syre_ridge.svg");
 * ```
 */
export function ridgeFigures(results: readonly RidgeRow[][]): OutputFile[] {
  const rows = results.flat();
  const methods = [...new Set(rows.map((r) => r.method))];
  const dim = Math.round(rows[0].ratio * rows[0].samples);
  return [{
    file: "syre_ridge.svg",
    text: svgPlot({
      title: "Linear regression: test loss against the degree of parameterisation",
      subtitle: `d = ${dim}, mean of ${results.length} runs; vanilla is the minimum-norm least-squares fit`,
      x: { label: "d / N", scale: "log", min: 0.2, max: 5 },
      y: { label: "test loss", scale: "log" },
      series: methods.map((m) => {
        const ratios = [...new Set(rows.filter((r) => r.method === m).map((r) => r.ratio))].sort((a, b) =>
          a - b
        );
        return {
          label: m,
          x: ratios,
          y: ratios.map((q) => {
            const at = rows.filter((r) => r.method === m && r.ratio === q);
            return at.reduce((s, r) => s + r.test_loss, 0) / at.length;
          }),
          dashed: m === "syre",
        };
      }),
    }),
  }];
}
