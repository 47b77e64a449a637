import type { GridJob } from "../../src/runner/run_grid.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { type PlotSeries, svgPlot } from "../../src/report/svg_plot.ts";
import type { OutputFile } from "../../src/runner/run_experiment.ts";
import type { ReparamJob, ReparamMethod, ReparamResult } from "./reparam.ts";
import type { SyrePreset } from "./task_settings.ts";
import { cellHash } from "../../src/runner/cell_store.ts";

/** Bump when a code change alters the result of a reparam job with the same parameters. */
export const REPARAM_RESULTS_VERSION = 1;

/** One CSV row of `syre_reparam.csv`: one record of one run. */
export interface ReparamCsvRow {
  /** Method name (`sgd`, `w-fix` or `syre`). */
  method: string;
  /** Run seed. */
  seed: number;
  /** Step at which the record was taken. */
  step: number;
  /** Test loss E((u ⊙ w)ᵀx − y)² on the held-out set at that step. */
  loss: number;
  /** Dead neurons at that step. */
  dead: number;
}

/** CSV columns of `syre_reparam.csv`. */
export const REPARAM_COLUMNS = ["method", "seed", "step", "loss", "dead"] as const satisfies readonly (
  keyof ReparamCsvRow
)[];

/**
 * The presets of `syre:reparam`. The paper gives d = 200, W-fix's φ = 0.3
 * and κ = 0.01; the rest is ours: a linear teacher β ~ N(0, I), fresh
 * Gaussian mini-batches, the same weight decay γ for every method (without
 * it nothing pulls a neuron to 0), syre's σ₀ = 0.01 (the paper's default
 * for a vector, fan-in 1) and the dead threshold τ = 1e-3 (a tenth of σ₀).
 */
export const REPARAM_PRESETS: Readonly<
  Record<SyrePreset, Omit<ReparamJob, "method" | "seed"> & { runs: number; sigma: number }>
> = {
  smoke: {
    dim: 50,
    steps: 3000,
    batch: 16,
    learningRate: 0.01,
    gamma: 0.2,
    initScale: 0.1,
    deadThreshold: 1e-3,
    records: 5,
    runs: 1,
    sigma: 0.01,
  },
  default: {
    dim: 200,
    steps: 10000,
    batch: 32,
    learningRate: 0.005,
    gamma: 0.1,
    initScale: 0.1,
    deadThreshold: 1e-3,
    records: 20,
    runs: 3,
    sigma: 0.01,
  },
  paper: {
    dim: 200,
    steps: 50000,
    batch: 32,
    learningRate: 0.005,
    gamma: 0.1,
    initScale: 0.1,
    deadThreshold: 1e-3,
    records: 50,
    runs: 5,
    sigma: 0.01,
  },
};

/**
 * The jobs of `syre:reparam`: SGD, W-fix and syre, each on `runs` seeds
 * derived from the run seed (the same teacher and start for all three
 * methods of a seed).
 *
 * @param preset The preset.
 * @param seed Run seed.
 * @returns One grid job per (method, seed).
 *
 * @example
 * ```ts
 * import { reparamJobs } from "./reparam_grid.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(reparamJobs("smoke", 1).map((j) => j.label), ["sgd run 1", "w-fix run 1", "syre run 1"]);
 * ```
 */
export function reparamJobs(preset: SyrePreset, seed: number): GridJob<ReparamResult>[] {
  const { runs, sigma, ...p } = REPARAM_PRESETS[preset];
  const methods: ReparamMethod[] = [{ name: "sgd" }, { name: "w-fix", phi: 0.3, kappa: 0.01 }, {
    name: "syre",
    sigma,
  }];
  const jobs: GridJob<ReparamResult>[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const method of methods) {
      const params: ReparamJob = { ...p, method, seed: deriveSeed(seed, `reparam:run:${run}`) };
      const hash = cellHash(REPARAM_RESULTS_VERSION, params);
      jobs.push({
        kind: "syre-reparam",
        params,
        key: `${method.name}-run${run}-${hash}`,
        label: `${method.name} run ${run}`,
        cost: (p.steps * p.batch * p.dim * 4) / 1e9,
        maxEpochs: 0,
        summarize: (r) => `dead ${r.dead.at(-1)}, loss ${r.loss.at(-1)!.toPrecision(3)}`,
      });
    }
  }
  return jobs;
}

/**
 * Flattens one run into CSV rows, one per record.
 *
 * @example
 * ```ts
 * import { reparamCsvRows } from "./reparam_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = reparamCsvRows({ method: "sgd", seed: 7, step: [0, 10], loss: [2, 1], dead: [0, 3] });
 * assert.deepEqual(rows[1], { method: "sgd", seed: 7, step: 10, loss: 1, dead: 3 });
 * ```
 */
export function reparamCsvRows(r: ReparamResult): ReparamCsvRow[] {
  return r.step.map((step, k) => ({
    method: r.method,
    seed: r.seed,
    step,
    loss: r.loss[k],
    dead: r.dead[k],
  }));
}

/**
 * Figure 3 right: dead neurons and test loss over training, the mean over
 * runs of each method.
 *
 * @param results Every run.
 * @returns `syre_reparam_dead.svg` and `syre_reparam_loss.svg`.
 *
 * @example
 * ```ts
 * import { reparamFigures } from "./reparam_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const figs = reparamFigures([{ method: "sgd", seed: 1, step: [0, 10], loss: [2, 1], dead: [0, 3] }]);
 * assert.deepEqual(figs.map((f) => f.file), ["syre_reparam_dead.svg", "syre_reparam_loss.svg"]);
 * ```
 */
export function reparamFigures(results: readonly ReparamResult[]): OutputFile[] {
  const methods = [...new Set(results.map((r) => r.method))];
  const runs = results.filter((r) => r.method === methods[0]).length;
  const mean = (field: "loss" | "dead"): PlotSeries[] =>
    methods.map((m) => {
      const mine = results.filter((r) => r.method === m);
      return {
        label: m === "w-fix" ? "W-fix (φ 0.3, κ 0.01)" : m === "sgd" ? "SGD" : "syre",
        x: mine[0].step,
        y: mine[0].step.map((_, k) => mine.reduce((s, r) => s + r[field][k], 0) / mine.length),
      };
    });
  const subtitle = `ℓ(u, w) = ((u ⊙ w)ᵀx − y)², mean of ${runs} run${runs > 1 ? "s" : ""}; ` +
    `dead: |uᵢ| and |wᵢ| below 1e-3`;
  return [
    {
      file: "syre_reparam_dead.svg",
      text: svgPlot({
        title: "Reparametrised regression: dead neurons",
        subtitle,
        x: { label: "SGD step" },
        y: { label: "dead neurons", min: 0 },
        series: mean("dead"),
      }),
    },
    {
      file: "syre_reparam_loss.svg",
      text: svgPlot({
        title: "Reparametrised regression: test loss",
        subtitle,
        x: { label: "SGD step" },
        y: { label: "test loss", scale: "log" },
        series: mean("loss"),
      }),
    },
  ];
}
