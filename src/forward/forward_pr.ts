import type { Field } from "../symmetry/field.ts";
export type { Field };

/**
 * The phase-retrieval forward model y = |Ax|², elementwise, for a batch of
 * signals and a given matrix. Complex vectors are stored as
 * [real parts…, imaginary parts…]: A as `m × 2n` rows [Re a_i | Im a_i], each
 * x as 2n values. Sums run in float64; y is stored as float32.
 *
 * @param a The sensing matrix, `m × n` (real) or `m × 2n` (complex).
 * @param x Signals, `count × n` (real) or `count × 2n` (complex).
 * @param options The field, n and m.
 * @returns Measurements, `count × m`.
 *
 * @example A complex row: (1 + i)·1 + 2·i = 1 + 3i, so y = 10
 * ```ts
 * import { forwardPR } from "./forward_pr.ts";
 * import assert from "node:assert/strict";
 *
 * const a = new Float32Array([1, 2, 1, 0]); // [Re a | Im a] of a = (1 + i, 2)
 * const x = new Float32Array([1, 0, 0, 1]); // x = (1, i)
 * assert.deepEqual([...forwardPR(a, x, { field: "complex", n: 2, m: 1 })], [10]);
 * ```
 */
export function forwardPR(
  a: Float32Array,
  x: Float32Array,
  options: { field: Field; n: number; m: number },
): Float32Array {
  const { field, n, m } = options;
  const d = field === "real" ? n : 2 * n;
  if (a.length !== m * d) {
    throw new RangeError(`Cannot measure: a has ${a.length} values, expected ${m}×${d}`);
  }
  if (x.length % d !== 0) {
    throw new RangeError(`Cannot measure: x length ${x.length} is not a multiple of ${d}`);
  }
  const count = x.length / d;
  const y = new Float32Array(count * m);
  const row = field === "real" ? realRow : complexRow;
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < m; i++) y[s * m + i] = row(a, x, s * d, n, i);
  }
  return y;
}

function realRow(a: Float32Array, x: Float32Array, xo: number, n: number, i: number): number {
  let acc = 0;
  for (let j = 0; j < n; j++) acc += a[i * n + j] * x[xo + j];
  return acc * acc;
}

function complexRow(a: Float32Array, x: Float32Array, xo: number, n: number, i: number): number {
  // (Ar + iAi)(xr + ixi) = (Ar xr − Ai xi) + i(Ar xi + Ai xr)
  let re = 0, im = 0;
  const ro = i * 2 * n;
  for (let j = 0; j < n; j++) {
    const ar = a[ro + j], ai = a[ro + n + j];
    const xr = x[xo + j], xi = x[xo + n + j];
    re += ar * xr - ai * xi;
    im += ar * xi + ai * xr;
  }
  return re * re + im * im;
}
