import type { Symmetry } from "./symmetry.ts";
import { chooseReference, identity, makeSymmetry, unit } from "./_group.ts";
import { checkField, checkShape, gridPermutation, shapeLabel } from "./_grid.ts";
import type { GridSymmetryOptions } from "./cyclic_shift.ts";

/**
 * The conjugate flip of a row laid out row-major in `shape`,
 * x[t] ↦ conj(x[−t mod shape]) along every axis at once, a group of two
 * elements: |F x| cannot tell x from it, since its transform is conj(F x).
 * For real rows it is the 180° rotation of the grid about its origin, index
 * 0 (not about the centre, as {@linkcode reflection} turns it).
 *
 * Canonicalisation is the reference rule with the first reference that the
 * flip does not fix (w = e_1, real part): keep the row if Re x_1 ≥
 * Re x_{−1}, else flip it; the set is a half-space, so connected. With
 * {@linkcode cyclicShift} of the same shape and {@linkcode product} it gives
 * the symmetry of Fourier phase retrieval, whose orbit distance and
 * reference rule run over every shift at once by FFT cross-correlation.
 *
 * @param shape Sizes of the axes, e.g. `[8]` or `[4, 4]`.
 * @param options The field of the rows.
 * @returns The symmetry.
 *
 * @example A row and its conjugate flip share an orbit
 * ```ts
 * import { conjugateFlip } from "./conjugate_flip.ts";
 * import assert from "node:assert/strict";
 *
 * const s = conjugateFlip([4]);
 * // x[t] ↦ x[−t mod 4]: (x0, x1, x2, x3) ↦ (x0, x3, x2, x1)
 * assert.deepEqual([...s.canonicalize(Float32Array.of(5, 1, 2, 3))], [5, 3, 2, 1]);
 * assert.deepEqual([...s.orbitDistance(Float32Array.of(5, 1, 2, 3), Float32Array.of(5, 3, 2, 1))], [0]);
 * const c = conjugateFlip([2], { field: "complex" }); // [re…, im…]: conj flips the imaginary parts
 * assert.deepEqual([...c.orbitDistance(Float32Array.of(1, 2, 3, 4), Float32Array.of(1, 2, -3, -4))], [0]);
 * ```
 */
export function conjugateFlip(shape: number[], options: GridSymmetryOptions = {}): Symmetry {
  const count = checkShape("conjugate flip", shape);
  const field = checkField("conjugate flip", options.field ?? "real");
  const dims = [...shape];
  const dim = field === "real" ? count : 2 * count;
  const flip = gridPermutation(dims, field, (t) => t.map((v, k) => (dims[k] - v) % dims[k]), true);
  const fixed = flip.kind === "perm" && flip.index.every((j, i) => j === i) &&
    flip.sign.every((v) => v === 1);
  const elements = fixed ? [identity(dim)] : [identity(dim), flip];
  const name = `conjugate flip ${shapeLabel(dims)}`;
  return makeSymmetry({
    name,
    dim,
    elements,
    phase: false,
    reference: chooseReference(name, dim, elements, false, count > 1 ? [unit(dim, 1)] : []),
    grid: { shape: dims, field, shifts: false, flip: !fixed },
  });
}
