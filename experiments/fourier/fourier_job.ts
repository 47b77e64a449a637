import { splitDataset } from "../../src/data/split.ts";
import { loadImageDataset } from "../../src/data/image_dataset.ts";
import { resizeImages } from "../../src/data/resize_images.ts";
import { fourierPR, type FourierPRProblem, type FourierRule } from "../../src/forward/fourier_pr.ts";
import { hio } from "../../src/forward/hio.ts";
import { cellSeeds, learnCell, type LearnerName } from "../../src/learn/learn_cell.ts";
import type { EpochInfo } from "../../src/nn/fit.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { alignTo } from "../../src/symmetry/align.ts";

/** The two settings: complex 1-D signals uniform in the unit ball, real non-negative 2-D images. */
export type FourierSetting = "complex-1d" | "real-2d";

/** A method of the comparison: one of the paper's learners, or Fienup's HIO. */
export type FourierMethod = LearnerName | "hio";

/** One cell of the Fourier phase-retrieval comparison, as plain data. */
export interface FourierJob {
  /** Which signals. */
  setting: FourierSetting;
  /** Signal size per axis before padding. */
  n: number;
  /** Grid size ÷ signal size per axis. */
  oversample: number;
  /** Pairs drawn (72 % train, 8 % validation, 20 % test). */
  samples: number;
  /** The learner or HIO. */
  model: FourierMethod;
  /** `"A"` canonicalised targets, `"B"` raw, `"-"` for HIO. */
  variant: "A" | "B" | "-";
  /** The canonicalisation rule of variant A, `"-"` otherwise. */
  rule: FourierRule | "-";
  /** Run seed: the dataset derives from it and the setting alone, so every method sees the same pairs. */
  seed: number;
  /** Most epochs per network. */
  epochs: number;
  /** Mini-batch size. */
  batch: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Early-stopping patience in epochs. */
  patience: number;
  /** Neighbours of K-NN. */
  k: number;
  /** HIO: iterations per start. */
  hioIterations: number;
  /** HIO: error-reduction iterations after the HIO ones. */
  hioEr: number;
  /** HIO: random starts per signal. */
  hioRestarts: number;
  /** HIO: test signals reconstructed. */
  hioSignals: number;
  /** Test signals whose reconstructions come back for the figure (the first ones). */
  examples: number;
  /** Image folder of `real-2d` (MNIST format). */
  data?: string;
  /** The dataset's fingerprint, part of the cell key only. */
  dataset?: string;
}

/** One row of `fourier.csv`, with the figure's images (not in the CSV). */
export interface FourierRow {
  /** The setting. */
  setting: FourierSetting;
  /** Signal size per axis before padding. */
  n: number;
  /** Pairs drawn. */
  samples: number;
  /** The learner or HIO. */
  model: FourierMethod;
  /** `"A"` canonicalised targets, `"B"` raw, `"-"` for HIO. */
  variant: "A" | "B" | "-";
  /** The rule of variant A, `"-"` otherwise. */
  rule: FourierRule | "-";
  /** Mean orbit distance ÷ mean ‖x‖² of the scored test signals (symmetry-adjusted relative MSE; 1 = predicting 0). */
  error: number;
  /** Mean orbit distance min_g ‖g·x̂ − x‖². */
  orbit_distance: number;
  /** Seconds to reconstruct one test signal: a forward pass or K-NN query, or one HIO run with every start. */
  seconds_per_signal: number;
  /** Wall-clock seconds of training and prediction (HIO: of every reconstruction), two decimals. */
  train_seconds: number;
  /** Test signals scored. */
  signals: number;
  /** Epochs run (settings: most epochs); 0 for K-NN and HIO. */
  epochs: number;
  /** The 1-based epoch whose weights were kept; 0 for K-NN and HIO. */
  best_epoch: number;
  /** Trainable parameters; 0 for K-NN and HIO. */
  params: number;
  /** Best validation MSE; null for K-NN and HIO. */
  val_loss: number | null;
  /** The run seed. */
  seed: number;
  /** The first test signals on the grid, their reconstructions aligned to them, and the raw reconstructions. */
  examples?: { truth: number[]; aligned: number[]; raw: number[] };
}

