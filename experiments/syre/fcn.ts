import type { GridJob } from "../../src/runner/run_grid.ts";
import { syreGridOptions } from "./grid_options.ts";
import { type OutputFile, runExperiment } from "../../src/runner/run_experiment.ts";
import type { FcnJob, FcnRow } from "./fcn_job.ts";
import type { ImageTaskCommon } from "./task_settings.ts";
import { PLOT_PALETTE, type PlotSeries, svgPlot } from "../../src/report/svg_plot.ts";
import { cellHash } from "../../src/runner/cell_store.ts";

/** Settings of `syre:fcn` beyond the shared flags. */
export interface FcnSettings {
  /** Training images (the first this many). */
  trainImages: number;
  /** Test images (the first this many). */
  testImages: number;
  /** Width of the three hidden layers. */
  width: number;
  /** Weight decays of the γ sweep (at α = 1). */
  gammas: number[];
  /** Input scales of the α sweep (at γ = {@linkcode FcnSettings.alphaGamma}). */
  alphas: number[];
  /** γ of the α sweep (the paper's 0.01). */
  alphaGamma: number;
  /** Gradient steps per cell. */
  steps: number;
  /** Mini-batch size. */
  batch: number;
  /** SGD learning rate. */
  lr: number;
  /** Relative σ₀ of syre. */
  sigma: number;
}

/**
 * Presets of `syre:fcn`: `default` a few minutes on 2 cores, `paper` the whole training set for 20 epochs.
 * The paper does not give σ₀ for Figure 5; at its general recommendation (σ = 0.01, and at 0.1) syre
 * stayed at chance with vanilla where vanilla collapsed (γ = 0.1, or α = 0.1), so both presets use σ = 0.3
 * (θ₀ about half the initial weights' scale), the smallest tried that escaped (README, "syre on images").
 *
 * @example
 * ```ts
 * import { FCN_PRESETS } from "./fcn.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([FCN_PRESETS.paper.width, FCN_PRESETS.paper.batch, FCN_PRESETS.paper.alphaGamma], [300, 64, 0.01]);
 * ```
 */
export const FCN_PRESETS: Record<"default" | "paper", FcnSettings> = {
  default: {
    trainImages: 10000,
    testImages: 2000,
    width: 300,
    gammas: [1e-3, 1e-2, 3e-2, 1e-1],
    alphas: [0.1, 0.3, 1],
    alphaGamma: 0.01,
    steps: 1500,
    batch: 64,
    lr: 0.1,
    sigma: 0.3,
  },
  paper: {
    trainImages: 60000,
    testImages: 10000,
    width: 300,
    gammas: [1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1],
    alphas: [0.03, 0.1, 0.3, 1, 3],
    alphaGamma: 0.01,
    steps: 18750,
    batch: 64,
    lr: 0.1,
    sigma: 0.3,
  },
};

/**
 * Bump when a code change alters the result of a cell with the same parameters: it is part of every cell key.
 *
 * @example
 * ```ts
 * import { FCN_PRESETS, FCN_RESULTS_VERSION, fcnJobs } from "./fcn.ts";
 * import assert from "node:assert/strict";
 *
 * const common = { preset: "default", data: "d", out: "o", seed: 1, workers: 1, fresh: false };
 * assert.equal(FCN_RESULTS_VERSION, 1);
 * assert.match(fcnJobs(common, FCN_PRESETS.default)[0].key, /^fcn-vanilla-g0.001-a1-[0-9a-f]{8}$/);
 * ```
 */
export const FCN_RESULTS_VERSION = 1;

/**
 * The (γ, α) points of Figure 5: the γ sweep at α = 1 and the α sweep at
 * `alphaGamma`, without repeats, in that order.
 *
 * @param s The task's settings.
 * @returns The distinct points.
 *
 * @example The point (0.01, 1) is in both sweeps but trained once
 * ```ts
 * import { FCN_PRESETS, fcnPoints } from "./fcn.ts";
 * import assert from "node:assert/strict";
 *
 * const points = fcnPoints({ ...FCN_PRESETS.default, gammas: [0.001, 0.01], alphas: [0.1, 1] });
 * assert.deepEqual(points, [{ gamma: 0.001, alpha: 1 }, { gamma: 0.01, alpha: 1 }, { gamma: 0.01, alpha: 0.1 }]);
 * ```
 */
