import { checkKnnShapes, type KnnResult } from "./knn_search.ts";
import { searchChecked } from "./_search_checked.ts";
import { CHUNK_BYTES, type KernelLayout, QUERY_BLOCK, runQueries, type RunStats } from "./_kernel_run.ts";
import { SCREEN_MAX_DIM, screenBytes, screenLayout, writeScreen } from "./_screen.ts";
import { type KernelExports, kernelModule, type SimdPath } from "../wasm/kernels.ts";
// Re-exported so that this folder's entry point documents the types its signatures take.
export type { SimdPath };

/** Options of {@linkcode knnSearchWasm}. */
export interface KnnSearchWasmOptions {
  /** Reference points, `refCount × dim`, row-major. */
  reference: Float32Array;
  /** Query points, `queryCount × dim`, row-major. */
  queries: Float32Array;
  /** Dimension of every point. */
  dim: number;
  /** Neighbours per query, 1 to 64 (and at most refCount); default 5. */
  k?: number;
  /** Threads to split the queries between (this one included); default the core count. */
  workers?: number;
  /** SIMD build: `"relaxed"` (fused multiply-add) where the engine has it, else `"plain"`. */
  simd?: SimdPath;
  /**
   * The 8-bit screen: `"auto"` (default) screens with relaxed SIMD and drops
   * to the plain kernel for any stretch of calls where too few pairs are
   * pruned; `"on"` screens every call (either build); `"off"` never. All three
   * give the same bytes.
   */
  screen?: ScreenMode;
  /** Called once with how the search went: how many kernel calls were screened, and their pass rate. */
  onStats?: (stats: KnnScreenStats) => void;
}

/** When {@linkcode knnSearchWasm} screens pairs with 8-bit codes: see {@linkcode KnnSearchWasmOptions.screen}. */
export type ScreenMode = "auto" | "on" | "off";

/** How a {@linkcode knnSearchWasm} call went, summed over its threads. */
export interface KnnScreenStats {
  /** Kernel calls (one reference chunk × up to 252 queries each) through the 8-bit screen. */
  screenedCalls: number;
  /** Kernel calls that computed every pair in float32. */
  plainCalls: number;
  /** (query, panel of 8 references) rows the screened calls scored. */
  rowsScreened: number;
  /** Of those, the rows whose bound could beat the K-th distance, computed in float32. */
  rowsPassed: number;
}

/** Largest K the kernel keeps per query. */
export const KNN_MAX_K = 64;

const WASM_PAGE = 65536;
const MAX_PAGES = 65536;

/**
 * Exact brute-force K-nearest-neighbour search in the hand-written
 * WebAssembly kernel (`src/wasm/assembly/knn.ts`): squared Euclidean distance
 * in float32, computed as ‖r‖² − 2q·r + ‖q‖² (clamped at 0), nearest first,
 * the lower reference index first on ties. The queries are split between
 * `workers` threads sharing one memory: this one and `workers − 1` module
 * Workers (they need read access to `src`). Distances agree with the
 * float64 {@linkcode knnSearch} to float32 rounding; two references whose
 * distances differ by less than that rounding may come out in either order.
 * Points far from the origin relative to their spread are first shifted by
 * the references' mean (distances do not change), so that the rounding of
 * ‖r‖² does not swamp the distances.
 * With relaxed SIMD, pairs are first screened with 8-bit codes and a
 * rigorous lower bound on the float32 distance (`screen`); only pairs whose
 * bound can beat a query's current K-th distance are computed in float32, by
 * the same operations, so the results are the same bytes as without it.
 * Inputs so large that a squared distance could overflow float32 (any
 * |value| ≥ 2⁶⁰/√dim) are searched by the float64 TypeScript search instead.
 *
 * @param options Points, dimension, K, workers and SIMD path.
 * @returns Indices and distances of the neighbours.
 * @throws {TypeError} If `reference` or `queries` is not a Float32Array, or `simd` or `screen` is unknown.
 * @throws {RangeError} For bad shapes, non-finite values, K outside [1, min(64, refCount)] or bad `workers`.
 *
 * @example The two nearest of four references
 * ```ts
 * import { knnSearchWasm } from "./knn_search_wasm.ts";
 * import assert from "node:assert/strict";
 *
 * const { indices, distances } = await knnSearchWasm({
 *   reference: new Float32Array([0, 0, 3, 4, 1, 1, 3, 3]),
 *   queries: new Float32Array([3, 3]),
 *   dim: 2,
 *   k: 2,
 *   workers: 1,
 * });
 * assert.deepEqual([...indices], [3, 1]);
 * assert.deepEqual([...distances], [0, 1]);
 * ```
 */
