import type { Field } from "./field.ts";
import type { Symmetry } from "./symmetry.ts";
import { makeSymmetry, unit } from "./_group.ts";
import { gridSpecial } from "./_shift_fft.ts";
import { allShifts, checkField, checkShape, gridPermutation, shapeLabel } from "./_grid.ts";

/** Options of {@linkcode cyclicShift} and {@linkcode reflection}. */
export interface GridSymmetryOptions {
  /** `"real"` (default): rows of Π shape floats; `"complex"`: rows [real parts…, imaginary parts…] of twice that. */
  field?: Field;
}

/**
 * Circular shifts along every axis of a row laid out row-major in `shape`:
 * (g_s·x)[t] = x[t − s mod shape], one element per shift vector s (Π shape
 * of them). Fourier magnitudes |F x| cannot see them.
 *
 * Canonicalisation is the reference rule with w = e_0: the shift that moves
 * the largest entry (real part, for complex rows) to index 0. Its set
 * {x : x_0 ≥ x_t for every t} is an intersection of half-spaces, so convex
 * and connected; ties between equal largest entries (measure zero) go to
 * the first shift in row-major order. When every axis has 3 or more
 * entries, the orbit distance and the rule run over every shift at once by
 * FFT cross-correlation (the rule giving the enumeration's bytes).
 *
 * @param shape Sizes of the axes, e.g. `[8]` or `[4, 4]`.
 * @param options The field of the rows.
 * @returns The symmetry.
 *
 * @example The largest entry moves to the front
 * ```ts
 * import { cyclicShift } from "./cyclic_shift.ts";
 * import assert from "node:assert/strict";
 *
 * const s = cyclicShift([4]);
 * assert.deepEqual([...s.canonicalize(new Float32Array([0, 1, 3, 2]))], [3, 2, 0, 1]);
 * assert.deepEqual([...s.orbitDistance(new Float32Array([1, 0, 0, 0]), new Float32Array([0, 0, 1, 0]))], [0]);
 * ```
 */
export function cyclicShift(shape: number[], options: GridSymmetryOptions = {}): Symmetry {
  const count = checkShape("cyclic shift", shape);
  const field = checkField("cyclic shift", options.field ?? "real");
  const dims = [...shape];
  const elements = allShifts(dims).map((s) =>
    gridPermutation(dims, field, (t) => t.map((v, k) => (v - s[k] + dims[k]) % dims[k]))
  );
  const dim = field === "real" ? count : 2 * count;
  const data = {
    name: `cyclic shift ${shapeLabel(dims)}`,
    dim,
    elements,
    phase: false,
    reference: unit(dim, 0),
    grid: { shape: dims, field, shifts: true, flip: false },
  };
  return makeSymmetry(data, gridSpecial(data));
}