export function fcnPoints(s: FcnSettings): { gamma: number; alpha: number }[] {
  const points = [
    ...s.gammas.map((gamma) => ({ gamma, alpha: 1 })),
    ...s.alphas.map((alpha) => ({ gamma: s.alphaGamma, alpha })),
  ];
  return points.filter((p, i) => points.findIndex((q) => q.gamma === p.gamma && q.alpha === p.alpha) === i);
}

/**
 * The cells of Figure 5: every (γ, α) point, vanilla and syre.
 *
 * @param common The shared flags.
 * @param s The task's settings.
 * @returns One grid job per cell.
 *
 * @example
 * ```ts
 * import { FCN_PRESETS, fcnJobs } from "./fcn.ts";
 * import assert from "node:assert/strict";
 *
 * const common = { preset: "default", data: "d", out: "o", seed: 1, workers: 1, fresh: false };
 * const jobs = fcnJobs(common, { ...FCN_PRESETS.default, gammas: [0.01], alphas: [0.1] });
 * assert.deepEqual(jobs.map((j) => j.label), [
 *   "vanilla γ=0.01 α=1", "vanilla γ=0.01 α=0.1", "syre γ=0.01 α=1", "syre γ=0.01 α=0.1",
 * ]);
 * ```
 */
export function fcnJobs(common: ImageTaskCommon, s: FcnSettings): GridJob<FcnRow>[] {
  const every = Math.max(1, Math.round(s.steps / 50));
  return (["vanilla", "syre"] as const).flatMap((method) =>
    fcnPoints(s).map(({ gamma, alpha }) => {
      const params: FcnJob = {
        data: common.data,
        trainImages: s.trainImages,
        testImages: s.testImages,
        width: s.width,
        gamma,
        alpha,
        method,
        // Vanilla ignores σ₀: keeping it out of its key lets a σ₀ sweep reuse the vanilla cells.
        sigma: method === "syre" ? s.sigma : 0,
        lr: s.lr,
        steps: s.steps,
        batch: s.batch,
        every,
        probe: 1000,
        threshold: 1e-4,
        seed: common.seed,
      };
      const { data: _, ...identity } = params;
      const cell = { ...identity, dataset: common.dataset };
      const hash = cellHash(FCN_RESULTS_VERSION, cell);
      const macs = 784 * s.width + 2 * s.width * s.width + 10 * s.width;
      return {
        kind: "syre-fcn",
        params,
        identity: cell,
        key: `fcn-${method}-g${gamma}-a${alpha}-${hash}`,
        label: `${method} γ=${gamma} α=${alpha}`,
        cost: (s.steps * s.batch * macs * 6) / 3e9,
        maxEpochs: Math.floor(s.steps / every),
        summarize: (r: FcnRow) =>
          `train ${r.train_accuracy.toFixed(3)}, test ${r.test_accuracy.toFixed(3)}, ` +
          `rank ${r.rank_pre}/${r.rank_post}, ${r.seconds}s`,
      };
    })
  );
}

/**
 * Columns of `fcn.csv` (one line per cell).
 *
 * @example
 * ```ts
 * import { FCN_COLUMNS } from "./fcn.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(FCN_COLUMNS.slice(0, 3), ["method", "gamma", "alpha"]);
 * ```
 */
export const FCN_COLUMNS = [
  "method",
  "gamma",
  "alpha",
  "train_accuracy",
  "test_accuracy",
  "train_loss",
  "rank_pre",
  "rank_post",
  "train_seconds",
] as const;

