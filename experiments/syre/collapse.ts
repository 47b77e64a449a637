import type { GridJob } from "../../src/runner/run_grid.ts";
import { syreGridOptions } from "./grid_options.ts";
import { type OutputFile, runExperiment } from "../../src/runner/run_experiment.ts";
import type { CollapseJob, CollapseRow } from "./collapse_job.ts";
import type { ImageTaskCommon } from "./task_settings.ts";
import { svgPlot } from "../../src/report/svg_plot.ts";
import { cellHash } from "../../src/runner/cell_store.ts";

/** Settings of `syre:collapse` beyond the shared flags. */
export interface CollapseSettings {
  /** Training images (the first this many). */
  trainImages: number;
  /** Hidden width. */
  hidden: number;
  /** Fractions of identical hidden neurons at the start. */
  fractions: number[];
  /** Gradient steps per curve. */
  steps: number;
  /** Mini-batch size. */
  batch: number;
  /** SGD learning rate. */
  sgdLr: number;
  /** Adam learning rate. */
  adamLr: number;
  /** Weight decay γ of both methods. */
  gamma: number;
  /** Relative σ₀ of syre. */
  sigma: number;
}

/**
 * Presets of `syre:collapse`: `default` about 2 minutes on 2 cores, `paper` the whole training set.
 *
 * @example
 * ```ts
 * import { COLLAPSE_PRESETS } from "./collapse.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(COLLAPSE_PRESETS.default.fractions, [0, 0.5, 0.9, 0.99]);
 * ```
 */
export const COLLAPSE_PRESETS: Record<"default" | "paper", CollapseSettings> = {
  default: {
    trainImages: 20000,
    hidden: 100,
    fractions: [0, 0.5, 0.9, 0.99],
    steps: 3000,
    batch: 64,
    sgdLr: 0.1,
    adamLr: 1e-3,
    gamma: 1e-3,
    sigma: 0.01,
  },
  paper: {
    trainImages: 60000,
    hidden: 200,
    fractions: [0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99],
    steps: 20000,
    batch: 64,
    sgdLr: 0.1,
    adamLr: 1e-3,
    gamma: 1e-3,
    sigma: 0.01,
  },
};

/**
 * Bump when a code change alters the result of a cell with the same parameters: it is part of every cell key.
 *
 * @example
 * ```ts
 * import { COLLAPSE_PRESETS, COLLAPSE_RESULTS_VERSION, collapseJobs } from "./collapse.ts";
 * import assert from "node:assert/strict";
 *
 * const common = { preset: "default", data: "d", out: "o", seed: 1, workers: 1, fresh: false };
 * assert.equal(COLLAPSE_RESULTS_VERSION, 1);
 * assert.match(collapseJobs(common, COLLAPSE_PRESETS.default)[0].key, /^collapse-sgd-vanilla-f0-[0-9a-f]{8}$/);
 * ```
 */
export const COLLAPSE_RESULTS_VERSION = 1;

/**
 * The cells of Figure 1: every (optimiser, method, fraction).
 *
 * @param common The shared flags.
 * @param s The task's settings.
 * @returns One grid job per curve.
 *
 * @example Two fractions make eight curves
 * ```ts
 * import { COLLAPSE_PRESETS, collapseJobs } from "./collapse.ts";
 * import assert from "node:assert/strict";
 *
 * const common = { preset: "default", data: "d", out: "o", seed: 1, workers: 1, fresh: false };
 * const jobs = collapseJobs(common, { ...COLLAPSE_PRESETS.default, fractions: [0, 0.9] });
 * assert.equal(jobs.length, 8);
 * assert.equal(jobs[0].label, "sgd vanilla tied=0");
 * ```
 */
export function collapseJobs(common: ImageTaskCommon, s: CollapseSettings): GridJob<CollapseRow>[] {
  const jobs: GridJob<CollapseRow>[] = [];
  for (const optimizer of ["sgd", "adam"] as const) {
    for (const method of ["vanilla", "syre"] as const) {
      for (const fraction of s.fractions) {
        const params: CollapseJob = {
          data: common.data,
          trainImages: s.trainImages,
          hidden: s.hidden,
          fraction,
          optimizer,
          method,
          lr: optimizer === "sgd" ? s.sgdLr : s.adamLr,
          gamma: s.gamma,
          // Vanilla ignores σ₀: keeping it out of its key lets a σ₀ sweep reuse the vanilla cells.
          sigma: method === "syre" ? s.sigma : 0,
          steps: s.steps,
          batch: s.batch,
          every: Math.max(1, Math.round(s.steps / 60)),
          seed: common.seed,
        };
        const { data: _, ...identity } = params;
        const cell = { ...identity, dataset: common.dataset };
        const hash = cellHash(COLLAPSE_RESULTS_VERSION, cell);
        jobs.push({
          kind: "syre-collapse",
          params,
          identity: cell,
          key: `collapse-${optimizer}-${method}-f${fraction}-${hash}`,
          label: `${optimizer} ${method} tied=${fraction}`,
          cost: (s.steps * s.batch * 784 * s.hidden * 6) / 3e9,
          maxEpochs: Math.ceil(s.steps / params.every),
          summarize: (r) =>
            `loss ${r.loss[r.loss.length - 1].toFixed(3)}, rank ${r.final_rank}, test acc ${
              r.test_accuracy.toFixed(3)
            }, ${r.seconds}s`,
        });
      }
    }
  }
  return jobs;
}

