import type { KernelExports } from "../wasm/kernels.ts";
import { QUEUE_BYTES, type ScreenLayout } from "./_screen.ts";

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
  /** The 8-bit screen's arrays (`_screen.ts`), when this search may use it. */
  screen?: ScreenLayout;
  /** With `screen`: choose screened or plain per call (true), or screen every call (false). */
  adaptive?: boolean;
}

/** Bytes of packed references walked by a slice of queries before the next chunk: fits in L2. */
export const CHUNK_BYTES = 256 * 1024;

/** Queries the kernel's register tile handles at once (`src/wasm/assembly/knn.ts`). */
export const QUERY_BLOCK = 6;

/** Queries per `searchChunk` call (a multiple of {@linkcode QUERY_BLOCK}). */
export const SLICE_QUERIES = 42 * QUERY_BLOCK;

/**
 * Above this share of (query, panel) rows passing the 8-bit screen, a call
 * costs about as much screened as plain: the next {@linkcode SCREEN_PAUSE}
 * calls run plain (twice as many after each further such call in a row, up
 * to 16 times as many), then one screened call measures again.
 */
export const SCREEN_GIVE_UP = 0.25;

/** Plain calls after the first screened call above {@linkcode SCREEN_GIVE_UP}. */
export const SCREEN_PAUSE = 15;

/** How the calls of one {@linkcode runQueries} went: screened and plain calls, rows screened and passed. */
export interface RunStats {
  screenedCalls: number;
  plainCalls: number;
  rowsScreened: number;
  rowsPassed: number;
}

/**
 * Runs the search of queries [from, to) over every reference chunk in order,
 * then adds ‖q‖². Each call covers one chunk and at most
 * {@linkcode SLICE_QUERIES} queries (a millisecond or so), so V8 swaps its
 * optimised code in after the first few calls instead of finishing a long
 * call in its baseline tier: wasm has no on-stack replacement.
 *
 * `part` numbers this thread among those sharing the memory (its queue of
 * rows to rescore). With `layout.screen`, each call runs either the screened or the plain
 * kernel, chosen from the share of rows that passed the screen in the last
 * screened call. Both leave the same top-K state, so the choice changes the
 * time, never the result.
 */
export function runQueries(
  kernels: KernelExports,
  layout: KernelLayout,
  from: number,
  to: number,
  part = 0,
): RunStats {
  const { dim, k, panelCount, chunkPanels, screen } = layout;
  const stats: RunStats = { screenedCalls: 0, plainCalls: 0, rowsScreened: 0, rowsPassed: 0 };
  let pause = 0, misses = 0;
  kernels.resetBest(layout.bestD + from * k * 4, layout.bestI + from * k * 4, (to - from) * k);
  for (let p = 0; p < panelCount; p += chunkPanels) {
    const pEnd = Math.min(panelCount, p + chunkPanels);
    for (let q = from; q < to; q += SLICE_QUERIES) {
      const qEnd = Math.min(to, q + SLICE_QUERIES);
      if (screen && pause === 0) {
        const passed = kernels.searchChunkScreened(
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
          screen.codes,
          screen.refInfo,
          screen.qcodes,
          screen.qinfo,
          screen.groups,
          screen.eps,
          screen.queues + part * QUEUE_BYTES,
        );
        const rows = (qEnd - q) * (pEnd - p);
        stats.screenedCalls++;
        stats.rowsScreened += rows;
        stats.rowsPassed += passed;
        if (layout.adaptive && passed > SCREEN_GIVE_UP * rows) pause = SCREEN_PAUSE << Math.min(4, misses++);
        else misses = 0;
        continue;
      }
      if (pause > 0) pause--;
      stats.plainCalls++;
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
  return stats;
}