const IMAGES = new Map<string, Promise<Float32Array>>();

/**
 * The images of `real-2d`: the first `count` training images (then test
 * images, if there are fewer) of an MNIST-format folder, area-resized to
 * n × n and scaled to unit norm; loaded once per worker.
 *
 * @param dir The folder.
 * @param n The side of the resized images.
 * @param count How many images at most.
 * @returns `images × n × n` pixels.
 *
 * @example The fixture's 140 images at 8 × 8
 * ```ts
 * import { fourierImages } from "./fourier_job.ts";
 * import assert from "node:assert/strict";
 *
 * const images = await fourierImages(new URL("../../fixtures/idx", import.meta.url).pathname, 8, 1000);
 * assert.equal(images.length, 140 * 64);
 * assert.ok(Math.abs(Math.hypot(...images.subarray(0, 64)) - 1) < 1e-5);
 * ```
 */
export function fourierImages(dir: string, n: number, count: number): Promise<Float32Array> {
  const key = `${dir}\u0000${n}\u0000${count}`;
  let images = IMAGES.get(key);
  if (!images) {
    images = (async () => {
      const { train, test } = await loadImageDataset(dir, { trainLimit: count, testLimit: count });
      const all = new Float32Array((train.count + test.count) * train.height * train.width);
      all.set(train.images);
      all.set(test.images, train.images.length);
      const total = Math.min(count, train.count + test.count);
      const small = resizeImages(all.subarray(0, total * train.height * train.width), [
        train.height,
        train.width,
      ], [
        n,
        n,
      ]);
      for (let r = 0; r < total; r++) {
        const row = small.subarray(r * n * n, (r + 1) * n * n);
        const norm = Math.hypot(...row) || 1;
        for (let j = 0; j < row.length; j++) row[j] /= norm;
      }
      return small;
    })();
    IMAGES.set(key, images);
  }
  return images;
}

/**
 * The problem of a cell: `fourierPR` on the setting's signals with the
 * cell's rule (the reference rule where the cell has none).
 *
 * @param job The cell.
 * @returns The problem.
 *
 * @example
 * ```ts
 * import { fourierProblem } from "./fourier_job.ts";
 * import assert from "node:assert/strict";
 *
 * const p = await fourierProblem({ setting: "complex-1d", n: 4, oversample: 2, samples: 100, rule: "centring" });
 * assert.equal(p.name, "fourier-pr-complex-4-os2-centring");
 * ```
 */
export async function fourierProblem(
  job: Pick<FourierJob, "setting" | "n" | "oversample" | "samples" | "rule" | "data">,
): Promise<FourierPRProblem> {
  const rule = job.rule === "-" ? "reference" : job.rule;
  if (job.setting === "complex-1d") {
    return fourierPR({ shape: [job.n], field: "complex", oversample: job.oversample, rule });
  }
  if (job.data === undefined) {
    throw new TypeError(`Cannot run Fourier PR on images: the job names no data folder`);
  }
  const data = await fourierImages(job.data, job.n, job.samples);
  return fourierPR({ shape: [job.n, job.n], field: "real", oversample: job.oversample, data, rule });
}

/**
 * Runs one cell: draws the setting's dataset (seeded by the run seed and
 * the setting, so that every method and rule sees the same pairs), then
 * either learns it with `learnCell` (variant A: targets canonicalised by
 * the cell's rule; B: raw) or reconstructs the first `hioSignals` test
 * signals with HIO, and scores raw test signals with the orbit distance.
 *
 * @param job The cell.
 * @param onEpoch Progress of network training.
 * @returns The row, with the first `examples` test signals and reconstructions.
 *
 * @example HIO and K-NN on complex 1-D signals
 * ```ts
 * import { runFourierJob } from "./fourier_job.ts";
 * import assert from "node:assert/strict";
 *
 * const job = {
 *   setting: "complex-1d", n: 4, oversample: 2, samples: 200, seed: 1, epochs: 1, batch: 64,
 *   learningRate: 1e-3, patience: 5, k: 5, hioIterations: 50, hioEr: 10, hioRestarts: 2, hioSignals: 5, examples: 0,
 * } as const;
 * const knn = await runFourierJob({ ...job, model: "knn", variant: "A", rule: "reference" });
 * const classical = await runFourierJob({ ...job, model: "hio", variant: "-", rule: "-" });
 * assert.equal(knn.signals, 40);
 * assert.equal(classical.signals, 5);
 * assert.ok(knn.error > 0 && classical.error >= 0 && classical.seconds_per_signal > 0);
 * ```
 */