/**
 * Columns of `collapse.csv` (one line per curve point); {@linkcode COLLAPSE_SUMMARY_COLUMNS} has one line per curve.
 *
 * @example
 * ```ts
 * import { COLLAPSE_COLUMNS, COLLAPSE_SUMMARY_COLUMNS } from "./collapse.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(COLLAPSE_COLUMNS.at(-1), "train_loss");
 * assert.ok(COLLAPSE_SUMMARY_COLUMNS.includes("final_rank"));
 * ```
 */
export const COLLAPSE_COLUMNS = ["optimizer", "method", "fraction", "step", "train_loss"] as const;
/** Columns of `collapse_summary.csv` (one line per curve); see {@linkcode COLLAPSE_COLUMNS} for an example. */
export const COLLAPSE_SUMMARY_COLUMNS = [
  "optimizer",
  "method",
  "fraction",
  "final_loss",
  "final_rank",
  "test_accuracy",
  "train_seconds",
] as const;

/**
 * Runs `syre:collapse` (Figure 1) and writes `collapse.csv`,
 * `collapse_summary.csv`, one SVG per (optimiser, method) and `run.json`.
 *
 * @param common The shared flags.
 * @param s The task's settings.
 * @returns The finished curves.
 *
 * @example Eight short curves on the project's fixture
 * ```ts
 * import { COLLAPSE_PRESETS, runCollapse } from "./collapse.ts";
 * import assert from "node:assert/strict";
 *
 * const out = await Deno.makeTempDir();
 * const data = new URL("../../fixtures/idx", import.meta.url).pathname;
 * const common = { preset: "default", data, out, seed: 1, workers: 1, fresh: false };
 * const settings = { ...COLLAPSE_PRESETS.default, trainImages: 100, hidden: 8, steps: 10, fractions: [0, 0.5] };
 * const rows = await runCollapse(common, settings);
 * assert.equal(rows.length, 8);
 * assert.match(await Deno.readTextFile(`${out}/collapse.csv`), /^optimizer,method,fraction,step,train_loss\n/);
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function runCollapse(common: ImageTaskCommon, s: CollapseSettings): Promise<CollapseRow[]> {
  const jobs = collapseJobs(common, s);
  const result = await runExperiment({
    ...syreGridOptions(common, { name: "collapse", task: "syre:collapse", config: { ...common, ...s } }),
    jobs,
    csv: [{
      file: "collapse.csv",
      columns: COLLAPSE_COLUMNS,
      rows: (rows) => rows.flatMap((r) => r.steps.map((step, i) => ({ ...r, step, train_loss: r.loss[i] }))),
    }, {
      file: "collapse_summary.csv",
      columns: COLLAPSE_SUMMARY_COLUMNS,
      rows: (rows) =>
        rows.map((r) => ({ ...r, final_loss: r.loss[r.loss.length - 1], train_seconds: r.seconds })),
    }],
    figures: (rows) => collapseFigures(rows, s),
  });
  return result.rows;
}

function collapseFigures(rows: readonly CollapseRow[], s: CollapseSettings): OutputFile[] {
  const figures: OutputFile[] = [];
  const all = rows.flatMap((r) => r.loss);
  const yMax = Math.max(...all), yMin = Math.min(...all);
  const fractions = [...new Set(rows.map((r) => r.fraction))].sort((a, b) => a - b);
  for (const optimizer of ["sgd", "adam"]) {
    for (const method of ["vanilla", "syre"]) {
      const mine = rows.filter((r) => r.optimizer === optimizer && r.method === method);
      const svg = svgPlot({
        title: `Figure 1: ${optimizer === "sgd" ? "SGD" : "Adam"}, ${method}`,
        subtitle: `two-layer ReLU net, ${s.hidden} hidden, started with a fraction of identical neurons` +
          (method === "syre" ? `; syre σ₀ = ${s.sigma}/√fan_in` : "") + `, γ = ${s.gamma}`,
        x: { label: "iteration" },
        y: {
          label: "training loss (cross-entropy)",
          min: Math.floor(yMin * 10) / 10,
          max: Math.ceil(yMax * 10) / 10,
        },
        series: mine.map((r) => ({
          label: `${Math.round(r.fraction * 100)} % tied`,
          x: r.steps,
          y: r.loss,
          markers: false,
          // Darker = more capacity (fewer tied neurons), as in the paper.
          color: grey(fractions.indexOf(r.fraction), fractions.length),
        })),
      });
      figures.push({ file: `collapse_${optimizer}_${method}.svg`, text: svg });
    }
  }
  return figures;
}

/** Black for the first of `count` curves to light grey for the last, evenly spaced so neighbours differ. */
function grey(index: number, count: number): string {
  const level = Math.round(count > 1 ? (200 * index) / (count - 1) : 0).toString(16).padStart(2, "0");
  return `#${level}${level}${level}`;
}
