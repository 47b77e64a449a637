import type { Symmetry } from "./symmetry.ts";
import { checkRows } from "./_check.ts";
import { applyInto, complexDot, groupOf, unrotate } from "./_group.ts";
import { gridFft } from "./_shift_fft.ts";

/**
 * Moves each row of `a` to the point of its orbit nearest the same row of
 * `b`: g·a for the group element (and, with the global phase, the phase)
 * that attains the orbit distance, so that ‖g·a − b‖² equals
 * `symmetry.orbitDistance(a, b)`. This is how a reconstruction is shown
 * beside its truth: like with like. Grid groups (shifts × conjugate flip,
 * × phase) search every shift at once by FFT cross-correlation; others
 * enumerate.
 *
 * @param symmetry A symmetry built by this module.
 * @param a Rows to move.
 * @param b Rows to move them towards, as many.
 * @returns The moved rows (a new array).
 * @throws {TypeError} If `symmetry` was not built by this module, or a batch is not a Float32Array.
 * @throws {RangeError} If the batches differ in length or hold partial rows.
 *
 * @example A shifted row comes back
 * ```ts
 * import { alignTo } from "./align.ts";
 * import { cyclicShift } from "./cyclic_shift.ts";
 * import assert from "node:assert/strict";
 *
 * const s = cyclicShift([4]);
 * assert.deepEqual([...alignTo(s, Float32Array.of(0, 0, 1, 2), Float32Array.of(1, 2, 0, 0))], [1, 2, 0, 0]);
 * ```
 */
export function alignTo(symmetry: Symmetry, a: Float32Array, b: Float32Array): Float32Array {
  const data = groupOf(symmetry, "align", "symmetry");
  const { dim, elements, phase } = data;
  checkRows("align", "a", a, dim);
  checkRows("align", "b", b, dim);
  if (a.length !== b.length) {
    throw new RangeError(`Cannot align: a has ${a.length} values but b has ${b.length}`);
  }
  const fast = gridFft(data);
  if (fast) return fast.align(a, b);
  const n = dim / 2, out = new Float32Array(a.length), v = new Float32Array(dim);
  for (let o = 0; o < a.length; o += dim) {
    let best = -Infinity, bestElement = 0;
    for (const [k, e] of elements.entries()) {
      applyInto(e, a, o, v);
      let score = 0; // ⟨g·a, b⟩ (its modulus with the phase): the larger, the nearer
      if (phase) score = Math.hypot(...complexDot(v, 0, b, o, n));
      else for (let i = 0; i < dim; i++) score += v[i] * b[o + i];
      if (score > best) {
        best = score;
        bestElement = k;
      }
    }
    applyInto(elements[bestElement], a, o, v);
    if (phase) {
      const [re, im] = complexDot(v, 0, b, o, n);
      unrotate(v, re, -im);
    }
    out.set(v, o);
  }
  return out;
}