export async function knnSearchWasm(options: KnnSearchWasmOptions): Promise<KnnResult> {
  const { reference, queries, dim } = options;
  const k = options.k ?? 5;
  const workers = options.workers ?? (navigator.hardwareConcurrency || 1);
  checkKnnShapes(reference, queries, dim, k);
  if (k > KNN_MAX_K) {
    throw new RangeError(`Cannot search neighbours: k must be at most ${KNN_MAX_K} in the kernel, got ${k}`);
  }
  if (options.screen !== undefined && !["auto", "on", "off"].includes(options.screen)) {
    throw new TypeError(
      `Cannot search neighbours: screen must be "auto", "on" or "off", got "${options.screen}"`,
    );
  }
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`Cannot search neighbours: workers must be a positive integer, got ${workers}`);
  }
  const { module, path } = await kernelModule(options.simd);
  const limit = 2 ** 60 / Math.sqrt(dim);
  const largest = Math.max(maxAbs(reference), maxAbs(queries));
  if (largest >= limit) {
    return searchChecked(reference, queries, dim, k);
  }
  const refCount = reference.length / dim, queryCount = queries.length / dim;
  if (queryCount === 0) return { indices: new Int32Array(0), distances: new Float32Array(0) };

  const panelCount = Math.ceil(refCount / 8);
  const layout: KernelLayout = {
    dim,
    k,
    panelCount,
    chunkPanels: Math.max(1, Math.floor(CHUNK_BYTES / (dim * 32))),
    panels: 0,
    norms: panelCount * dim * 32,
    queries: panelCount * dim * 32 + panelCount * 32,
    bestD: 0,
    bestI: 0,
  };
  layout.bestD = layout.queries + align16(queries.byteLength);
  layout.bestI = layout.bestD + align16(queryCount * k * 4);
  const pages = Math.ceil((layout.bestI + queryCount * k * 4) / WASM_PAGE);
  if (pages > MAX_PAGES) {
    throw new RangeError(
      `Cannot search neighbours: reference and queries need ${
        (pages / 16384).toFixed(1)
      } GiB, more than the kernel's 4 GiB`,
    );
  }
  const shift = offCentre(reference, dim);
  const points = shift ? shifted(reference, shift) : reference;
  const asked = shift ? shifted(queries, shift) : queries;
  const end = layout.bestI + align16(queryCount * k * 4);
  const parts = Math.min(workers, Math.ceil(queryCount / QUERY_BLOCK));
  const screenPages = Math.ceil((end + screenBytes(panelCount, queryCount, dim, parts)) / WASM_PAGE);
  const mode = options.screen ?? "auto";
  const wanted = mode === "on" || (mode === "auto" && path === "relaxed");
  // The screen's float32 bounds hold for dimensions up to SCREEN_MAX_DIM and
  // |values| below 2³² ((A + B)² cannot overflow); a shift by the mean at most doubles them.
  if (wanted && dim <= SCREEN_MAX_DIM && 2 * largest < 2 ** 32 && screenPages <= MAX_PAGES) {
    layout.screen = screenLayout(end, panelCount, queryCount, dim);
    layout.adaptive = mode === "auto";
  }
  const memory = new WebAssembly.Memory({
    initial: layout.screen ? screenPages : pages,
    maximum: layout.screen ? screenPages : pages,
    shared: true,
  });
  packPanels(new Float32Array(memory.buffer, layout.panels, panelCount * dim * 8), points, dim);
  new Float32Array(memory.buffer, layout.queries, queries.length).set(asked);
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  kernels.referenceNorms(layout.panels, panelCount, dim, refCount, layout.norms);
  if (layout.screen) writeScreen(kernels, memory.buffer, layout.screen, layout, points, queryCount, dim);

  const stats = parts === 1
    ? runQueries(kernels, layout, 0, queryCount)
    : await inWorkers(kernels, module, memory, layout, queryCount, parts);
  options.onStats?.(stats);
  return {
    indices: new Int32Array(memory.buffer, layout.bestI, queryCount * k).slice(),
    distances: new Float32Array(memory.buffer, layout.bestD, queryCount * k).slice(),
  };
}

