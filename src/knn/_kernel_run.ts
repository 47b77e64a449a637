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

/** Bytes of packed references walked by all queries of a worker before the next chunk: fits in L2. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Runs the search of queries [from, to) over every reference chunk in order,
 * then adds ‖q‖². One call per chunk, so V8 can swap in its optimised code
 * for the later chunks instead of finishing a long call in its baseline tier.
 */
export function runQueries(kernels: KernelExports, layout: KernelLayout, from: number, to: number): void {
  const { dim, k, panelCount, chunkPanels } = layout;
  kernels.resetBest(layout.bestD + from * k * 4, layout.bestI + from * k * 4, (to - from) * k);
  for (let p = 0; p < panelCount; p += chunkPanels) {
    kernels.searchChunk(
      layout.panels,
      layout.norms,
      dim,
      p,
      Math.min(panelCount, p + chunkPanels),
      layout.queries,
      from,
      to,
      k,
      layout.bestD,
      layout.bestI,
    );
  }
  kernels.finishQueries(layout.queries, dim, from, to, k, layout.bestD);
}
