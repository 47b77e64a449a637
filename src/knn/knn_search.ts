import { searchChecked } from "./_search_checked.ts";

/** Options of {@linkcode knnSearch}. */
export interface KnnSearchOptions {
  /** Reference points, `refCount × dim`, row-major. */
  reference: Float32Array;
  /** Query points, `queryCount × dim`, row-major. */
  queries: Float32Array;
  /** Dimension of every point. */
  dim: number;
  /** Neighbours per query; default 5. */
  k?: number;
}

/** Result of {@linkcode knnSearch}: for each query, its K neighbours, nearest first. */
export interface KnnResult {
  /** `queryCount × k` reference indices. */
  indices: Int32Array;
  /** `queryCount × k` squared Euclidean distances. */
  distances: Float32Array;
}

/**
 * Exact K-nearest-neighbour search by brute force in plain TypeScript:
 * squared Euclidean distance computed as Σ(q − r)² in float64, nearest first,
 * and the lower reference index wins a tie. Distances are returned as float32. Slow and obviously right: it is the
 * oracle that faster kernels are tested against.
 *
 * @param options Points, dimension and K.
 * @returns Indices and distances of the neighbours.
 *
 * @example Two references, one query
 * ```ts
 * import { knnSearch } from "./knn_search.ts";
 * import assert from "node:assert/strict";
 *
 * const { indices, distances } = knnSearch({
 *   reference: new Float32Array([0, 0, 3, 4]),
 *   queries: new Float32Array([3, 3]),
 *   dim: 2,
 *   k: 1,
 * });
 * assert.deepEqual([...indices], [1]);
 * assert.deepEqual([...distances], [1]);
 * ```
 */
export function knnSearch(options: KnnSearchOptions): KnnResult {
  const { reference, queries, dim } = options;
  const k = options.k ?? 5;
  checkKnnShapes(reference, queries, dim, k);
  return searchChecked(reference, queries, dim, k);
}

/**
 * Checks the inputs of a K-NN search and throws an error naming the
 * argument when they do not fit together: a `TypeError` unless both point
 * sets are Float32Arrays, else a `RangeError` unless `dim` is a positive
 * integer, the reference set is non-empty, rows are whole, values are finite
 * and K is in [1, refCount].
 *
 * @param reference Reference points, `refCount × dim`.
 * @param queries Query points, `queryCount × dim`.
 * @param dim Dimension of every point.
 * @param k Neighbours per query.
 * @throws {TypeError} If `reference` or `queries` is not a Float32Array.
 * @throws {RangeError} If any other check fails.
 *
 * @example More neighbours than references
 * ```ts
 * import { checkKnnShapes } from "./knn_search.ts";
 * import assert from "node:assert/strict";
 *
 * const reference = new Float32Array([0, 0, 1, 1]);
 * assert.doesNotThrow(() => checkKnnShapes(reference, new Float32Array(2), 2, 2));
 * assert.throws(() => checkKnnShapes(reference, new Float32Array(2), 2, 3), RangeError);
 * ```
 */
export function checkKnnShapes(
  reference: Float32Array,
  queries: Float32Array,
  dim: number,
  k: number,
): void {
  checkType("reference", reference);
  checkType("queries", queries);
  if (!Number.isInteger(dim) || dim < 1) {
    throw new RangeError(`Cannot search neighbours: dim must be a positive integer, got ${dim}`);
  }
  if (reference.length === 0) throw new RangeError("Cannot search neighbours: reference is empty");
  if (reference.length % dim !== 0) {
    throw new RangeError(
      `Cannot search neighbours: reference length ${reference.length} is not a multiple of dim ${dim}`,
    );
  }
  if (queries.length % dim !== 0) {
    throw new RangeError(
      `Cannot search neighbours: queries length ${queries.length} is not a multiple of dim ${dim}`,
    );
  }
  checkFinite("reference", reference);
  checkFinite("queries", queries);
  const refCount = reference.length / dim;
  if (!Number.isInteger(k) || k < 1 || k > refCount) {
    throw new RangeError(
      `Cannot search neighbours: k must be an integer in [1, ${refCount}], got ${k}`,
    );
  }
}

function checkType(name: string, a: unknown): void {
  if (!(a instanceof Float32Array)) {
    const got = Object.prototype.toString.call(a).slice(8, -1);
    throw new TypeError(`Cannot search neighbours: ${name} must be a Float32Array, got ${got}`);
  }
}

function checkFinite(name: string, a: Float32Array): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) {
      throw new RangeError(`Cannot search neighbours: ${name}[${i}] is ${a[i]}, not a finite number`);
    }
  }
}