export async function runFourierJob(
  job: FourierJob,
  onEpoch?: (info: EpochInfo) => void,
): Promise<FourierRow> {
  const problem = await fourierProblem(job);
  const dataset = deriveSeed(
    job.seed,
    `fourier:${job.setting}:n=${job.n}:os=${job.oversample}:samples=${job.samples}`,
  );
  const x = problem.sample(job.samples, dataset);
  const test = splitDataset(problem.forward(x), x, job.samples).test;
  const dim = problem.signalDim, meas = problem.measurementDim;
  const base = {
    setting: job.setting,
    n: job.n,
    samples: job.samples,
    model: job.model,
    variant: job.variant,
    rule: job.rule,
    seed: job.seed,
  };
  const examples = Math.min(job.examples, test.rows);
  const probeY = test.x.slice(0, examples * meas), truth = test.y.slice(0, examples * dim);
  // The figure's images: the first test signals, their reconstructions aligned to them, and as they came.
  const pack = (raw: Float32Array) => {
    const rows = raw.length / dim, truthRows = truth.subarray(0, rows * dim);
    return rows === 0 ? {} : {
      examples: {
        truth: [...truthRows],
        aligned: [...alignTo(problem.symmetry, raw, truthRows)],
        raw: [...raw],
      },
    };
  };
  if (job.model === "hio") {
    const signals = Math.min(job.hioSignals, test.rows);
    const started = performance.now();
    const found = hio(problem, test.x.slice(0, signals * meas), {
      seed: deriveSeed(dataset, "hio"),
      iterations: job.hioIterations,
      erIterations: job.hioEr,
      restarts: job.hioRestarts,
    });
    const seconds = (performance.now() - started) / 1000;
    const target = test.y.slice(0, signals * dim);
    const d = problem.symmetry.orbitDistance(found.x, target);
    const mean = d.reduce((a, b) => a + b, 0) / signals;
    return {
      ...base,
      error: mean / meanNorm2(target, dim),
      orbit_distance: mean,
      seconds_per_signal: seconds / signals,
      train_seconds: Math.round(seconds * 100) / 100,
      signals,
      epochs: 0,
      best_epoch: 0,
      params: 0,
      val_loss: null,
      ...pack(found.x.slice(0, Math.min(examples, signals) * dim)),
    };
  }
  const seeds = cellSeeds(dataset, job.model);
  const { samples, epochs, batch, learningRate, patience, k } = job;
  const cell = await learnCell(
    problem,
    {
      samples,
      model: job.model,
      variant: job.variant === "B" ? "B" : "A",
      seeds,
      epochs,
      batch,
      learningRate,
      patience,
      k,
      ...(examples > 0 ? { probe: probeY } : {}),
    },
    onEpoch,
  );
  return {
    ...base,
    error: cell.meanOrbitDistance / meanNorm2(test.y, dim),
    orbit_distance: cell.meanOrbitDistance,
    seconds_per_signal: cell.predictSeconds / test.rows,
    train_seconds: Math.round(cell.seconds * 100) / 100,
    signals: test.rows,
    epochs: cell.epochs,
    best_epoch: cell.bestEpoch,
    params: cell.params,
    val_loss: cell.valLoss,
    ...(cell.probe ? pack(cell.probe) : {}),
  };
}

function meanNorm2(x: Float32Array, dim: number): number {
  let s = 0;
  for (const v of x) s += v * v;
  return s / (x.length / dim);
}
