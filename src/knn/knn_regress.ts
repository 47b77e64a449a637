import { checkKnnShapes } from "./knn_search.ts";
import { knnSearchWasm } from "./knn_search_wasm.ts";

/** Options of {@linkcode knnRegress}. */
export interface KnnRegressOptions {
  /** Reference inputs, `refCount × dim` (for phase retrieval: the training y). */
  reference: Float32Array;
  /** Targets of the references, `refCount × targetDim` (the training x). */
  targets: Float32Array;
  /** Inputs to predict for, `queryCount × dim`. */
  queries: Float32Array;
  /** Length of one reference or query row (for phase retrieval: m). */
  dim: number;
  /** Length of one target row, and of one prediction (for phase retrieval: d). */
  targetDim: number;
  /** Neighbours averaged, 1 to 64; default 5, as in the paper. */
  k?: number;
  /** Threads to split the queries between (this one and module Workers); default the core count. */
  workers?: number;
}

/**
 * K-nearest-neighbour regression: each prediction is the mean of the targets
 * of the K references nearest to the query (squared Euclidean distance,
 * lower index first on ties), found by the WebAssembly kernel
 * {@linkcode knnSearchWasm}. With `workers > 1` the queries are split
 * between module Workers; the predictions do not depend on `workers`.
 *
 * @param options References, targets, queries and sizes.
 * @returns Predictions, `queryCount × targetDim`.
 * @throws {TypeError} If `options` is missing, or `reference`, `queries` or `targets` is not a Float32Array.
 * @throws {RangeError} If a size does not fit, or a reference, query or target value is NaN or ±∞.
 *
 * @example The mean of the two nearest targets
 * ```ts
 * import { knnRegress } from "./knn_regress.ts";
 * import assert from "node:assert/strict";
 *
 * const pred = await knnRegress({
 *   reference: new Float32Array([0, 1, 10]),
 *   targets: new Float32Array([2, 4, 100]),
 *   queries: new Float32Array([0.4]),
 *   dim: 1,
 *   targetDim: 1,
 *   k: 2,
 *   workers: 1,
 * });
 * assert.deepEqual([...pred], [3]);
 * ```
 *
 * @example Targets are checked like the points
 * ```ts
 * import { knnRegress } from "./knn_regress.ts";
 * import assert from "node:assert/strict";
 *
 * const opts = { reference: new Float32Array([0, 1]), queries: new Float32Array([0]), dim: 1, targetDim: 1, k: 1 };
 * await assert.rejects(knnRegress({ ...opts, targets: new Float32Array([1, NaN]) }), /targets\[1\] is NaN/);
 * const doubles = new Float64Array(2) as unknown as Float32Array; // not converted: a TypeError
 * await assert.rejects(knnRegress({ ...opts, targets: doubles }), /targets must be a Float32Array, got Float64Array/);
 * ```
 */
export async function knnRegress(options: KnnRegressOptions): Promise<Float32Array> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot regress: options must be an object, got ${options === null ? "null" : typeof options}`,
    );
  }
  const { reference, targets, queries, dim, targetDim } = options;
  const k = options.k ?? 5;
  checkKnnShapes(reference, queries, dim, k);
  if (!Number.isInteger(targetDim) || targetDim < 1) {
    throw new RangeError(`Cannot regress: targetDim must be a positive integer, got ${targetDim}`);
  }
  if (!(targets instanceof Float32Array)) {
    const got = Object.prototype.toString.call(targets).slice(8, -1);
    throw new TypeError(`Cannot regress: targets must be a Float32Array, got ${got}`);
  }
  if (targets.length !== (reference.length / dim) * targetDim) {
    throw new RangeError(
      `Cannot regress: targets length ${targets.length} does not match ${
        reference.length / dim
      } references of targetDim ${targetDim}`,
    );
  }
  for (let i = 0; i < targets.length; i++) {
    if (!Number.isFinite(targets[i])) {
      throw new RangeError(`Cannot regress: targets[${i}] is ${targets[i]}, not a finite number`);
    }
  }
  const { indices } = await knnSearchWasm({ reference, queries, dim, k, workers: options.workers });
  const queryCount = queries.length / dim;
  const out = new Float32Array(queryCount * targetDim);
  for (let q = 0; q < queryCount; q++) {
    for (let j = 0; j < targetDim; j++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += targets[indices[q * k + i] * targetDim + j];
      out[q * targetDim + j] = sum / k;
    }
  }
  return out;
}
