/** Row-major inputs and targets of one part of a dataset. */
export interface Part {
  /** Inputs (for phase retrieval: the measurements y), `rows × inDim`. */
  x: Float32Array;
  /** Targets (the signals x), `rows × outDim`. */
  y: Float32Array;
  /** Number of rows in this part. */
  rows: number;
}

/** The paper's split: 80 % train (of which 10 % validation), 20 % test. */
export interface Split {
  /** The rows the network's gradient steps see: 72 % of the data. */
  train: Part;
  /** The last 10 % of the training part, for early stopping. */
  val: Part;
  /** The whole training part (train and validation), what K-NN is fit on. */
  trainAll: Part;
  /** The last 20 %, never canonicalised. */
  test: Part;
}

/**
 * Splits a dataset in the paper's proportions. The rows are iid, so the parts
 * are contiguous: training part first, test part last, validation at the end
 * of the training part. The parts are views, not copies.
 *
 * @param inputs `samples × inDim`.
 * @param targets `samples × outDim`.
 * @param samples Number of rows.
 * @returns The four parts.
 *
 * @example 2e4 samples
 * ```ts
 * import { splitDataset } from "./split.ts";
 * import assert from "node:assert/strict";
 *
 * const s = splitDataset(new Float32Array(20000), new Float32Array(20000), 20000);
 * assert.deepEqual([s.train.rows, s.val.rows, s.test.rows], [14400, 1600, 4000]);
 * ```
 */
export function splitDataset(inputs: Float32Array, targets: Float32Array, samples: number): Split {
  if (!Number.isInteger(samples) || samples < 10) {
    throw new RangeError(`Cannot split dataset: need at least 10 samples, got ${samples}`);
  }
  const inDim = inputs.length / samples, outDim = targets.length / samples;
  if (!Number.isInteger(inDim) || !Number.isInteger(outDim)) {
    throw new RangeError(`Cannot split dataset: lengths do not hold ${samples} whole rows`);
  }
  const trainAll = Math.floor(0.8 * samples);
  const val = Math.floor(0.1 * trainAll);
  const part = (from: number, to: number): Part => ({
    x: inputs.subarray(from * inDim, to * inDim),
    y: targets.subarray(from * outDim, to * outDim),
    rows: to - from,
  });
  return {
    train: part(0, trainAll - val),
    val: part(trainAll - val, trainAll),
    trainAll: part(0, trainAll),
    test: part(trainAll, samples),
  };
}
