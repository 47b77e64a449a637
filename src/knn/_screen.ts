import type { KernelExports } from "../wasm/kernels.ts";

/**
 * The 8-bit screen of the K-NN kernel (`searchChunkScreened` in
 * `src/wasm/assembly/knn.ts`): codes and bounds written beside the packed
 * float32 data. With q, r the float32 points the kernel searches, μ the
 * references' mean (rounded to float32), q′ = q − μ and r′ = r − μ, each
 * point is coded with its own scale, r′ ≈ s_r·c_r (c_r ∈ [−63, 63]) and
 * q′ ≈ s_q·c_q (c_q ∈ [−127, 127]); e = ‖r′ − s_r c_r‖, a = ‖s_r c_r‖. Then
 * |q′·r′ − s_q s_r c_q·c_r| ≤ ‖q′‖e_r + e_q a_r (Cauchy–Schwarz on the
 * residuals), and the value the kernel compares, d = fl(‖r‖² − 2q·r), is at least
 *
 *   ‖r′‖² + (‖q′‖² − ‖q‖²) − 2s_q s_r c_q·c_r − 2(‖q′‖e_r + e_q a_r) − ε(A + B)²,
 *
 * where ε(A + B)², with A ≥ ‖q‖ + ‖q′‖ + ‖s_q c_q‖ + e_q and B likewise for r,
 * covers the rounding of the kernel's float32 sums (at most (2·dim + 4)·2⁻²⁴
 * of (‖q‖ + ‖r‖)²), of this bound's own float32 evaluation and of the
 * float64 preparation. The kernel uses ε(A + B)² ≤ 2εA² + 2εB², the B part
 * folded into each reference's stored ‖r′‖². Stored bounds are rounded outwards.
 *
 * @module
 */

/** Byte offsets of the screen's arrays in the kernel's memory, and its constants. */
export interface ScreenLayout {
  /** Groups of 4 coordinates: ⌈dim/4⌉. */
  groups: number;
  /** The margin factor ε, a float32. */
  eps: number;
  /** Offsets of the reference codes, reference bounds, query codes and query bounds. */
  codes: number;
  refInfo: number;
  qcodes: number;
  qinfo: number;
  /** Offset of μ, `dim` float32. */
  mean: number;
  /** Offset of the threads' queues of rows to rescore, {@linkcode QUEUE_BYTES} each. */
  queues: number;
}

/** Bytes of one thread's queue of rows that passed the screen (4 entries of 32 bytes). */
export const QUEUE_BYTES = 128;

/** Largest dimension screened: the codes' integer dot products stay exact in float32 (127·63·2048 < 2²⁴). */
export const SCREEN_MAX_DIM = 2048;

/** Bytes the screen needs for `panelCount` panels, `queryCount` queries of dimension `dim` and `threads` threads. */
export function screenBytes(panelCount: number, queryCount: number, dim: number, threads: number): number {
  const groups = Math.ceil(dim / 4);
  return panelCount * (groups * 32 + 160) + queryCount * (groups * 4 + 32) + threads * QUEUE_BYTES + 4 * dim +
    32;
}

/**
 * Offsets of the screen's arrays from byte `at` (16-aligned) on; see {@linkcode screenBytes}.
 */
export function screenLayout(at: number, panelCount: number, queryCount: number, dim: number): ScreenLayout {
  const groups = Math.ceil(dim / 4);
  const codes = at;
  const refInfo = codes + panelCount * groups * 32;
  const qinfo = refInfo + panelCount * 160;
  const qcodes = qinfo + queryCount * 32;
  const mean = Math.ceil((qcodes + queryCount * groups * 4) / 16) * 16;
  const queues = Math.ceil((mean + 4 * dim) / 16) * 16;
  const eps = Math.fround((2 * dim + 48) * 1.25 * 2 ** -24);
  return { groups, eps, codes, refInfo, qcodes, qinfo, queues, mean };
}

/**
 * Writes the codes and bounds of the packed references and of the queries
 * (the float32 points exactly as the kernel searches them, already in
 * memory at `kernel`'s offsets): the references' mean here, the rest in the
 * kernel (`screenReferences`, `screenQueries`), in float64.
 */
export function writeScreen(
  kernels: KernelExports,
  buffer: ArrayBufferLike,
  screen: ScreenLayout,
  kernel: { panels: number; queries: number; panelCount: number },
  reference: Float32Array,
  queryCount: number,
  dim: number,
): void {
  const refCount = reference.length / dim;
  const mean = new Float64Array(dim);
  for (let r = 0, i = 0; r < refCount; r++) {
    for (let j = 0; j < dim; j++, i++) mean[j] += reference[i];
  }
  const out = new Float32Array(buffer, screen.mean, dim);
  for (let j = 0; j < dim; j++) out[j] = mean[j] / refCount;
  const { groups } = screen;
  // In pieces of about 64k coordinates, so that V8's optimised code takes over after the first few.
  const step = Math.max(1, Math.ceil(8192 / dim));
  for (let p = 0; p < kernel.panelCount; p += step) {
    const to = Math.min(kernel.panelCount, p + step);
    kernels.screenReferences(
      kernel.panels,
      dim,
      refCount,
      p,
      to,
      screen.mean,
      screen.codes,
      screen.refInfo,
      groups,
      screen.eps,
    );
  }
  for (let q = 0; q < queryCount; q += 8 * step) {
    const to = Math.min(queryCount, q + 8 * step);
    kernels.screenQueries(kernel.queries, dim, q, to, screen.mean, screen.qcodes, screen.qinfo, groups);
  }
}
