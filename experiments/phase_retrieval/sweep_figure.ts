import type { SweepConfig, SweepPreset } from "./sweep_config.ts";
import { PLOT_PALETTE, type PlotSeries, svgPlot } from "../../src/report/svg_plot.ts";
import type { PRJob, PRRow, Variant } from "./pr_job.ts";
import { prGridJob } from "./pr_grid_job.ts";
import type { GridJob } from "../../src/runner/run_grid.ts";
import { prGridOptions } from "./grid_options.ts";
import { type OutputFile, runExperiment } from "../../src/runner/run_experiment.ts";

/** Fig. 4's presets. The default caps training at 10 epochs so that batch size 1 fits the 15-minute budget. */
export const FIG4_PRESETS: Record<string, SweepPreset> = {
  default: { n: [5, 10, 15], samples: 20000, epochs: 10 },
  paper: { n: [5, 10, 15], samples: 20000, epochs: 100 },
};

/** The paper's mini-batch sizes (Fig. 4, left). */
export const FIG4_BATCHES: readonly number[] = [1, 10, 100, 1000];

/** The paper's learning rates (Fig. 4, right). */
export const FIG4_LEARNING_RATES: readonly number[] = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6];

/** The columns of `fig4_batch.csv` and `fig4_lr.csv`. */
export const FIG4_COLUMNS = [
  "variant",
  "n",
  "batch",
  "learning_rate",
  "error",
  "error_paper_scale",
  "epochs",
  "best_epoch",
  "train_seconds",
  "seed",
  "samples",
] as const;

/** One point of a Fig. 4 panel. */
export type SweepRow = PRRow & { batch: number; learning_rate: number };

/** Fig. 4's settings: the shared ones and the swept values. */
export interface SweepFigureConfig extends SweepConfig {
  /** Mini-batch sizes of the left panel (learning rate fixed at `learningRate`). */
  batches: number[];
  /** Learning rates of the right panel (batch fixed at `batch`). */
  learningRates: number[];
  /** `"A"` (canonicalised targets) and/or `"B"` (raw): the paper is ambiguous, so both by default. */
  variants: Variant[];
}

/** The two panels of Fig. 4: mini-batch size and learning rate. */
export type Sweep = "batch" | "lr";

/**
 * Runs Fig. 4: NN on real PR for every n, sweeping the mini-batch size (at
 * the fixed learning rate) and the learning rate (at the fixed batch size),
 * for each variant, through the shared grid runner. Writes
 * `<name>_batch.csv`, `<name>_lr.csv`, one SVG per panel
 * (`<name>_batch_A.svg`, `<name>_lr_B.svg`, …: log x axis, a line per n,
 * dashed the error of predicting 0) and `run.json`.
 *
 * @param config The settings.
 * @returns The rows of each sweep.
 *
 * @example A tiny run
 * ```ts
 * import { runSweepFigure } from "./sweep_figure.ts";
 * import assert from "node:assert/strict";
 *
 * const out = await Deno.makeTempDir();
 * const rows = await runSweepFigure({
 *   name: "f4", preset: "x", n: [2], samples: 200, seed: 1, epochs: 1, patience: 10, batch: 64,
 *   learningRate: 1e-3, workers: 1, out, fresh: false, batches: [16, 64], learningRates: [1e-3, 1e-2],
 *   variants: ["B"],
 * });
 * assert.deepEqual(rows.batch.map((r) => r.batch), [16, 64]);
 * assert.deepEqual(rows.lr.map((r) => r.learning_rate), [1e-3, 1e-2]);
 * // (batch 64, lr 1e-3) is in both sweeps and trained once.
 * assert.equal(rows.batch[1].error, rows.lr[0].error);
 * assert.match(await Deno.readTextFile(`${out}/f4_lr_B.svg`), /^<svg/);
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function runSweepFigure(config: SweepFigureConfig): Promise<Record<Sweep, SweepRow[]>> {
  const unique = new Map<string, GridJob<PRRow>>();
  const points: { sweep: Sweep; key: string; batch: number; lr: number }[] = [];
  for (const sweep of ["batch", "lr"] as const) {
    const values = sweep === "batch" ? config.batches : config.learningRates;
    for (const variant of config.variants) {
      for (const n of config.n) {
        for (const v of values) {
          const batch = sweep === "batch" ? v : config.batch, lr = sweep === "lr" ? v : config.learningRate;
          const params: PRJob = {
            field: "real",
            n,
            samples: config.samples,
            model: "nn",
            variant,
            seed: config.seed,
            epochs: config.epochs,
            batch,
            learningRate: lr,
            patience: config.patience,
            k: 5,
            backend: config.backend,
          };
          const job = prGridJob(params, `n=${n} nn-${variant} batch ${batch} lr ${lr}`);
          if (!unique.has(job.key)) unique.set(job.key, job);
          points.push({ sweep, key: job.key, batch, lr });
        }
      }
    }
  }
  const jobs = [...unique.values()];
  const index = new Map(jobs.map((j, i) => [j.key, i]));
  const toRows = (rows: readonly (PRRow | undefined)[]) => {
    const out: Record<Sweep, SweepRow[]> = { batch: [], lr: [] };
    for (const p of points) {
      const r = rows[index.get(p.key)!];
      if (r) out[p.sweep].push({ ...r, batch: p.batch, learning_rate: p.lr });
    }
    return out;
  };
  const result = await runExperiment({
    ...prGridOptions(config),
    jobs,
    view: toRows,
    csv: (["batch", "lr"] as const).map((sweep) => ({
      file: `${config.name}_${sweep}.csv`,
      columns: FIG4_COLUMNS,
      rows: (rows: Record<Sweep, SweepRow[]>) => rows[sweep],
    })),
    figures: (rows) => sweepFigures(rows, config),
  });
  return result.view;
}

/** One SVG per (sweep, variant), the panels of a sweep sharing their y range. */
function sweepFigures(rows: Record<Sweep, SweepRow[]>, config: SweepFigureConfig): OutputFile[] {
  return (["batch", "lr"] as const).flatMap((sweep) => {
    const all = rows[sweep];
    const errors = all.map((r) => r.error_paper_scale).concat(config.n.map(zeroPredictorError));
    const yRange = {
      min: 10 ** Math.floor(Math.log10(Math.min(...errors))),
      max: 10 ** Math.ceil(Math.log10(Math.max(...errors))),
    };
    return config.variants.map((variant) => ({
      file: `${config.name}_${sweep}_${variant}.svg`,
      text: panelSvg(sweep, variant, all.filter((r) => r.variant === variant), config, yRange),
    }));
  });
}

