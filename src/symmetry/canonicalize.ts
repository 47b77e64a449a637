import type { Field } from "../forward/gaussian_pr.ts";
import { rowLength } from "./_check.ts";
// Re-exported so that this folder's entry point documents the types its signatures take.
export type { Field };

/**
 * The perturbation given to a sample that lies exactly on the cut (x_n = 0,
 * or x_1 = 0 in the complex case) before it is mapped into the set: the
 * smallest positive normal float32, so it changes nothing else.
 *
 * @example A row on the cut is moved just inside the set
 * ```ts
 * import { canonicalize, CUT_PERTURBATION } from "./canonicalize.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(CUT_PERTURBATION, 2 ** -126);
 * const out = canonicalize(new Float32Array([0.5, 0]), { field: "real", n: 2 });
 * assert.deepEqual([...out], [0.5, CUT_PERTURBATION]);
 * ```
 */
export const CUT_PERTURBATION = 2 ** -126;

/**
 * Maps every row of `x` into the connected, smallest representative set of
 * the paper (section 2): real rows get the sign that makes x_n > 0; complex
 * rows ([real parts…, imaginary parts…]) are multiplied by e^{−i·arg x_1} so
 * that x_1 is real and positive. Rows on the cut are first perturbed by
 * {@linkcode CUT_PERTURBATION} (x_n, or Re x_1, set to it).
 *
 * @param x Row-major samples, `count × d` with d = n (real) or 2n (complex).
 * @param options The field and n.
 * @returns A new array with the canonical rows.
 *
 * @example A real sign flip
 * ```ts
 * import { canonicalize } from "./canonicalize.ts";
 * import assert from "node:assert/strict";
 *
 * const out = canonicalize(new Float32Array([1, -2, 0.5, 0.25]), { field: "real", n: 2 });
 * assert.deepEqual([...out], [-1, 2, 0.5, 0.25]);
 * ```
 */
export function canonicalize(
  x: Float32Array,
  options: { field: Field; n: number },
): Float32Array {
  const { field, n } = options;
  const d = rowLength("canonicalize", x.length, field, n);
  const out = new Float32Array(x);
  const rows = x.length / d;
  if (field === "real") {
    for (let r = 0; r < rows; r++) canonicalizeRealRow(out, r * n, n);
  } else {
    for (let r = 0; r < rows; r++) canonicalizeComplexRow(out, r * d, n);
  }
  return out;
}

function canonicalizeRealRow(x: Float32Array, o: number, n: number): void {
  const last = o + n - 1;
  if (x[last] === 0) x[last] = CUT_PERTURBATION; // also turns −0 into a positive value
  if (x[last] < 0) { for (let j = o; j <= last; j++) x[j] = -x[j]; }
}

function canonicalizeComplexRow(x: Float32Array, o: number, n: number): void {
  let re = x[o];
  const im = x[o + n];
  if (re === 0 && im === 0) re = x[o] = CUT_PERTURBATION;
  const r = Math.hypot(re, im);
  // Multiply by conj(x_1)/|x_1| = e^{−i·arg x_1}.
  const c = re / r, s = im / r;
  for (let j = 0; j < n; j++) {
    const xr = x[o + j], xi = x[o + n + j];
    x[o + j] = xr * c + xi * s;
    x[o + n + j] = xi * c - xr * s;
  }
  x[o] = r;
  x[o + n] = 0;
}
