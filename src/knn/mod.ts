/**
 * Exact K-nearest-neighbour search and regression. {@linkcode knnSearch} is the
 * TypeScript reference; {@linkcode knnSearchWasm} and {@linkcode knnRegress} run
 * the WebAssembly kernel, on worker threads when asked.
 *
 * @example The nearest of two points
 * ```ts
 * import { knnSearch } from "./mod.ts";
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
 *
 * @module
 */
export * from "./knn_regress.ts";
export * from "./knn_search.ts";
export * from "./knn_search_wasm.ts";
