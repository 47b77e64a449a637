import type { Field } from "./field.ts";
import { checkOptions, rowLength } from "./_check.ts";
import { fieldSymmetry } from "./_field_symmetry.ts";

/**
 * Maps every row of `x` into the connected, smallest representative set of
 * the paper (section 2), as `signFlip` and `globalPhase`
 * do: real rows get the sign that makes x_n > 0; complex
 * rows ([real parts…, imaginary parts…]) are multiplied by e^{−i·arg x_1} so
 * that x_1 is real and positive. Rows on the cut are first perturbed by
 * `CUT_PERTURBATION` (x_n, or Re x_1, set to it).
 *
 * @param x Row-major samples, `count × d` with d = n (real) or 2n (complex).
 * @param options The field and n.
 * @returns A new array with the canonical rows.
 * @throws {TypeError} If `options` is missing, `field` is unknown or `x` is not a Float32Array.
 * @throws {RangeError} If `n` is not a positive integer, `x` has a partial row or a value that is not finite.
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
  checkOptions("canonicalize", options);
  const { field, n } = options;
  rowLength("canonicalize", x.length, field, n);
  return fieldSymmetry(field, n).canonicalize(x);
}
