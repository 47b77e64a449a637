import type { Symmetry } from "./symmetry.ts";
import { identity, makeSymmetry, unit } from "./_group.ts";
import { checkField, checkShape, gridPermutation, shapeLabel } from "./_grid.ts";
import type { GridSymmetryOptions } from "./cyclic_shift.ts";

/**
 * Reversal along every axis at once of a row laid out row-major in `shape`:
 * x[t] ↦ x[n − 1 − t] per axis (for an image, the 180° rotation about its
 * centre), a group of two elements.
 *
 * Canonicalisation is the reference rule with w = e_0: keep the row if
 * x_0 ≥ x_last, else reverse it; the set {x : x_0 ≥ x_last} is a half-space,
 * so connected. A row with x_0 = x_last (measure zero) is kept as it is.
 *
 * @param shape Sizes of the axes, e.g. `[8]` or `[4, 4]`.
 * @param options The field of the rows.
 * @returns The symmetry.
 *
 * @example A row and its reversal share an orbit
 * ```ts
 * import { reflection } from "./reflection.ts";
 * import assert from "node:assert/strict";
 *
 * const s = reflection([3]);
 * assert.deepEqual([...s.canonicalize(new Float32Array([1, 2, 3]))], [3, 2, 1]);
 * assert.deepEqual([...s.orbitDistance(new Float32Array([1, 2, 3]), new Float32Array([3, 2, 1]))], [0]);
 * ```
 */
export function reflection(shape: number[], options: GridSymmetryOptions = {}): Symmetry {
  const count = checkShape("reflection", shape);
  const field = checkField("reflection", options.field ?? "real");
  const dims = [...shape];
  const dim = field === "real" ? count : 2 * count;
  const reverse = gridPermutation(dims, field, (t) => t.map((v, k) => dims[k] - 1 - v));
  const elements = count === 1 ? [identity(dim)] : [identity(dim), reverse];
  return makeSymmetry({
    name: `reflection ${shapeLabel(dims)}`,
    dim,
    elements,
    phase: false,
    reference: unit(dim, 0),
  });
}