/**
 * Runs `syre:fcn` (Figure 5) and writes `fcn.csv`, four SVGs (accuracy and
 * rank against γ and against α) and `run.json`.
 *
 * @param common The shared flags.
 * @param s The task's settings.
 * @returns The finished cells.
 *
 * @example Two cells on the project's fixture
 * ```ts
 * import { FCN_PRESETS, runFcn } from "./fcn.ts";
 * import assert from "node:assert/strict";
 *
 * const out = await Deno.makeTempDir();
 * const data = new URL("../../fixtures/idx", import.meta.url).pathname;
 * const common = { preset: "default", data, out, seed: 1, workers: 1, fresh: false };
 * const settings = { ...FCN_PRESETS.default, trainImages: 100, testImages: 40, width: 8, steps: 20 };
 * const rows = await runFcn(common, { ...settings, gammas: [0.01], alphas: [1] });
 * assert.deepEqual(rows.map((r) => r.method), ["vanilla", "syre"]);
 * assert.ok((await Deno.readTextFile(`${out}/fcn_gamma_rank.svg`)).startsWith("<svg"));
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function runFcn(common: ImageTaskCommon, s: FcnSettings): Promise<FcnRow[]> {
  const jobs = fcnJobs(common, s);
  const result = await runExperiment({
    ...syreGridOptions(common, { name: "fcn", task: "syre:fcn", config: { ...common, ...s } }),
    jobs,
    // The row keeps `seconds` (stored cells stay valid); the CSV calls it `train_seconds`, as every table does.
    csv: [{
      file: "fcn.csv",
      columns: FCN_COLUMNS,
      rows: (rows) => rows.map((r) => ({ ...r, train_seconds: r.seconds })),
    }],
    figures: (rows) => fcnFigures(rows, s),
  });
  return result.rows;
}

const METHOD_COLOR: Record<string, string> = { vanilla: PLOT_PALETTE[0], syre: PLOT_PALETTE[1] };

function fcnFigures(rows: readonly FcnRow[], s: FcnSettings): OutputFile[] {
  const figures: OutputFile[] = [];
  const sweeps = [
    {
      name: "gamma",
      axis: { label: "weight decay γ", scale: "log" as const },
      pick: (r: FcnRow) => r.alpha === 1 && s.gammas.includes(r.gamma),
      x: (r: FcnRow) => r.gamma,
      fixed: "α = 1",
    },
    {
      name: "alpha",
      axis: { label: "input scale α", scale: "log" as const },
      pick: (r: FcnRow) => r.gamma === s.alphaGamma && s.alphas.includes(r.alpha),
      x: (r: FcnRow) => r.alpha,
      fixed: `γ = ${s.alphaGamma}`,
    },
  ];
  const setup = `4-layer FCN, width ${s.width}, batch ${s.batch}, SGD lr ${s.lr}, ${s.steps} steps, ` +
    `syre σ₀ = ${s.sigma}/√fan_in`;
  for (const sweep of sweeps) {
    const mine = rows.filter(sweep.pick).sort((a, b) => sweep.x(a) - sweep.x(b));
    if (mine.length === 0) continue;
    const xs = [...new Set(mine.map(sweep.x))];
    const line = (method: string, label: string, y: (r: FcnRow) => number, dashed: boolean): PlotSeries => {
      const r = mine.filter((r) => r.method === method);
      return { label, x: r.map(sweep.x), y: r.map(y), dashed, color: METHOD_COLOR[method] };
    };
    const accuracy = svgPlot({
      title: `Figure 5: accuracy against ${sweep.axis.label} (${sweep.fixed})`,
      subtitle: setup,
      x: sweep.axis,
      y: { label: "accuracy", min: 0, max: 1 },
      series: [
        ...["vanilla", "syre"].flatMap((m) => [
          line(m, `${m} train`, (r) => r.train_accuracy, false),
          line(m, `${m} test`, (r) => r.test_accuracy, true),
        ]),
        {
          label: "random guess",
          x: xs,
          y: xs.map(() => 0.1),
          dashed: true,
          markers: false,
          color: "#000000",
        },
      ],
    });
    figures.push({ file: `fcn_${sweep.name}_accuracy.svg`, text: accuracy });
    const rank = svgPlot({
      title: `Figure 5 insets: first-layer rank against ${sweep.axis.label} (${sweep.fixed})`,
      subtitle: `${s.width} neurons, 1,000 training images, eigenvalues of cov/α² below 1e-4 count as 0`,
      x: sweep.axis,
      y: { label: "rank", min: 0, max: s.width },
      series: ["vanilla", "syre"].flatMap((m) => [
        line(m, `${m} before ReLU`, (r) => r.rank_pre, false),
        line(m, `${m} after ReLU`, (r) => r.rank_post, true),
      ]),
    });
    figures.push({ file: `fcn_${sweep.name}_rank.svg`, text: rank });
  }
  return figures;
}
