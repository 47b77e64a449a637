import { Pcg32 } from "../random/pcg32.ts";
import { deriveSeed } from "../random/seed.ts";
import { defineProblem, type InverseProblem } from "../symmetry/define_problem.ts";
import { signFlip } from "../symmetry/sign_flip.ts";

/**
 * The square-root toy of the symmetry-breaking paper (Fig. 2) as an inverse
 * problem: y = x² for x uniform in [−1, 1], which cannot tell x from −x.
 * Its canonical representative is |x| (the sign rule on one coordinate).
 *
 * @returns The problem (signal and measurement of one float each).
 *
 * @example x and −x give the same y
 * ```ts
 * import { squareProblem } from "./square.ts";
 * import assert from "node:assert/strict";
 *
 * const problem = squareProblem();
 * const x = problem.sample(4, 1);
 * assert.deepEqual(problem.forward(x), problem.forward(x.map((v) => -v)));
 * assert.deepEqual(problem.symmetry.canonicalize(Float32Array.of(-0.5)), Float32Array.of(0.5));
 * ```
 */
export function squareProblem(): InverseProblem {
  return defineProblem({
    name: "square",
    signalDim: 1,
    measurementDim: 1,
    sample: (count, seed) => {
      const rng = new Pcg32(deriveSeed(seed, `sqrt:samples=${count}`));
      return Float32Array.from({ length: count }, () => 2 * rng.nextFloat() - 1);
    },
    forward: (x) => x.map((v) => v * v),
    symmetry: signFlip(1),
  });
}