/**
 * Splits the queries between `parts` threads, in whole kernel blocks so no block
 * straddles two: `parts − 1` module Workers, and this thread, which searches
 * the first range while the Workers start rather than wait for them.
 */
async function inWorkers(
  kernels: KernelExports,
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  layout: KernelLayout,
  queryCount: number,
  parts: number,
): Promise<RunStats> {
  const blocks = Math.ceil(queryCount / QUERY_BLOCK);
  const range = (w: number) => Math.min(queryCount, QUERY_BLOCK * Math.floor((blocks * w) / parts));
  const jobs: Promise<RunStats>[] = [];
  for (let w = 1; w < parts; w++) {
    const worker = new Worker(new URL("./_knn_wasm_worker.ts", import.meta.url), { type: "module" });
    jobs.push(
      new Promise<RunStats>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<RunStats>) => resolve(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`K-NN kernel worker failed: ${e.message}`));
        };
      }).finally(() => worker.terminate()),
    );
    worker.postMessage({ module, memory, layout, from: range(w), to: range(w + 1), part: w });
  }
  const mine = runQueries(kernels, layout, 0, range(1));
  const all = [mine, ...await Promise.all(jobs)];
  return {
    screenedCalls: all.reduce((s, x) => s + x.screenedCalls, 0),
    plainCalls: all.reduce((s, x) => s + x.plainCalls, 0),
    rowsScreened: all.reduce((s, x) => s + x.rowsScreened, 0),
    rowsPassed: all.reduce((s, x) => s + x.rowsPassed, 0),
  };
}

/** Packs row-major references into panels of 8: coordinate j of references 8p…8p+7 side by side. */
function packPanels(out: Float32Array, reference: Float32Array, dim: number): void {
  const refCount = reference.length / dim;
  for (let r = 0; r < refCount; r++) {
    const base = (r >> 3) * dim * 8 + (r & 7);
    for (let j = 0; j < dim; j++) out[base + j * 8] = reference[r * dim + j];
  }
}

function maxAbs(a: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

/**
 * The references' mean when it lies more than four RMS spreads from the
 * origin (then ‖r‖² − 2q·r + ‖q‖² in float32 would lose the distances to
 * cancellation: its rounding grows with ‖r‖², not with the distance), else
 * null. Data near the origin, the phase-retrieval measurements included
 * (their mean is within 1.2 spreads), is searched as given.
 */
function offCentre(reference: Float32Array, dim: number): Float64Array | null {
  const count = reference.length / dim;
  const mean = new Float64Array(dim);
  for (let i = 0; i < reference.length; i++) mean[i % dim] += reference[i];
  for (let d = 0; d < dim; d++) mean[d] /= count;
  let offset = 0, spread = 0;
  for (let d = 0; d < dim; d++) offset += mean[d] * mean[d];
  for (let i = 0; i < reference.length; i++) spread += (reference[i] - mean[i % dim]) ** 2;
  return offset > 16 * spread / count ? mean : null;
}

function shifted(points: Float32Array, mean: Float64Array): Float32Array {
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length; i++) out[i] = points[i] - mean[i % mean.length];
  return out;
}
