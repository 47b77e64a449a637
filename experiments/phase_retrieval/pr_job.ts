import { type Field, gaussianPR } from "../../src/forward/gaussian_pr.ts";
import { canonicalizeWasm, rectifiedErrorWasm } from "../../src/symmetry/symmetry_wasm.ts";
import { splitDataset } from "../../src/data/split.ts";
import { knnRegress } from "../../src/knn/knn_regress.ts";
import { layerSizes, type ModelName, parameterCount } from "../../src/nn/architectures.ts";
import { Mlp } from "../../src/nn/mlp.ts";
import { type EpochInfo, fit } from "../../src/nn/fit.ts";
import { type BackendName, initBackend } from "../../src/nn/backend.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import type { WeightPenalty } from "../../src/nn/weight_penalty.ts";

/** `"A"`: trained on canonicalised targets (after symmetry breaking); `"B"`: on raw targets. */
export type Variant = "A" | "B";

/** One row of a phase-retrieval table: a model and variant on one (field, n, samples) dataset. */
export interface PRJob {
  /** `"real"` (sign symmetry) or `"complex"` (phase symmetry). */
  field: Field;
  /** Signal dimension n; the dataset has m = 4n measurements. */
  n: number;
  /** Size of the whole dataset (train, validation and test). */
  samples: number;
  /** The network (`"nn"`, `"wnn"`, `"dnn"`) or the K-NN baseline. */
  model: ModelName | "knn";
  /** Canonicalised (`"A"`) or raw (`"B"`) training targets. */
  variant: Variant;
  /** Run seed; dataset and model seeds are derived from it (see {@linkcode prSeeds}). */
  seed: number;
  /** Maximum training epochs (ignored by K-NN). */
  epochs: number;
  /** Mini-batch size (ignored by K-NN). */
  batch: number;
  /** Adam learning rate (ignored by K-NN). */
  learningRate: number;
  /** Early-stopping patience in epochs (ignored by K-NN). */
  patience: number;
  /** K of the K-NN baseline. */
  k: number;
  /** L1/L2 weight penalty of the network (Table 4); absent: none, and cell keys stay as before. */
  penalty?: WeightPenalty;
  /**
   * The tfjs backend networks train on (ignored by K-NN); absent: wasm, and
   * cell keys stay as before. Never `"auto"`: the task resolves it first, so
   * the key names the backend that produced the cell.
   */
  backend?: BackendName;
}

/** A finished row, in the CSV's column order. */
export interface PRRow {
  /** Signal dimension n. */
  n: number;
  /** Size of the whole dataset. */
  samples: number;
  /** `"nn"`, `"wnn"`, `"dnn"` or `"knn"`. */
  model: string;
  /** Canonicalised (`"A"`) or raw (`"B"`) training targets. */
  variant: Variant;
  /** Rectified test error ÷ n (formula (4.1)/(4.2) as printed). */
  error: number;
  /** Rectified test error ÷ n², the scale of the paper's tables. */
  error_paper_scale: number;
  /** Epochs run (early stopping included); 0 for K-NN. */
  epochs: number;
  /** Wall-clock seconds of training and prediction, two decimals. */
  train_seconds: number;
  /** The run seed the dataset and network seeds were derived from. */
  seed: number;
  /** `"real"` or `"complex"`. */
  field: Field;
  /** Trainable parameters of the network; 0 for K-NN. */
  params: number;
  /** The 1-based epoch whose weights were kept; 0 for K-NN. */
  best_epoch: number;
  /** Best validation MSE; `null` for K-NN (it survives a JSON round trip, unlike NaN). */
  val_loss: number | null;
}

/**
 * The seeds of one job. The dataset seed depends only on (seed, field, n,
 * samples), so every model of a cell sees the same data; the seeds of the
 * initial weights and of the batch order depend also on the model but not on
 * the variant, so A and B differ only in their targets. Weights and batches
 * draw from separate streams.
 *
 * @param job The run seed and what identifies the dataset and the model.
 * @returns The dataset, initial-weight and batch-order seeds.
 *
 * @example Same data for every model, different initial weights
 * ```ts
 * import { prSeeds } from "./pr_job.ts";
 * import assert from "node:assert/strict";
 *
 * const a = prSeeds({ seed: 1, field: "real", n: 5, samples: 20000, model: "nn" });
 * const b = prSeeds({ seed: 1, field: "real", n: 5, samples: 20000, model: "wnn" });
 * assert.equal(a.dataset, b.dataset);
 * assert.notEqual(a.init, b.init);
 * assert.notEqual(a.init, a.batches);
 * ```
 */
