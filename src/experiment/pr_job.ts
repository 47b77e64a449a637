import { type Field, gaussianPR } from "../forward/gaussian_pr.ts";
import { canonicalize } from "../symmetry/canonicalize.ts";
import { rectifiedError } from "../symmetry/rectified_error.ts";
import { splitDataset } from "../data/split.ts";
import { knnRegress } from "../knn/knn_regress.ts";
import { layerSizes, type ModelName, parameterCount } from "../nn/architectures.ts";
import { Mlp } from "../nn/mlp.ts";
import { type EpochInfo, fit } from "../nn/fit.ts";
import { initBackend } from "../nn/backend.ts";
import { deriveSeed } from "../random/seed.ts";

/** `"A"`: trained on canonicalised targets (after symmetry breaking); `"B"`: on raw targets. */
export type Variant = "A" | "B";

/** One row of a phase-retrieval table: a model and variant on one (field, n, samples) dataset. */
export interface PRJob {
  field: Field;
  n: number;
  samples: number;
  model: ModelName | "knn";
  variant: Variant;
  /** Run seed; dataset and model seeds are derived from it (see {@linkcode prSeeds}). */
  seed: number;
  epochs: number;
  batch: number;
  learningRate: number;
  patience: number;
  /** K of the K-NN baseline. */
  k: number;
}

/** A finished row, in the CSV's column order. */
export interface PRRow {
  n: number;
  samples: number;
  model: string;
  variant: Variant;
  error: number;
  error_paper_scale: number;
  epochs: number;
  train_seconds: number;
  seed: number;
  field: Field;
  params: number;
  best_epoch: number;
  /** Best validation MSE; `null` for K-NN (it survives a JSON round trip, unlike NaN). */
  val_loss: number | null;
}

/**
 * The seeds of one job. The dataset seed depends only on (seed, field, n,
 * samples), so every model of a cell sees the same data; the network seed
 * (initial weights and batch order) depends also on the model but not on the
 * variant, so A and B differ only in their targets.
 *
 * @example
 * ```ts
 * import { prSeeds } from "./pr_job.ts";
 * import assert from "node:assert/strict";
 *
 * const a = prSeeds({ seed: 1, field: "real", n: 5, samples: 20000, model: "nn" });
 * const b = prSeeds({ seed: 1, field: "real", n: 5, samples: 20000, model: "wnn" });
 * assert.equal(a.dataset, b.dataset);
 * assert.notEqual(a.network, b.network);
 * ```
 */
export function prSeeds(
  job: Pick<PRJob, "seed" | "field" | "n" | "samples" | "model">,
): { dataset: number; network: number } {
  const dataset = deriveSeed(job.seed, `dataset:${job.field}:n=${job.n}:samples=${job.samples}`);
  return { dataset, network: deriveSeed(dataset, `network:${job.model}`) };
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
 * ```
 */
export async function runPRJob(job: PRJob, onEpoch?: (info: EpochInfo) => void): Promise<PRRow> {
  const seeds = prSeeds(job);
  const data = gaussianPR({ field: job.field, n: job.n, samples: job.samples, seed: seeds.dataset });
  const targets = job.variant === "A" ? canonicalize(data.x, data) : data.x;
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
    });
  } else {
    await initBackend();
    const sizes = layerSizes(job.model, data.m, data.d);
    params = parameterCount(sizes);
    const net = new Mlp(sizes, seeds.network);
    try {
      const result = fit(net, {
        x: split.train.x,
        y: split.train.y,
        valX: split.val.x,
        valY: split.val.y,
        seed: seeds.network,
        epochs: job.epochs,
        batch: job.batch,
        learningRate: job.learningRate,
        patience: job.patience,
        onEpoch,
      });
      epochs = result.epochs;
      bestEpoch = result.bestEpoch;
      valLoss = result.bestValLoss;
      pred = net.predict(split.test.x, split.test.rows);
    } finally {
      net.dispose();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const err = rectifiedError(pred, testX, data);
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
