import { Pcg32 } from "../random/pcg32.ts";
import { fillNormal } from "../random/normal.ts";
import { sampleUnitBall } from "../random/ball.ts";
import { defineProblem, type InverseProblem } from "../symmetry/define_problem.ts";
import { globalPhase } from "../symmetry/global_phase.ts";
import { signFlip } from "../symmetry/sign_flip.ts";
import { type Field, forwardPR } from "./forward_pr.ts";
import { gaussianPR } from "./gaussian_pr.ts";

/** Options of {@linkcode gaussianPRProblem}. */
export interface GaussianPRProblemOptions {
  /** `"real"`: sign symmetry; `"complex"`: global phase symmetry. */
  field: Field;
  /** Signal dimension n (complex: n complex entries). */
  n: number;
  /** Seed of the sensing matrix A. */
  seed: number;
  /** Number of measurements; default 4n, as in the paper. */
  m?: number;
}

/** Gaussian phase retrieval as an {@linkcode InverseProblem}, with its sensing matrix. */
export interface GaussianPRProblem extends InverseProblem {
  /** The field of the signals. */
  readonly field: Field;
  /** Signal dimension n. */
  readonly n: number;
  /** Measurements per signal. */
  readonly m: number;
  /** The sensing matrix A, as in {@linkcode gaussianPR}'s dataset. */
  readonly a: Float32Array;
}

/**
 * Gaussian phase retrieval y = |Ax|² declared as an inverse problem: the
 * sign symmetry (real) or the global phase (complex), signals uniform in
 * the unit ball. A is drawn from `seed` exactly as {@linkcode gaussianPR}
 * draws it, and `sample(count, seed)` with the problem's own seed returns
 * gaussianPR's signals (the generator first passes over A's draws), so the
 * paper's tables keep their datasets.
 *
 * @param options Field, n, seed of A, and m.
 * @returns The problem.
 *
 * @example The same dataset as gaussianPR
 * ```ts
 * import { gaussianPRProblem } from "./gaussian_pr_problem.ts";
 * import { gaussianPR } from "./gaussian_pr.ts";
 * import assert from "node:assert/strict";
 *
 * const problem = gaussianPRProblem({ field: "complex", n: 3, seed: 9 });
 * const data = gaussianPR({ field: "complex", n: 3, samples: 50, seed: 9 });
 * const x = problem.sample(50, 9);
 * assert.deepEqual(x, data.x);
 * assert.deepEqual(problem.forward(x), data.y);
 * assert.equal(problem.symmetry.name, "global phase");
 * ```
 */
export function gaussianPRProblem(options: GaussianPRProblemOptions): GaussianPRProblem {
  const { field, n, seed } = options;
  const m = options.m ?? 4 * n;
  const { a, d } = gaussianPR({ field, n, m, samples: 1, seed });
  const scale = field === "real" ? 1 : Math.SQRT1_2;
  const problem = defineProblem({
    name: `gaussian-pr-${field}-n${n}-m${m}`,
    signalDim: d,
    measurementDim: m,
    sample: (count, s) => {
      const rng = new Pcg32(s);
      fillNormal(rng, new Float32Array(m * d), scale); // A's draws, as gaussianPR makes them
      return sampleUnitBall(rng, count, d);
    },
    forward: (x) => forwardPR(a, x, { field, n, m }),
    symmetry: field === "real" ? signFlip(n) : globalPhase(n),
  });
  return Object.freeze({ ...problem, field, n, m, a });
}
