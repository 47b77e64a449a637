import type { BackendName } from "../../src/nn/backend.ts";
import { type PlotSeries, svgPlot } from "../../src/report/svg_plot.ts";
import type { Variant } from "./pr_job.ts";
import { prGridOptions } from "./grid_options.ts";
import { runExperiment } from "../../src/runner/run_experiment.ts";
import { sqrtDataset, type SqrtJob, type SqrtRow } from "./sqrt_job.ts";
import { cellHash } from "../../src/runner/cell_store.ts";
import { splitDataset } from "../../src/data/split.ts";

/** Fig. 2's settings. The paper gives none ("sufficiently many" samples); these are ours. */
export interface SqrtFigureConfig {
  /** Task name: output base name and cell folder. */
  name: string;
  /** The preset the settings came from. */
  preset: string;
  /** Pairs (x, x²) drawn. */
  samples: number;
  /** Run seed. */
  seed: number;
  /** Most epochs. */
  epochs: number;
  /** Mini-batch size. */
  batch: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Early-stopping patience. */
  patience: number;
  /** Parallel workers. */
  workers: number;
  /** Output folder. */
  out: string;
  /** Forget stored cells. */
  fresh: boolean;
  /** The backend networks train on (`selectBackend` settles `--backend`); absent: wasm. */
  backend?: BackendName;
  /** The WebGPU adapter's description, recorded in `run.json` beside a WebGPU backend. */
  adapter?: string;
}

/** Fig. 2's presets: the paper gives no setting, so both are ours; `paper` draws five times more pairs. */
export const FIG2_PRESETS: Record<string, { samples: number; epochs: number }> = {
  default: { samples: 2000, epochs: 100 },
  paper: { samples: 10000, epochs: 100 },
};

/** The columns of `fig2.csv`. */
export const FIG2_COLUMNS = [
  "variant",
  "symmetry_breaking",
  "error",
  "samples",
  "epochs",
  "best_epoch",
  "train_seconds",
  "seed",
] as const;

/** Part of the cell keys: bump when a code change alters a job's result. */
const SQRT_RESULTS_VERSION = 1;

/** Where the learned curves are drawn: 201 inputs x² from 0 to 1. */
const CURVE_INPUTS = Array.from({ length: 201 }, (_, i) => i / 200);

/** Training pairs joined in order of x² to show the function they define; more would fill the band solid. */
const ZIGZAG_POINTS = 60;

/**
 * Runs Fig. 2: the paper's NN learns the square root from pairs (x, x²),
 * once on raw x (B) and once on |x| (A, sign symmetry broken), through the
 * shared grid runner. Writes `<name>.csv` (the two sign-rectified test
 * errors), `<name>.svg` (training pairs, the oscillating function they
 * define, both learned curves and the true branches ±√) and `run.json`.
 *
 * @param config The settings.
 * @returns The rows, A then B.
 *
 * @example A tiny run
 * ```ts
 * import { runSqrtFigure } from "./sqrt_figure.ts";
 * import assert from "node:assert/strict";
 *
 * const out = await Deno.makeTempDir();
 * const rows = await runSqrtFigure({
 *   name: "f2", preset: "x", samples: 200, seed: 1, epochs: 2, batch: 32, learningRate: 1e-3,
 *   patience: 10, workers: 1, out, fresh: false,
 * });
 * assert.deepEqual(rows.map((r) => r.variant), ["A", "B"]);
 * assert.match(await Deno.readTextFile(`${out}/f2.svg`), /^<svg/);
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function runSqrtFigure(config: SqrtFigureConfig): Promise<SqrtRow[]> {
  const variants: Variant[] = ["A", "B"];
  const jobs = variants.map((variant) => {
    const params: SqrtJob = {
      variant,
      samples: config.samples,
      seed: config.seed,
      epochs: config.epochs,
      batch: config.batch,
      learningRate: config.learningRate,
      patience: config.patience,
      curveInputs: CURVE_INPUTS,
      // Only a backend other than wasm enters the params: wasm cells keep their keys.
      ...(config.backend && config.backend !== "wasm" ? { backend: config.backend } : {}),
    };
    const hash = cellHash(SQRT_RESULTS_VERSION, params);
    const tag = params.backend ? `-${params.backend}` : "";
    return {
      kind: "sqrt" as const,
      params,
      key: `sqrt-s${config.samples}-${variant}${tag}-${hash}`,
      label: `sqrt nn-${variant}`,
      cost: config.samples * config.epochs * 4e-5,
      maxEpochs: config.epochs,
      summarize: (r: SqrtRow) => `error ${r.error.toPrecision(3)}, ${r.epochs} epochs, ${r.train_seconds}s`,
    };
  });
  const result = await runExperiment({
    ...prGridOptions(config),
    jobs,
    csv: [{ file: `${config.name}.csv`, columns: FIG2_COLUMNS }],
    figures: (rows) => [{ file: `${config.name}.svg`, text: sqrtSvg(rows, config) }],
  });
  return result.rows;
}

function sqrtSvg(rows: readonly SqrtRow[], config: SqrtFigureConfig): string {
  const data = sqrtDataset(config.samples, config.seed);
  // The pairs the networks trained on (splitDataset's training part); show at most 1500 of them.
  const train = splitDataset(data.y, data.x, config.samples).train.rows, shown = Math.min(train, 1500);
  const zigzag = [...Array(Math.min(train, ZIGZAG_POINTS)).keys()].sort((a, b) => data.y[a] - data.y[b]);
  const root = CURVE_INPUTS.map(Math.sqrt);
  const curve = (v: Variant) => rows.find((r) => r.variant === v)!;
  const a = curve("A"), b = curve("B");
  // Bottom to top: the true branches, the zigzag, the pairs (on the branches), then the learned curves.
  const series: PlotSeries[] = [
    {
      label: "true inverse: ±√(x²)",
      x: [...CURVE_INPUTS, NaN, ...CURVE_INPUTS],
      y: [...root, NaN, ...root.map((v) => -v)],
      color: "#000000",
      dashed: true,
      markers: false,
    },
    {
      label: `function the first ${zigzag.length} pairs define`,
      x: zigzag.map((i) => data.y[i]),
      y: zigzag.map((i) => data.x[i]),
      color: "#E69F00",
      markers: false,
    },
    {
      label: `training pairs (x², x), ${shown} shown`,
      x: [...data.y.subarray(0, shown)],
      y: [...data.x.subarray(0, shown)],
      kind: "scatter",
      color: "#999999",
      shape: "circle",
      opacity: 0.5,
      markerSize: 2.5,
    },
    {
      label: `NN-B, trained on x (error ${b.error.toPrecision(2)})`,
      x: CURVE_INPUTS,
      y: b.curve,
      color: "#D55E00",
      markers: false,
    },
    {
      label: `NN-A, trained on |x| (error ${a.error.toPrecision(2)})`,
      x: CURVE_INPUTS,
      y: a.curve,
      color: "#0072B2",
      markers: false,
    },
  ];
  return svgPlot({
    title: "Learning the square root from pairs (x, x²)",
    subtitle: `x uniform in [−1, 1], ${config.samples} pairs, NN 256-128-64, seed ${config.seed}; ` +
      `error: test MSE up to sign`,
    x: { label: "input: the measurement x²", min: 0, max: 1 },
    y: { label: "output: the recovered x", min: -1, max: 1 },
    series,
    width: 900,
    height: 520,
  });
}
