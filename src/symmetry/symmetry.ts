/**
 * A symmetry of an inverse problem: a group acting on signal rows that the
 * forward model cannot see (y(g·x) = y(x) for every group element g). Every
 * method works on a batch of rows, row-major, `dim` floats a row.
 *
 * Build one with {@linkcode signFlip}, {@linkcode globalPhase},
 * {@linkcode cyclicShift}, {@linkcode reflection}, {@linkcode finiteGroup}
 * and {@linkcode product}; check one against a forward model with
 * {@linkcode checkSymmetry}.
 *
 * @example The sign symmetry of real phase retrieval
 * ```ts
 * import { signFlip } from "./sign_flip.ts";
 * import assert from "node:assert/strict";
 *
 * const s = signFlip(2);
 * assert.equal(s.dim, 2);
 * assert.deepEqual([...s.canonicalize(new Float32Array([1, -2]))], [-1, 2]);
 * assert.deepEqual([...s.orbitDistance(new Float32Array([1, -2]), new Float32Array([-1, 2]))], [0]);
 * ```
 */
export interface Symmetry {
  /** A readable name, e.g. `"sign flip"` or `"cyclic shift [8] × global phase"`. */
  readonly name: string;
  /** Floats per signal row (complex rows: 2n, laid out [real parts…, imaginary parts…]). */
  readonly dim: number;
  /**
   * Maps every row into the representative set, a connected set holding one
   * representative of almost every orbit; returns a new array.
   */
  canonicalize(x: Float32Array): Float32Array;
  /** Per row: the squared distance between orbits, min over the group of ‖g·a − b‖². */
  orbitDistance(a: Float32Array, b: Float32Array): Float64Array;
  /** Applies a random group element, drawn from `seed`, to each row; returns a new array. */
  act(x: Float32Array, seed: number): Float32Array;
}

/** One element of a finite group, as a function on one row: returns the transformed row (a new array). */
export type GroupElement = (row: Float32Array) => Float32Array;
