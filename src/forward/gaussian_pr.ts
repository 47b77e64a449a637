import { Pcg32 } from "../random/pcg32.ts";
import { fillNormal } from "../random/normal.ts";
import { sampleUnitBall } from "../random/ball.ts";
import { forwardPR } from "./forward_pr.ts";

import type { Field } from "./forward_pr.ts";
export type { Field };

/** Options of {@linkcode gaussianPR}. */
export interface GaussianPROptions {
  /** `"real"`: sign symmetry; `"complex"`: global phase symmetry. */
  field: Field;
  /** Signal dimension n (complex: n complex entries). */
  n: number;
  /** Number of (x, y) pairs to draw. */
  samples: number;
  /** Seed of the dataset: the matrix A and every x come from it. */
  seed: number;
  /** Number of measurements; default 4n, as in the paper. */
  m?: number;
}

/** A Gaussian phase-retrieval dataset, row-major. */
export interface GaussianPRDataset {
  /** The field the dataset was drawn over, as passed in the options. */
  field: Field;
  /** Signal dimension n (complex: n complex entries). */
  n: number;
  /** Number of measurements per signal: the length of one y (4n unless set). */
  m: number;
  /** Length of one stored x: n (real) or 2n (complex, [real parts…, imaginary parts…]). */
  d: number;
  /** Number of (x, y) pairs, the rows of `x` and `y`. */
  samples: number;
  /** Signals, `samples × d`, uniform in the unit ball of R^d. */
  x: Float32Array;
  /** Measurements y = |Ax|², `samples × m`. */
  y: Float32Array;
  /** The sensing matrix A, `m × n` (real) or `m × 2n` ([Re A | Im A], complex). */
  a: Float32Array;
}

/**
 * Draws a Gaussian phase-retrieval dataset y = |Ax|² (elementwise).
 *
 * A is drawn first, iid N(0, 1) (real) or (N(0, 1) + iN(0, 1))/√2 (complex),
 * then the signals, uniformly in the unit ball of R^d. The products are
 * computed in float64 and stored as float32.
 *
 * @param options Field, sizes and seed.
 * @returns The dataset.
 * @throws {TypeError} If `field` is unknown.
 * @throws {RangeError} If `n`, `samples` or `m` is not a positive integer, or an array would hold more than
 * {@linkcode GAUSSIAN_PR_MAX_VALUES} values.
 *
 * @example The sign symmetry: x and −x give the same y
 * ```ts
 * import { gaussianPR } from "./gaussian_pr.ts";
 * import assert from "node:assert/strict";
 *
 * import { forwardPR } from "./forward_pr.ts";
 *
 * const data = gaussianPR({ field: "real", n: 5, samples: 10, seed: 1 });
 * assert.equal(data.m, 20);
 * assert.equal(data.y.length, 10 * 20);
 * const flipped = forwardPR(data.a, data.x.map((v) => -v), data);
 * assert.deepEqual(flipped, data.y);
 * ```
 */
export function gaussianPR(options: GaussianPROptions): GaussianPRDataset {
  const { field, n, samples, seed } = options;
  const m = options.m ?? 4 * n;
  if (field !== "real" && field !== "complex") {
    throw new TypeError(`Cannot draw dataset: field must be "real" or "complex", got "${field}"`);
  }
  checkCount("n", n, 1);
  checkCount("samples", samples, 1);
  checkCount("m", m, 1);
  const d = field === "real" ? n : 2 * n;
  checkSize("a", "m × d", m, d);
  checkSize("x", "samples × d", samples, d);
  checkSize("y", "samples × m", samples, m);
  const rng = new Pcg32(seed);
  const a = new Float32Array(m * d);
  fillNormal(rng, a, field === "real" ? 1 : Math.SQRT1_2);
  const x = sampleUnitBall(rng, samples, d);
  const y = forwardPR(a, x, { field, n, m });
  return { field, n, m, d, samples, x, y, a };
}

/**
 * The most values {@linkcode gaussianPR} puts in one array: 2³⁰ float32
 * values, 4 GiB, the most a 32-bit WebAssembly memory (tfjs-wasm, the K-NN
 * kernel) can hold.
 *
 * @example
 * ```ts
 * import { GAUSSIAN_PR_MAX_VALUES, gaussianPR } from "./gaussian_pr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(GAUSSIAN_PR_MAX_VALUES, 2 ** 30);
 * assert.throws(() => gaussianPR({ field: "real", n: 5, samples: 1e12, seed: 1 }), /x would hold samples × d = 1000000000000 × 5/);
 * ```
 */
export const GAUSSIAN_PR_MAX_VALUES: number = 2 ** 30;

function checkSize(array: string, product: string, rows: number, cols: number): void {
  if (rows * cols > GAUSSIAN_PR_MAX_VALUES) {
    throw new RangeError(
      `Cannot draw dataset: ${array} would hold ${product} = ${rows} × ${cols} = ${rows * cols} values, ` +
        `more than ${GAUSSIAN_PR_MAX_VALUES} (2^30 float32 values, 4 GiB)`,
    );
  }
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`Cannot draw dataset: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
}
