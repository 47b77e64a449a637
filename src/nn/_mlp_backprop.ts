// The fused step's arithmetic, shared by its one-thread and two-thread
// paths: where each buffer lies, and the forward pass and backpropagation as
// calls of the training kernels on those buffers.
import type { TrainKernelExports } from "../wasm/train_kernels.ts";
import type { WeightPenalty } from "./weight_penalty.ts";

/** Whether rows `width` floats apart (2 KiB or more) are copied together before a product reads them. */
export const farApart = (width: number) => width >= 512;

/** Floats of gemm's copy of a row block of A, for an inner dimension K (see `TrainKernelExports.gemm`). */
export const apackFloats = (K: number) => 131072 + 6 * K;

/**
 * Float offsets of the step's scratch regions, each a multiple of 4 floats
 * (16 bytes), with room for `threads` copies of gemm's A block (one per
 * thread that runs a product). The gradients come last, in the same order
 * and sizes for any `threads`.
 */
export function layout(sizes: readonly number[], rows: number, threads = 1) {
  const up = (n: number) => Math.ceil(n / 4) * 4;
  const L = sizes.length - 1, widest = Math.max(...sizes);
  let at = 0;
  const take = (n: number) => (at += up(n)) - up(n);
  const x = take(rows * sizes[0]), y = take(rows * sizes[L]);
  const acts = sizes.slice(1).map((s) => take(rows * s));
  const dz = [take(rows * widest), take(rows * widest)];
  let panel = 0;
  for (let l = 0; l < L; l++) {
    const pad = (n: number) => Math.ceil(n / 8) * 8;
    panel = Math.max(
      panel,
      sizes[l] * pad(sizes[l + 1]),
      rows * pad(sizes[l + 1]),
      sizes[l + 1] * pad(sizes[l]),
    );
  }
  const panels = take(panel);
  // Room for gemm's copy of a row block of actᵀ, only where a layer is wide enough to need it.
  const apack = take(sizes.slice(0, L).some(farApart) ? threads * apackFloats(rows) : 0);
  const gradW = sizes.slice(1).map((s, l) => take(sizes[l] * s));
  const gradB = sizes.slice(1).map((s) => take(s));
  return { x, y, acts, dz, panels, apack, gradW, gradB, floats: at };
}

/** The buffers of one step, as {@linkcode layout} places them. */
export type StepLayout = ReturnType<typeof layout>;

/** Forward pass and backpropagation on the heap: the gradients land in the layout's gradW and gradB. */
export function gradientsOnHeap(
  k: TrainKernelExports,
  s: readonly number[],
  rows: number,
  xPtr: number,
  yPtr: number,
  w: number[],
  b: number[],
  base: number,
  lay: StepLayout,
  penalty: WeightPenalty | undefined,
): void {
  const L = s.length - 1;
  const at = (floats: number) => base + 4 * floats;
  const act = (l: number) => l === 0 ? xPtr : at(lay.acts[l - 1]);
  const panels = at(lay.panels);
  // B row-major (W, dz): a small one (256 KiB at most) is read in place and only a partial last
  // panel is packed; a larger one is packed whole (a panel's K rows then lie together).
  const rowMajor = (bPtr: number, K: number, N: number): number => {
    const direct = K * N <= 65536;
    if (!direct || N % 8) k.packPanels(bPtr, N, 1, K, N, direct ? N >> 3 : 0, panels);
    return direct ? 1 : 0;
  };
  for (let l = 0; l < L; l++) {
    const direct = rowMajor(w[l], s[l], s[l + 1]);
    const relu = l < L - 1 ? 1 : 0;
    k.gemm(
      act(l),
      s[l],
      1,
      w[l],
      s[l + 1],
      direct,
      panels,
      act(l + 1),
      s[l + 1],
      rows,
      s[l + 1],
      s[l],
      b[l],
      relu,
      0,
    );
  }
  let dz = at(lay.dz[0]), da = at(lay.dz[1]);
  k.mseGradient(act(L), yPtr, rows * s[L], Math.fround(2 / (rows * s[L])), dz);
  for (let l = L - 1; l >= 0; l--) {
    const gw = at(lay.gradW[l]);
    // ∂W = actᵀ · dz: act(l) read transposed through its strides.
    const direct = rowMajor(dz, rows, s[l + 1]);
    // act(l)ᵀ's rows lie s[l] floats apart: past 2 KiB, copied together first.
    const apack = farApart(s[l]) ? at(lay.apack) : 0;
    k.gemm(act(l), 1, s[l], dz, s[l + 1], direct, panels, gw, s[l + 1], s[l], s[l + 1], rows, 0, 0, apack);
    if (penalty && (penalty.l1 > 0 || penalty.l2 > 0)) {
      k.addPenalty(gw, w[l], s[l] * s[l + 1], Math.fround(penalty.l1), Math.fround(2 * penalty.l2));
    }
    k.columnSums(dz, rows, s[l + 1], at(lay.gradB[l]));
    if (l > 0) {
      // ∂act = dz · Wᵀ: Wᵀ(k, j) = W[j, k], packed from W's strides.
      k.packPanels(w[l], 1, s[l + 1], s[l + 1], s[l], 0, panels);
      k.gemm(dz, s[l + 1], 1, 0, 0, 0, panels, da, s[l], rows, s[l], s[l + 1], 0, 0, 0);
      k.reluGradient(da, act(l), rows * s[l]);
      [dz, da] = [da, dz];
    }
  }
}
