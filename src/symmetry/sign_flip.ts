import type { Symmetry } from "./symmetry.ts";
import { checkCount } from "./_check.ts";
import { identity, makeSymmetry, unit } from "./_group.ts";

/**
 * The perturbation given to a row that lies exactly on the cut of the
 * paper's rules (x_n = 0 for the sign, x_1 = 0 for the phase) before it is
 * mapped into the set: the smallest positive normal float32, so it changes
 * nothing else.
 *
 * @example A row on the cut is moved just inside the set
 * ```ts
 * import { CUT_PERTURBATION, signFlip } from "./sign_flip.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(CUT_PERTURBATION, 2 ** -126);
 * assert.deepEqual([...signFlip(2).canonicalize(new Float32Array([0.5, 0]))], [0.5, CUT_PERTURBATION]);
 * ```
 */
export const CUT_PERTURBATION = 2 ** -126;

/**
 * The sign symmetry {±1} of real rows of length `dim` (real phase
 * retrieval: y = |Ax|² cannot tell x from −x).
 *
 * Canonicalisation is the paper's rule, the last coordinate made positive:
 * the reference rule with w = e_dim, whose set {x : x_dim > 0} is a
 * half-space, so connected (rows with x_dim = 0 first get
 * {@linkcode CUT_PERTURBATION}). The orbit distance is
 * min(‖a − b‖², ‖a + b‖²).
 *
 * @param dim Floats per row.
 * @returns The symmetry.
 *
 * @example The paper's rule and the rectified distance
 * ```ts
 * import { signFlip } from "./sign_flip.ts";
 * import assert from "node:assert/strict";
 *
 * const s = signFlip(2);
 * assert.deepEqual([...s.canonicalize(new Float32Array([1, -2, 0.5, 0.25]))], [-1, 2, 0.5, 0.25]);
 * assert.deepEqual([...s.orbitDistance(new Float32Array([1, 1]), new Float32Array([-1, -1.5]))], [0.25]);
 * ```
 */
export function signFlip(dim: number): Symmetry {
  checkCount("declare sign flip", "dim", dim);
  const minus = identity(dim);
  if (minus.kind === "perm") minus.sign.fill(-1);
  return makeSymmetry(
    { name: "sign flip", dim, elements: [identity(dim), minus], phase: false, reference: unit(dim, dim - 1) },
    {
      canonicalize: (x) => {
        const out = new Float32Array(x);
        for (let o = 0; o < x.length; o += dim) canonicalizeSignRow(out, o, dim);
        return out;
      },
      orbitDistance: (a, b) => {
        const out = new Float64Array(a.length / dim);
        for (let r = 0; r < out.length; r++) out[r] = signDistanceRow(a, b, r * dim, dim);
        return out;
      },
    },
  );
}

/** The paper's sign rule on one row, in place (the oracle of the WebAssembly kernel). */
export function canonicalizeSignRow(x: Float32Array, o: number, n: number): void {
  const last = o + n - 1;
  if (x[last] === 0) x[last] = CUT_PERTURBATION; // also turns −0 into a positive value
  if (x[last] < 0) { for (let j = o; j <= last; j++) x[j] = -x[j]; }
}

/** min(‖p − x‖², ‖p + x‖²) over one row (the oracle of the WebAssembly kernel). */
export function signDistanceRow(p: Float32Array, x: Float32Array, o: number, n: number): number {
  let plus = 0, minus = 0;
  for (let j = o; j < o + n; j++) {
    plus += (p[j] - x[j]) ** 2;
    minus += (p[j] + x[j]) ** 2;
  }
  return Math.min(plus, minus);
}
