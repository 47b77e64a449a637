import type { KernelExports } from "../wasm/kernels.ts";

/** Byte offsets and sizes of one kernel search in its shared memory. */
export interface KernelLayout {
  /** Dimension of every point. */
  dim: number;
  /** Neighbours per query. */
  k: number;
  /** Panels of 8 references. */
  panelCount: number;
  /** Panels offered per `searchChunk` call: about {@linkcode CHUNK_BYTES} of references. */
  chunkPanels: number;
  /** Offsets of the packed references, their norms, the queries and the top-K state. */
  panels: number;
  norms: number;
  queries: number;
  bestD: number;
  bestI: number;
}

/** Bytes of packed references walked by a slice of queries before the next chunk: fits in L2. */
export const CHUNK_BYTES = 256 * 1024;

/** Queries the kernel's register tile handles at once (`src/wasm/assembly/knn.ts`). */
export const QUERY_BLOCK = 6;

/** Queries per `searchChunk` call (a multiple of {@linkcode QUERY_BLOCK}). */
export const SLICE_QUERIES = 42 * QUERY_BLOCK;

/**
 * Runs the search of queries [from, to) over every reference chunk in order,
 * then adds ‖q‖². Each call covers one chunk and at most
 * {@linkcode SLICE_QUERIES} queries (a millisecond or so), so V8 swaps its
 * optimised code in after the first few calls instead of finishing a long
 * call in its baseline tier: wasm has no on-stack replacement.
 */
export function runQueries(kernels: KernelExports, layout: KernelLayout, from: number, to: number): void {
  const { dim, k, panelCount, chunkPanels } = layout;
  kernels.resetBest(layout.bestD + from * k * 4, layout.bestI + from * k * 4, (to - from) * k);
  for (let p = 0; p < panelCount; p += chunkPanels) {
    const pEnd = Math.min(panelCount, p + chunkPanels);
    for (let q = from; q < to; q += SLICE_QUERIES) {
      const qEnd = Math.min(to, q + SLICE_QUERIES);
      kernels.searchChunk(
        layout.panels,
        layout.norms,
        dim,
        p,
        pEnd,
        layout.queries,
        q,
        qEnd,
        k,
        layout.bestD,
        layout.bestI,
      );
    }
  }
  kernels.finishQueries(layout.queries, dim, from, to, k, layout.bestD);
}