export function prSeeds(
  job: Pick<PRJob, "seed" | "field" | "n" | "samples" | "model">,
): { dataset: number; init: number; batches: number } {
  const dataset = deriveSeed(job.seed, `dataset:${job.field}:n=${job.n}:samples=${job.samples}`);
  return {
    dataset,
    init: deriveSeed(dataset, `init:${job.model}`),
    batches: deriveSeed(dataset, `batches:${job.model}`),
  };
}

/**
 * Runs one row: draws the cell's dataset, canonicalises the training targets
 * for variant A, trains the network (or fits K-NN on the whole training
 * part) and reports the rectified error on the raw test set.
 *
 * @param job What to run.
 * @param onEpoch Progress callback for network training.
 * @returns The finished row.
 *
 * @example K-NN on a tiny cell
 * ```ts
 * import { runPRJob } from "./pr_job.ts";
 * import assert from "node:assert/strict";
 *
 * const row = await runPRJob({
 *   field: "real", n: 2, samples: 200, model: "knn", variant: "A", seed: 1,
 *   epochs: 1, batch: 64, learningRate: 1e-3, patience: 10, k: 5,
 * });
 * assert.ok(row.error_paper_scale >= 0);
 * assert.equal(row.error_paper_scale, row.error / 2);
 * assert.equal(row.val_loss, null);
 * ```
 *
 * @example A network for one epoch
 * ```ts
 * import { runPRJob } from "./pr_job.ts";
 * import assert from "node:assert/strict";
 *
 * const epochs: number[] = [];
 * const row = await runPRJob({
 *   field: "real", n: 2, samples: 200, model: "nn", variant: "A", seed: 1,
 *   epochs: 1, batch: 64, learningRate: 1e-3, patience: 10, k: 5,
 * }, (info) => void epochs.push(info.epoch));
 * assert.deepEqual(epochs, [1]);
 * assert.equal(row.epochs, 1);
 * assert.equal(row.params, 8 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64 + 64 * 2 + 2);
 * ```
 */
export async function runPRJob(job: PRJob, onEpoch?: (info: EpochInfo) => void): Promise<PRRow> {
  const seeds = prSeeds(job);
  const data = gaussianPR({ field: job.field, n: job.n, samples: job.samples, seed: seeds.dataset });
  // The WebAssembly kernels give the bytes of canonicalize() and rectifiedError().
  const targets = job.variant === "A" ? await canonicalizeWasm(data.x, data) : data.x;
  const split = splitDataset(data.y, targets, data.samples);
  // The test targets are the raw signals, never canonicalised.
  const testX = splitDataset(data.y, data.x, data.samples).test.y;
  const started = performance.now();
  let pred: Float32Array, params = 0, epochs = 0, bestEpoch = 0, valLoss: number | null = null;
  if (job.model === "knn") {
    pred = await knnRegress({
      reference: split.trainAll.x,
      targets: split.trainAll.y,
      queries: split.test.x,
      dim: data.m,
      targetDim: data.d,
      k: job.k,
      workers: 1, // the grid already runs one cell per core
    });
  } else {
    await initBackend({ backend: job.backend });
    const sizes = layerSizes(job.model, data.m, data.d);
    params = parameterCount(sizes);
    const net = new Mlp(sizes, seeds.init);
    try {
      const result = await fit(net, {
        x: split.train.x,
        y: split.train.y,
        valX: split.val.x,
        valY: split.val.y,
        seed: seeds.batches,
        epochs: job.epochs,
        batch: job.batch,
        learningRate: job.learningRate,
        patience: job.patience,
        penalty: job.penalty,
        backend: job.backend,
        onEpoch,
      });
      epochs = result.epochs;
      bestEpoch = result.bestEpoch;
      valLoss = result.bestValLoss;
      pred = await net.predictAsync(split.test.x, split.test.rows);
    } finally {
      net.dispose();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const err = await rectifiedErrorWasm(pred, testX, data);
  return {
    n: job.n,
    samples: job.samples,
    model: job.model,
    variant: job.variant,
    error: err.error,
    error_paper_scale: err.errorPaperScale,
    epochs,
    train_seconds: Math.round(seconds * 100) / 100,
    seed: job.seed,
    field: job.field,
    params,
    best_epoch: bestEpoch,
    val_loss: valLoss,
  };
}
