import { fftn } from "../linalg/fft.ts";
import { Pcg32 } from "../random/pcg32.ts";
import type { FourierPRProblem } from "./fourier_pr.ts";

/** Options of {@linkcode hio}. */
export interface HioOptions {
  /** Seed of the random starts. */
  seed: number;
  /** Hybrid input-output iterations per start (default {@linkcode HIO_DEFAULTS}.iterations). */
  iterations?: number;
  /** Error-reduction iterations after them (default {@linkcode HIO_DEFAULTS}.erIterations). */
  erIterations?: number;
  /** Random starts per signal; the one most consistent with y is kept (default {@linkcode HIO_DEFAULTS}.restarts). */
  restarts?: number;
  /** The feedback β (default 0.9, Fienup's usual value). */
  beta?: number;
}

/** What {@linkcode hio} returns. */
export interface HioResult {
  /** Reconstructions on the problem's grid, one row per measurement row. */
  x: Float32Array;
  /** Per row: the kept start's Fourier-magnitude misfit ‖|F x| − √y‖² ÷ ‖√y‖². */
  misfit: Float64Array;
}

/**
 * The defaults of {@linkcode hio}: 300 HIO iterations, 50 error-reduction
 * iterations and 4 random starts per signal, β = 0.9.
 *
 * @example
 * ```ts
 * import { HIO_DEFAULTS } from "./hio.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(HIO_DEFAULTS, { iterations: 300, erIterations: 50, restarts: 4, beta: 0.9 });
 * ```
 */
export const HIO_DEFAULTS = { iterations: 300, erIterations: 50, restarts: 4, beta: 0.9 } as const;

/**
 * Fienup's hybrid input-output algorithm for Fourier phase retrieval, the
 * classical solver: from a random start inside the support, alternate the
 * Fourier-magnitude projection (keep the phase of F g, impose |F g| = √y)
 * with the object-domain update g ← g′ where g′ satisfies the constraints
 * and g ← g − β g′ where it does not; then error-reduction steps (g ← g′
 * inside, 0 outside) so the result satisfies them. Constraints: the support
 * (the signal's corner box), and for real signals realness and
 * non-negativity; complex signals get the support only. Of several random
 * starts the one with the smallest magnitude misfit is kept. A solution is
 * found only up to the problem's symmetry: score it with the orbit distance.
 *
 * @param problem The problem, from `fourierPR`.
 * @param y Measurements, `problem.measurementDim` per row.
 * @param options Seed, iteration counts, starts and β.
 * @returns The reconstructions and their misfits.
 * @throws {RangeError} For partial rows or an option out of range.
 *
 * @example A small real signal is recovered up to its symmetry
 * ```ts
 * import { fourierPR } from "./fourier_pr.ts";
 * import { hio } from "./hio.ts";
 * import assert from "node:assert/strict";
 *
 * const problem = fourierPR({ shape: [4, 4], field: "real" });
 * const x = problem.sample(1, 3);
 * const { x: found, misfit } = hio(problem, problem.forward(x), { seed: 1 });
 * assert.ok(misfit[0] < 1e-3);
 * assert.ok(problem.symmetry.orbitDistance(found, x)[0] < 1e-3);
 * ```
 */
export function hio(problem: FourierPRProblem, y: Float32Array, options: HioOptions): HioResult {
  const o = { ...HIO_DEFAULTS, ...options };
  for (
    const [name, v, min] of [["iterations", o.iterations, 0], ["erIterations", o.erIterations, 0], [
      "restarts",
      o.restarts,
      1,
    ]] as const
  ) {
    if (!Number.isSafeInteger(v) || v < min) {
      throw new RangeError(`Cannot run HIO: ${name} must be an integer ≥ ${min}`);
    }
  }
  if (!(o.beta > 0 && o.beta <= 2)) {
    throw new RangeError(`Cannot run HIO: beta must be in (0, 2], got ${o.beta}`);
  }
  const { grid, support, field, signalDim: dim, measurementDim: count } = problem;
  if (!(y instanceof Float32Array) || y.length % count !== 0) {
    throw new RangeError(`Cannot run HIO: y must be a Float32Array of whole rows of ${count}`);
  }
  const rows = y.length / count, complex = field === "complex";
  const out = new Float32Array(rows * dim), misfits = new Float64Array(rows);
  const rng = new Pcg32(o.seed);
  const gRe = new Float64Array(count), gIm = new Float64Array(count);
  const re = new Float64Array(count), im = new Float64Array(count), mag = new Float64Array(count);
  const best = new Float64Array(2 * count);
  for (let r = 0; r < rows; r++) {
    let magNorm = 0;
    for (let k = 0; k < count; k++) {
      mag[k] = Math.sqrt(Math.max(0, y[r * count + k]));
      magNorm += mag[k] * mag[k];
    }
    let bestMisfit = Infinity;
    for (let start = 0; start < o.restarts; start++) {
      for (let t = 0; t < count; t++) {
        gRe[t] = support[t] ? (complex ? 2 * rng.nextFloat() - 1 : rng.nextFloat()) : 0;
        gIm[t] = support[t] && complex ? 2 * rng.nextFloat() - 1 : 0;
      }
      const total = o.iterations + o.erIterations;
      for (let it = 0; it < total; it++) {
        re.set(gRe);
        im.set(gIm);
        project(re, im, mag, grid);
        const er = it >= o.iterations;
        for (let t = 0; t < count; t++) {
          const ok = support[t] === 1 && (complex || re[t] >= 0);
          if (ok) {
            gRe[t] = re[t];
            gIm[t] = complex ? im[t] : 0;
          } else if (er) {
            gRe[t] = gIm[t] = 0;
          } else {
            gRe[t] -= o.beta * re[t];
            gIm[t] = complex ? gIm[t] - o.beta * im[t] : 0;
          }
        }
      }
      // The misfit of the final iterate, which satisfies the object constraints after error reduction.
      re.set(gRe);
      im.set(gIm);
      fftn(re, im, grid);
      let misfit = 0;
      for (let k = 0; k < count; k++) misfit += (Math.hypot(re[k], im[k]) - mag[k]) ** 2;
      misfit /= magNorm || 1;
      if (misfit < bestMisfit) {
        bestMisfit = misfit;
        best.set(gRe);
        best.set(gIm, count);
      }
    }
    misfits[r] = bestMisfit;
    for (let t = 0; t < count; t++) {
      out[r * dim + t] = best[t];
      if (complex) out[r * dim + count + t] = best[count + t];
    }
  }
  return { x: out, misfit: misfits };
}

// g ↦ F⁻¹(√y · F g / |F g|), in place: the nearest point with the measured Fourier magnitudes.
function project(re: Float64Array, im: Float64Array, mag: Float64Array, grid: readonly number[]): void {
  fftn(re, im, grid);
  for (let k = 0; k < re.length; k++) {
    const a = Math.hypot(re[k], im[k]);
    if (a > 0) {
      re[k] *= mag[k] / a;
      im[k] *= mag[k] / a;
    } else {
      re[k] = mag[k];
      im[k] = 0;
    }
  }
  fftn(re, im, grid, { inverse: true });
}
