// What KernelHelper and its worker share: the control words (int32), the
// float64 arguments of one shared gemm, and how either thread runs a chunk.
import type { TrainKernelExports } from "../wasm/train_kernels.ts";

/** Word bumped by the caller for each call (negative: stop). */
export const SEQ = 0;
/** Word the helper sets to the call's sequence number when it is done. */
export const DONE = 1;
/** Word saying whether the helper is {@linkcode STARTING}, {@linkcode READY} or has {@linkcode FAILED}. */
export const STATE = 2;
/** The first row not yet claimed. */
export const NEXT = 3;
/** {@linkcode STATE} values. */
export const STARTING = 0, READY = 1, FAILED = 2;
/** Byte offset of the arguments. */
export const ARG_BYTE = 16;
/** gemm's 15 arguments, then the fewest rows a chunk has, then the helper's own A-block copy. */
export const ARGS = 17;

/** Each claim takes about this share of the rows left (guided scheduling: big chunks first, small ones last). */
const SHARE = 4;

/**
 * Claims chunks of rows of the gemm in `args` until none is left and runs
 * each with `k`, with `apack` as this thread's A-block copy (0 for none).
 * A claim takes a quarter of the rows left, in whole 6-row tiles and at
 * least `args[15]` rows, so the last chunks are small and neither thread
 * waits long for the other.
 *
 * @returns The number of rows this thread ran.
 */
export function runChunks(k: TrainKernelExports, ctl: Int32Array, args: Float64Array, apack: number): number {
  const [a, ra, ca, b, ldb, direct, panels, c, ldc, M, N, K, bias, relu] = args;
  const least = args[15];
  let ran = 0;
  for (;;) {
    const r0 = Atomics.load(ctl, NEXT);
    if (r0 >= M) return ran;
    const rows = Math.min(M - r0, Math.max(least, 6 * Math.ceil((M - r0) / (6 * SHARE))));
    if (Atomics.compareExchange(ctl, NEXT, r0, r0 + rows) !== r0) continue;
    k.gemm(
      a + 4 * r0 * ra,
      ra,
      ca,
      b,
      ldb,
      direct,
      panels,
      c + 4 * r0 * ldc,
      ldc,
      rows,
      N,
      K,
      bias,
      relu,
      apack,
    );
    ran += rows;
  }
}
