import { fftn } from "../linalg/fft.ts";
import { Pcg32 } from "../random/pcg32.ts";
import { sampleUnitBall } from "../random/ball.ts";
import { centringRule } from "../symmetry/centring_rule.ts";
import { conjugateFlip } from "../symmetry/conjugate_flip.ts";
import { cyclicShift } from "../symmetry/cyclic_shift.ts";
import { defineProblem, type InverseProblem } from "../symmetry/define_problem.ts";
import type { Field } from "../symmetry/field.ts";
import { globalPhase } from "../symmetry/global_phase.ts";
import { product } from "../symmetry/product.ts";

/** The canonicalisation rule of {@linkcode fourierPR}'s symmetry. */
export type FourierRule = "reference" | "centring";

/** Options of {@linkcode fourierPR}. */
export interface FourierPROptions {
  /** The signal's shape before padding: `[n]` or `[n, n]` (any sizes ≥ 2). */
  shape: readonly number[];
  /** `"real"`: real signals (the conjugate flip is the 180° rotation); `"complex"`: complex, with the global phase. */
  field: Field;
  /** Grid size per axis ÷ signal size, an integer ≥ 2 (default 2: M = 2n ≥ 2n − 1, enough to recover). */
  oversample?: number;
  /**
   * Signals to draw from, Π shape floats each (complex: twice that, [re…, im…]), row-major; `sample`
   * takes distinct rows in a seeded random order. Default: complex uniform in the unit ball of ℂⁿ,
   * real uniform in [0, 1] per entry scaled to unit norm.
   */
  data?: Float32Array;
  /** `"reference"` (default): the engine's reference rule; `"centring"`: {@linkcode centringRule}. */
  rule?: FourierRule;
}

/** Fourier phase retrieval as an {@linkcode InverseProblem}, with its grid. */
export interface FourierPRProblem extends InverseProblem {
  /** The field of the signals. */
  readonly field: Field;
  /** The signal's shape before padding. */
  readonly shape: readonly number[];
  /** The padded grid's shape, oversample × shape. */
  readonly grid: readonly number[];
  /** 1 where the signal may be non-zero (the corner box of `shape`), per grid entry, row-major. */
  readonly support: Uint8Array;
  /** The canonicalisation rule of the symmetry. */
  readonly rule: FourierRule;
}

/**
 * Fourier phase retrieval y = |F x|² declared as an inverse problem. The
 * signal sits in the corner of a zero grid of `oversample`·n per axis, and
 * F is the unnormalised DFT of the whole grid (computed by `fftn`); rows are
 * the padded signal, row-major (complex: [re…, im…], 2·M^k floats), and
 * measurements are M^k. The symmetry, on the grid, is
 * `product(cyclicShift(grid), conjugateFlip(grid))`, times `globalPhase` for
 * complex signals: circular translation, x[t] ↦ conj(x[−t]) and e^{iθ}
 * leave |F x| unchanged. A network predicts the whole grid, so every
 * symmetric copy of a signal is a possible output.
 *
 * @param options Shape, field, oversampling, signals and rule.
 * @returns The problem.
 * @throws {RangeError} For a shape, oversampling or data length out of range.
 *
 * @example The measurements cannot tell a signal from its shifts and flips
 * ```ts
 * import { fourierPR } from "./fourier_pr.ts";
 * import { checkSymmetry } from "../symmetry/check_symmetry.ts";
 * import assert from "node:assert/strict";
 *
 * const problem = fourierPR({ shape: [4], field: "complex" });
 * assert.deepEqual([problem.signalDim, problem.measurementDim], [16, 8]);
 * assert.equal(problem.symmetry.name, "cyclic shift [8] × conjugate flip [8] × global phase");
 * assert.equal(checkSymmetry(problem).ok, true);
 * ```
 */
