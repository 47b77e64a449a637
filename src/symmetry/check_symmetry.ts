import type { InverseProblem } from "./define_problem.ts";
import { deriveSeed } from "../random/seed.ts";

/** Options of {@linkcode checkSymmetry}. */
export interface CheckSymmetryOptions {
  /** Signals sampled from the problem (default 64). */
  samples?: number;
  /** Seed of the signals and of the random group elements (default 1). */
  seed?: number;
  /** Largest relative deviation that still passes (default 1e-4: float32 arithmetic with room to spare). */
  tolerance?: number;
}

/** One property checked by {@linkcode checkSymmetry}. */
export interface SymmetryCheck {
  /** What was checked, e.g. `"forward model is invariant"`. */
  name: string;
  /** Whether the worst deviation is within the tolerance. */
  passed: boolean;
  /** The worst relative deviation over the sampled rows (0 is exact). */
  worst: number;
}

/** What {@linkcode checkSymmetry} found. */
export interface SymmetryReport {
  /** Every check passed. */
  ok: boolean;
  /** Each check, in the order they ran. */
  checks: SymmetryCheck[];
}

/**
 * Checks a declared symmetry against its problem, on sampled signals x, x'
 * and random group elements g:
 * - the forward model is invariant, y(g·x) = y(x) (relative to ‖y(x)‖);
 * - canonicalisation is idempotent, invariant under the group and stays in
 *   the orbit (orbit distance from x to its representative is 0);
 * - the orbit distance is zero on an orbit, d(g·x, x) = 0, symmetric, and
 *   never above the plain squared distance ‖x − x'‖².
 *
 * Deviations are relative to the rows' squared norms. A group that is not a
 * symmetry of the forward model (say, `reflection` declared for Gaussian
 * phase retrieval) comes back `ok: false` with the failed check named.
 *
 * @param problem The problem, from `defineProblem`.
 * @param options Sample count, seed and tolerance.
 * @returns Every check with its worst deviation, and whether all passed.
 *
 * @example A sign flip is a symmetry of y = x², a cyclic shift of y = x₁ is not
 * ```ts
 * import { checkSymmetry } from "./check_symmetry.ts";
 * import { defineProblem } from "./define_problem.ts";
 * import { signFlip } from "./sign_flip.ts";
 * import { cyclicShift } from "./cyclic_shift.ts";
 * import { Pcg32 } from "../random/pcg32.ts";
 * import assert from "node:assert/strict";
 *
 * const sample = (count: number, seed: number) => {
 *   const rng = new Pcg32(seed);
 *   return Float32Array.from({ length: 2 * count }, () => 2 * rng.nextFloat() - 1);
 * };
 * const squares = defineProblem({
 *   name: "squares", signalDim: 2, measurementDim: 2, sample,
 *   forward: (x) => x.map((v) => v * v), symmetry: signFlip(2),
 * });
 * assert.equal(checkSymmetry(squares).ok, true);
 * const first = defineProblem({
 *   name: "first", signalDim: 2, measurementDim: 1, sample,
 *   forward: (x) => x.filter((_, i) => i % 2 === 0), symmetry: cyclicShift([2]),
 * });
 * const report = checkSymmetry(first);
 * assert.equal(report.ok, false);
 * assert.deepEqual(report.checks.filter((c) => !c.passed).map((c) => c.name), ["forward model is invariant"]);
 * ```
 */
export function checkSymmetry(problem: InverseProblem, options: CheckSymmetryOptions = {}): SymmetryReport {
  const samples = options.samples ?? 64, seed = options.seed ?? 1, tolerance = options.tolerance ?? 1e-4;
  if (!Number.isSafeInteger(samples) || samples < 1) {
    throw new RangeError(`Cannot check symmetry: samples must be a positive integer, got ${samples}`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new TypeError(`Cannot check symmetry: seed must be a safe integer, got ${seed}`);
  }
  if (!(tolerance >= 0)) {
    throw new RangeError(`Cannot check symmetry: tolerance must be ≥ 0, got ${tolerance}`);
  }
  const { symmetry: s, signalDim: d, measurementDim: m } = problem;
  const x = problem.sample(samples, deriveSeed(seed, "check:x"));
  const x2 = problem.sample(samples, deriveSeed(seed, "check:x2"));
  const gx = s.act(x, deriveSeed(seed, "check:g"));
  const c = s.canonicalize(x);
  const xx = rowNorms(x, d), both = rowNorms(x2, d).map((v, r) => v + xx[r]);
  const checks: [string, number][] = [];
  const y = problem.forward(x), gy = problem.forward(gx), yy = rowNorms(y, m);
  checks.push(["forward model is invariant", worstRelative(rowGaps(gy, y, m), yy)]);
  checks.push(["canonicalize is idempotent", worstRelative(rowGaps(s.canonicalize(c), c, d), xx)]);
  checks.push([
    "canonicalize is invariant under the group",
    worstRelative(rowGaps(s.canonicalize(gx), c, d), xx),
  ]);
  checks.push(["canonicalize stays in the orbit", worstRelative(s.orbitDistance(c, x), xx)]);
  checks.push(["orbit distance is zero on an orbit", worstRelative(s.orbitDistance(gx, x), xx)]);
  const there = s.orbitDistance(x, x2), back = s.orbitDistance(x2, x);
  checks.push([
    "orbit distance is symmetric",
    worstRelative(there.map((v, r) => Math.abs(v - back[r])), both),
  ]);
  const plain = rowGaps(x, x2, d);
  checks.push([
    "orbit distance is at most the squared distance",
    worstRelative(there.map((v, r) => Math.max(0, v - plain[r])), both),
  ]);
  const list = checks.map(([name, worst]) => ({ name, passed: worst <= tolerance, worst }));
  return { ok: list.every((check) => check.passed), checks: list };
}

function rowNorms(x: Float32Array, dim: number): Float64Array {
  const out = new Float64Array(x.length / dim);
  for (let i = 0; i < x.length; i++) out[Math.floor(i / dim)] += x[i] * x[i];
  return out;
}

function rowGaps(a: Float32Array, b: Float32Array, dim: number): Float64Array {
  const out = new Float64Array(a.length / dim);
  for (let i = 0; i < a.length; i++) out[Math.floor(i / dim)] += (a[i] - b[i]) ** 2;
  return out;
}

// The worst ratio of a squared deviation to a squared norm; NaN counts as failing everything.
function worstRelative(gaps: Float64Array, norms: Float64Array): number {
  let worst = 0;
  for (let r = 0; r < gaps.length; r++) {
    const ratio = gaps[r] / Math.max(norms[r], Number.MIN_VALUE);
    if (!(ratio <= worst)) worst = Number.isNaN(ratio) ? Infinity : ratio;
  }
  return worst;
}
