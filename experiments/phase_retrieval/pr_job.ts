import type { Field } from "../../src/forward/gaussian_pr.ts";
import { gaussianPRProblem } from "../../src/forward/gaussian_pr_problem.ts";
import { cellSeeds, type CellSpec, learnCell, type Variant } from "../../src/learn/learn_cell.ts";
import type { EpochInfo } from "../../src/nn/fit.ts";
import { deriveSeed } from "../../src/random/seed.ts";

export type { Variant };

/**
 * One row of a phase-retrieval table: a model and variant on one (field, n, samples) dataset, with
 * `learnCell`'s settings (epochs, batch, learning rate and patience are ignored by K-NN). An absent
 * `penalty` (Table 4) or `backend` (wasm) keeps the cell key of earlier versions; `backend` is never
 * `"auto"`: the task settles it first, so the key names the backend that produced the cell.
 */
export interface PRJob extends Omit<CellSpec, "seeds" | "probe"> {
  /** `"real"` (sign symmetry) or `"complex"` (phase symmetry). */
  field: Field;
  /** Signal dimension n; the dataset has m = 4n measurements. */
  n: number;
  /** Run seed; dataset and model seeds are derived from it (see {@linkcode prSeeds}). */
  seed: number;
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
  return cellSeeds(deriveSeed(job.seed, `dataset:${job.field}:n=${job.n}:samples=${job.samples}`), job.model);
}

/**
 * Runs one row: Gaussian phase retrieval as an inverse problem
 * (`gaussianPRProblem`, its matrix A drawn from the dataset seed), learned
 * by `learnCell`: the training targets canonicalised for variant A, the
 * network trained (or K-NN fit on the whole training part), and the mean
 * orbit distance on the raw test set reported ÷ n and ÷ n².
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
  const problem = gaussianPRProblem({ field: job.field, n: job.n, seed: seeds.dataset });
  const { samples, model, variant, epochs, batch, learningRate, patience, k, penalty, backend } = job;
  const cell = await learnCell(
    problem,
    { samples, model, variant, seeds, epochs, batch, learningRate, patience, k, penalty, backend },
    onEpoch,
  );
  const mean = cell.meanOrbitDistance;
  return {
    n: job.n,
    samples: job.samples,
    model: job.model,
    variant: job.variant,
    error: mean / job.n,
    error_paper_scale: mean / (job.n * job.n),
    epochs: cell.epochs,
    train_seconds: Math.round(cell.seconds * 100) / 100,
    seed: job.seed,
    field: job.field,
    params: cell.params,
    best_epoch: cell.bestEpoch,
    val_loss: cell.valLoss,
  };
}