export function fourierPR(options: FourierPROptions): FourierPRProblem {
  const { field, data } = options;
  const shape = [...(options.shape ?? [])],
    oversample = options.oversample ?? 2,
    rule = options.rule ?? "reference";
  if (shape.length < 1 || shape.length > 2 || shape.some((n) => !Number.isSafeInteger(n) || n < 2)) {
    throw new RangeError(`Cannot declare Fourier PR: shape must be [n] or [n, n] with n ≥ 2, got [${shape}]`);
  }
  if (!Number.isSafeInteger(oversample) || oversample < 2) {
    throw new RangeError(`Cannot declare Fourier PR: oversample must be an integer ≥ 2, got ${oversample}`);
  }
  if (field !== "real" && field !== "complex") {
    throw new TypeError(`Cannot declare Fourier PR: field must be "real" or "complex", got ${field}`);
  }
  if (rule !== "reference" && rule !== "centring") {
    throw new TypeError(`Cannot declare Fourier PR: rule must be "reference" or "centring", got ${rule}`);
  }
  const grid = shape.map((n) => oversample * n);
  const small = shape.reduce((a, b) => a * b, 1), count = grid.reduce((a, b) => a * b, 1);
  const halves = field === "complex" ? 2 : 1, dim = halves * count, smallDim = halves * small;
  if (
    data !== undefined && (!(data instanceof Float32Array) || data.length === 0 || data.length % smallDim)
  ) {
    throw new RangeError(
      `Cannot declare Fourier PR: data must be a non-empty Float32Array of whole signals of ${smallDim} floats`,
    );
  }
  // Where entry j of a small signal goes on the grid (the corner box).
  const place = Int32Array.from({ length: small }, (_, j) => {
    const r = shape.length === 2 ? Math.floor(j / shape[1]) : 0, c = shape.length === 2 ? j % shape[1] : j;
    return shape.length === 2 ? r * grid[1] + c : c;
  });
  const support = new Uint8Array(count);
  for (const i of place) support[i] = 1;
  const pad = (signals: Float32Array, rows: number) => {
    const out = new Float32Array(rows * dim);
    for (let r = 0; r < rows; r++) {
      for (let h = 0; h < halves; h++) {
        for (let j = 0; j < small; j++) {
          out[r * dim + h * count + place[j]] = signals[r * smallDim + h * small + j];
        }
      }
    }
    return out;
  };
  const symmetry0 = product(
    cyclicShift(grid, { field }),
    conjugateFlip(grid, { field }),
    ...(field === "complex" ? [globalPhase(count)] : []),
  );
  const symmetry = rule === "centring" ? centringRule(symmetry0) : symmetry0;
  const problem = defineProblem({
    name: `fourier-pr-${field}-${shape.join("x")}-os${oversample}${data ? "-data" : ""}${
      rule === "centring" ? "-centring" : ""
    }`,
    signalDim: dim,
    measurementDim: count,
    sample: (rows, seed) => {
      const rng = new Pcg32(seed);
      if (data) {
        const available = data.length / smallDim;
        if (rows > available) {
          throw new RangeError(
            `Cannot sample Fourier PR: asked for ${rows} signals, the data hold ${available}`,
          );
        }
        const order = Int32Array.from({ length: available }, (_, i) => i);
        for (let i = 0; i < rows; i++) { // partial Fisher–Yates: the first `rows` of a seeded permutation
          const j = i + rng.nextInt(available - i);
          [order[i], order[j]] = [order[j], order[i]];
        }
        const picked = new Float32Array(rows * smallDim);
        for (let i = 0; i < rows; i++) {
          picked.set(data.subarray(order[i] * smallDim, (order[i] + 1) * smallDim), i * smallDim);
        }
        return pad(picked, rows);
      }
      if (field === "complex") return pad(sampleUnitBall(rng, rows, smallDim), rows);
      const picked = Float32Array.from({ length: rows * small }, () => rng.nextFloat());
      for (let r = 0; r < rows; r++) {
        const row = picked.subarray(r * small, (r + 1) * small);
        const norm = Math.hypot(...row) || 1;
        for (let j = 0; j < small; j++) row[j] /= norm;
      }
      return pad(picked, rows);
    },
    forward: (x) => {
      const rows = x.length / dim, y = new Float32Array(rows * count);
      const re = new Float64Array(count), im = new Float64Array(count);
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < count; i++) {
          re[i] = x[r * dim + i];
          im[i] = halves === 2 ? x[r * dim + count + i] : 0;
        }
        fftn(re, im, grid);
        for (let k = 0; k < count; k++) y[r * count + k] = re[k] * re[k] + im[k] * im[k];
      }
      return y;
    },
    symmetry,
  });
  return Object.freeze({ ...problem, field, shape, grid, support, rule });
}
