import type { GridJob } from "../../src/runner/run_grid.ts";
import { syreGridOptions } from "./grid_options.ts";
import { type OutputFile, runExperiment } from "../../src/runner/run_experiment.ts";
import type { ContinualJob, ContinualRow, ContinualSettings } from "./continual_job.ts";
import type { ImageTaskCommon } from "./task_settings.ts";
import { svgPlot } from "../../src/report/svg_plot.ts";
import { cellHash } from "../../src/runner/cell_store.ts";
// Defined beside ContinualJob, which extends it; re-exported for the task file.
export type { ContinualSettings };

/** Presets of `syre:continual`: `default` a few minutes on 2 cores, `paper` the whole dataset. */
export const CONTINUAL_PRESETS: Record<"default" | "paper", ContinualSettings> = {
  default: {
    trainImages: 10000,
    testImages: 2000,
    tasks: 10,
    stepsPerTask: 400,
    batch: 64,
    lr: 0.1,
    gamma: 0.005,
    sigma: 0.01,
  },
  paper: {
    trainImages: 60000,
    testImages: 10000,
    tasks: 10,
    stepsPerTask: 2814, // three epochs of 60,000 images at batch 64
    batch: 64,
    lr: 0.1,
    gamma: 0.005,
    sigma: 0.01,
  },
};

/** Bump when a code change alters the result of a cell with the same parameters. */
export const CONTINUAL_RESULTS_VERSION = 1;

/**
 * The cells of Figure 8: one continual run per method.
 *
 * @param common The shared flags.
 * @param s The task's settings.
 * @returns Two grid jobs, vanilla then syre.
 *
 * @example
 * ```ts
 * import { CONTINUAL_PRESETS, continualJobs } from "./continual.ts";
 * import assert from "node:assert/strict";
 *
 * const common = { preset: "default", data: "d", out: "o", seed: 1, workers: 1, fresh: false };
 * const jobs = continualJobs(common, CONTINUAL_PRESETS.default);
 * assert.deepEqual(jobs.map((j) => j.label), ["vanilla", "syre"]);
 * assert.notEqual(jobs[0].key, continualJobs({ ...common, seed: 2 }, CONTINUAL_PRESETS.default)[0].key);
 * ```
 */
export function continualJobs(common: ImageTaskCommon, s: ContinualSettings): GridJob<ContinualRow>[] {
  return (["vanilla", "syre"] as const).map((method) => {
    const params: ContinualJob = {
      data: common.data,
      trainImages: s.trainImages,
      testImages: s.testImages,
      tasks: s.tasks,
      stepsPerTask: s.stepsPerTask,
      batch: s.batch,
      lr: s.lr,
      gamma: s.gamma,
      method,
      sigma: s.sigma,
      rankImages: 1000,
      rankThreshold: 1e-4,
      seed: common.seed,
    };
    const { data: _, ...identity } = params;
    const cell = { ...identity, dataset: common.dataset };
    const hash = cellHash(CONTINUAL_RESULTS_VERSION, cell);
    return {
      kind: "syre-continual",
      params,
      identity: cell,
      key: `continual-${method}-${hash}`,
      label: method,
      cost: (s.tasks * s.stepsPerTask * s.batch) / 2500,
      maxEpochs: s.tasks,
      summarize: (r) =>
        `accuracy ${r.accuracy.map((a) => a.toFixed(2)).join(" ")}; rank ${r.rank.join(" ")}; ${r.seconds}s`,
    };
  });
}

/** Columns of `continual.csv` (one line per method and task). */
export const CONTINUAL_COLUMNS = ["method", "task", "test_accuracy", "conv_rank", "train_loss"] as const;

/**
 * Runs `syre:continual` (Figure 8) and writes `continual.csv`,
 * `continual_accuracy.svg`, `continual_rank.svg` and `run.json`.
 *
 * @param common The shared flags.
 * @param s The task's settings.
 * @returns The finished curves.
 *
 * @example Writes into `common.out` (see tests/syre_continual_test.ts for a run)
 * ```ts ignore
 * import { CONTINUAL_PRESETS, runContinual } from "./continual.ts";
 *
 * const common = { preset: "default", data: "/usr/share/datasets/fashion-mnist", out: "results", seed: 1, workers: 2, fresh: false };
 * await runContinual(common, CONTINUAL_PRESETS.default);
 * ```
 */
export async function runContinual(common: ImageTaskCommon, s: ContinualSettings): Promise<ContinualRow[]> {
  const jobs = continualJobs(common, s);
  const result = await runExperiment({
    ...syreGridOptions(common, { name: "continual", task: "syre:continual", config: { ...common, ...s } }),
    jobs,
    csv: [{
      file: "continual.csv",
      columns: CONTINUAL_COLUMNS,
      rows: (rows) =>
        rows.flatMap((r) =>
          r.task.map((task, i) => ({
            method: r.method,
            task,
            test_accuracy: r.accuracy[i],
            conv_rank: r.rank[i],
            train_loss: r.loss[i],
          }))
        ),
    }],
    figures: (rows) => continualFigures(rows, s),
  });
  return result.rows;
}

function continualFigures(rows: readonly ContinualRow[], s: ContinualSettings): OutputFile[] {
  const subtitle = `${s.tasks} permuted tasks × ${s.stepsPerTask} SGD steps, lr ${s.lr}, ` +
    `γ = ${s.gamma}, syre σ₀ = ${s.sigma}/√fan_in`;
  const series = (y: (r: ContinualRow) => number[]) =>
    rows.map((r, i) => ({ label: r.method, x: r.task, y: y(r), dashed: i === 0 }));
  return [{
    file: "continual_accuracy.svg",
    text: svgPlot({
      title: "Figure 8: test accuracy on the task just learned",
      subtitle,
      x: { label: "task", min: 1, max: s.tasks },
      y: { label: "test accuracy", min: 0, max: 1 },
      series: series((r) => r.accuracy),
    }),
  }, {
    file: "continual_rank.svg",
    text: svgPlot({
      title: "Figure 8 (inset): rank of the convolution output after each task",
      subtitle,
      x: { label: "task", min: 1, max: s.tasks },
      y: { label: "conv-output rank (eigenvalues < 1e-4 = 0)", min: 0, max: 320 },
      series: series((r) => r.rank),
    }),
  }];
}
