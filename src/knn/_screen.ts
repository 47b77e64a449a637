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
 * float64 preparation here. Stored bounds are rounded outwards.
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
  return panelCount * (groups * 32 + 160) + queryCount * (groups * 4 + 32) + threads * QUEUE_BYTES + 16;
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
  const queues = Math.ceil((qcodes + queryCount * groups * 4) / 16) * 16;
  const eps = Math.fround((2 * dim + 48) * 1.25 * 2 ** -24);
  return { groups, eps, codes, refInfo, qcodes, qinfo, queues };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The least float32 ≥ x (x finite and ≥ 0). */
function up(x: number): number {
  f32[0] = x;
  if (f32[0] < x) u32[0]++;
  return f32[0];
}

/** The greatest float32 ≤ x (finite). */
function down(x: number): number {
  f32[0] = x;
  if (f32[0] > x) {
    if (f32[0] > 0) u32[0]--;
    else if (f32[0] === 0) f32[0] = -(2 ** -149);
    else u32[0]++;
  }
  return f32[0];
}

const GROW = 1 + 2 ** -12;
/** Floor of B: keeps ε(A + B)² above the absolute rounding of subnormal sums. */
const TINY = 2 ** -50;

/**
 * Writes the codes and bounds of `reference` and `queries` (the float32
 * points exactly as the kernel searches them) into `buffer` at `layout`.
 */
export function writeScreen(
  buffer: ArrayBufferLike,
  layout: ScreenLayout,
  reference: Float32Array,
  queries: Float32Array,
  dim: number,
): void {
  const { groups } = layout;
  const refCount = reference.length / dim, queryCount = queries.length / dim;
  const panelCount = Math.ceil(refCount / 8);
  const mean = new Float64Array(dim);
  for (let i = 0; i < reference.length; i++) mean[i % dim] += reference[i];
  for (let j = 0; j < dim; j++) mean[j] = Math.fround(mean[j] / refCount);
  const shifted = new Float64Array(dim);

  const codes = new Uint8Array(buffer, layout.codes, panelCount * groups * 32).fill(64);
  const info = new Float32Array(buffer, layout.refInfo, panelCount * 40);
  for (let r = 0; r < panelCount * 8; r++) {
    const p = r >> 3, l = r & 7, at = p * 40 + l;
    if (r >= refCount) {
      info[at] = 0;
      info[at + 8] = Infinity;
      info[at + 16] = info[at + 24] = info[at + 32] = 0;
      continue;
    }
    let norm = 0, norm2 = 0, big = 0;
    for (let j = 0; j < dim; j++) {
      const v = reference[r * dim + j];
      shifted[j] = v - mean[j];
      norm += v * v;
      norm2 += shifted[j] * shifted[j];
      big = Math.max(big, Math.abs(shifted[j]));
    }
    const s = up(big / 63);
    let err = 0, coded = 0;
    const base = p * groups * 32 + (l >> 2) * 16 + (l & 3) * 4;
    for (let j = 0; j < dim; j++) {
      const c = s === 0 ? 0 : Math.max(-63, Math.min(63, Math.round(shifted[j] / s)));
      codes[base + (j >> 2) * 32 + (j & 3)] = c + 64;
      err += (shifted[j] - s * c) ** 2;
      coded += c * c;
    }
    const e = Math.sqrt(err) * GROW, a = s * Math.sqrt(coded) * GROW;
    info[at] = s;
    info[at + 8] = down(norm2 / GROW);
    info[at + 16] = up(2 * e);
    info[at + 24] = up(2 * a);
    info[at + 32] = up(Math.max(TINY, (Math.sqrt(norm) + Math.sqrt(norm2)) * GROW + a + e));
  }

  const qcodes = new Int8Array(buffer, layout.qcodes, queryCount * groups * 4).fill(0);
  const qinfo = new Float32Array(buffer, layout.qinfo, queryCount * 8);
  const qoff = new Int32Array(buffer, layout.qinfo, queryCount * 8);
  for (let q = 0; q < queryCount; q++) {
    let norm = 0, norm2 = 0, big = 0;
    for (let j = 0; j < dim; j++) {
      const v = queries[q * dim + j];
      shifted[j] = v - mean[j];
      norm += v * v;
      norm2 += shifted[j] * shifted[j];
      big = Math.max(big, Math.abs(shifted[j]));
    }
    const s = up(big / 127);
    let err = 0, coded = 0, sum = 0;
    for (let j = 0; j < dim; j++) {
      const c = s === 0 ? 0 : Math.max(-127, Math.min(127, Math.round(shifted[j] / s)));
      qcodes[q * groups * 4 + j] = c;
      err += (shifted[j] - s * c) ** 2;
      coded += c * c;
      sum += c;
    }
    const e = Math.sqrt(err) * GROW, a = s * Math.sqrt(coded) * GROW;
    const at = q * 8;
    qinfo[at] = -2 * s;
    qinfo[at + 1] = down(norm2 - norm - (norm2 + norm) * 2 ** -40);
    qinfo[at + 2] = up(Math.sqrt(norm2) * GROW);
    qinfo[at + 3] = up(e);
    qinfo[at + 4] = up((Math.sqrt(norm) + Math.sqrt(norm2)) * GROW + a + e);
    qoff[at + 5] = -64 * sum;
    qinfo[at + 6] = qinfo[at + 7] = 0;
  }
}