/** Paper-scale error of always predicting 0 for x uniform in the real unit ball: E|x|²/n² = 1/(n(n+2)). */
function zeroPredictorError(n: number): number {
  return 1 / (n * (n + 2));
}

function panelSvg(
  sweep: Sweep,
  variant: Variant,
  rows: readonly SweepRow[],
  config: SweepFigureConfig,
  y: { min: number; max: number },
): string {
  const xs = sweep === "batch" ? config.batches : config.learningRates;
  // n = config.n[i] takes palette colour i, its dashed reference line the same colour.
  const color = (i: number) => PLOT_PALETTE[i % PLOT_PALETTE.length];
  const series: PlotSeries[] = [];
  config.n.forEach((n, i) => {
    const mine = rows.filter((r) => r.n === n);
    const at = (v: number) =>
      mine.find((r) => (sweep === "batch" ? r.batch : r.learning_rate) === v)?.error_paper_scale ?? NaN;
    if (xs.some((v) => Number.isFinite(at(v)))) {
      series.push({ label: `NN-${variant}, n = ${n}`, x: xs, y: xs.map(at), color: color(i) });
    }
  });
  const dashed: PlotSeries[] = config.n.map((n, i) => ({
    label: `predicting 0, n = ${n}`,
    x: [Math.min(...xs), Math.max(...xs)],
    y: [zeroPredictorError(n), zeroPredictorError(n)],
    dashed: true,
    markers: false,
    color: color(i),
  }));
  const what = sweep === "batch" ? "mini-batch size" : "learning rate";
  const fixed = sweep === "batch" ? `learning rate ${config.learningRate}` : `batch ${config.batch}`;
  return svgPlot({
    title: `Test error against ${what}, NN-${variant} (${
      variant === "A" ? "after" : "before"
    } symmetry breaking)`,
    subtitle:
      `real Gaussian PR, ${config.samples} samples, ${fixed}, ≤ ${config.epochs} epochs, seed ${config.seed}`,
    x: sweep === "batch"
      ? { label: "mini-batch size", unit: "samples", scale: "log" }
      : { label: "Adam learning rate", scale: "log" },
    y: { label: "rectified test error ÷ n² (paper scale)", scale: "log", ...y },
    series: [...series, ...dashed],
    width: 760,
    height: 460,
  });
}
