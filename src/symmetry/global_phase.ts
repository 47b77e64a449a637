import type { Symmetry } from "./symmetry.ts";
import { checkCount } from "./_check.ts";
import { identity, makeSymmetry, unit } from "./_group.ts";
import { CUT_PERTURBATION } from "./sign_flip.ts";

/**
 * The global phase e^{iθ} of complex rows of n entries, laid out
 * [real parts…, imaginary parts…] (length 2n): complex phase retrieval
 * cannot tell x from e^{iθ}x.
 *
 * Canonicalisation is the paper's rule, x_1 real and positive: the
 * reference rule with w = e_1 (turn the phase so that ⟨w, x⟩ is real and
 * positive), whose set {x : Im x_1 = 0, Re x_1 > 0} is a half-space of a
 * linear subspace, so connected (rows with x_1 = 0 first get Re x_1 =
 * CUT_PERTURBATION). The orbit distance has a closed form,
 * ‖a‖² + ‖b‖² − 2|⟨a, b⟩|.
 *
 * @param n Complex entries per row.
 * @returns The symmetry, on rows of length 2n.
 *
 * @example x_1 becomes real and positive
 * ```ts
 * import { globalPhase } from "./global_phase.ts";
 * import assert from "node:assert/strict";
 *
 * const s = globalPhase(2);
 * // x = (i, 1) ↦ e^{−iπ/2}x = (1, −i)
 * const out = s.canonicalize(new Float32Array([0, 1, 1, 0]));
 * assert.deepEqual([...out].map((v) => Math.round(v * 1e6) / 1e6), [1, 0, 0, -1]);
 * assert.ok(s.orbitDistance(out, new Float32Array([0, 1, 1, 0]))[0] < 1e-12);
 * ```
 */
export function globalPhase(n: number): Symmetry {
  checkCount("declare global phase", "n", n);
  const dim = 2 * n;
  return makeSymmetry(
    { name: "global phase", dim, elements: [identity(dim)], phase: true, reference: unit(dim, 0) },
    {
      canonicalize: (x) => {
        const out = new Float32Array(x);
        for (let o = 0; o < x.length; o += dim) canonicalizePhaseRow(out, o, n);
        return out;
      },
      orbitDistance: (a, b) => {
        const out = new Float64Array(a.length / dim);
        for (let r = 0; r < out.length; r++) out[r] = phaseDistanceRow(a, b, r * dim, n);
        return out;
      },
    },
  );
}

/** The paper's phase rule on one row, in place (the oracle of the WebAssembly kernel). */
export function canonicalizePhaseRow(x: Float32Array, o: number, n: number): void {
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

/** min over θ of ‖e^{iθ}p − x‖² over one row, in closed form (the oracle of the WebAssembly kernel). */
export function phaseDistanceRow(p: Float32Array, x: Float32Array, o: number, n: number): number {
  // ⟨p, x⟩ = Σ conj(p_j) x_j
  let pp = 0, xx = 0, re = 0, im = 0;
  for (let j = o; j < o + n; j++) {
    const pr = p[j], pi = p[j + n], xr = x[j], xi = x[j + n];
    pp += pr * pr + pi * pi;
    xx += xr * xr + xi * xi;
    re += pr * xr + pi * xi;
    im += pr * xi - pi * xr;
  }
  // Clamp rounding below zero: the exact minimum is never negative.
  return Math.max(0, pp + xx - 2 * Math.hypot(re, im));
}
