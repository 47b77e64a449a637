import assert from "node:assert/strict";
import { tf } from "../src/nn/tf.ts";
import { Pcg32 } from "../src/random/pcg32.ts";

/**
 * Checks analytic gradients against central finite differences of `loss`, on
 * `perVariable` seeded random entries of each variable (every entry when it
 * has fewer). The step actually taken in float32 is the denominator.
 */
export function checkGradients(
  variables: readonly tf.Variable[],
  grads: readonly tf.Tensor[],
  loss: () => number,
  options: { eps?: number; perVariable?: number; rtol?: number; atol?: number; seed?: number } = {},
): void {
  const { eps = 1e-2, perVariable = 12, rtol = 2e-2, atol = 2e-4, seed = 1 } = options;
  const rng = new Pcg32(seed);
  variables.forEach((v, p) => {
    const g = grads[p].dataSync();
    const base = v.dataSync().slice() as Float32Array;
    const picks = base.length <= perVariable
      ? [...base.keys()]
      : Array.from({ length: perVariable }, () => rng.nextInt(base.length));
    for (const i of picks) {
      const plus = base.slice(), minus = base.slice();
      plus[i] += eps;
      minus[i] -= eps;
      v.assign(tf.tensor(plus, v.shape));
      const lp = loss();
      v.assign(tf.tensor(minus, v.shape));
      const lm = loss();
      const fd = (lp - lm) / (plus[i] - minus[i]);
      const err = Math.abs(g[i] - fd);
      assert.ok(
        err <= rtol * Math.abs(fd) + atol,
        `variable ${p} [${v.shape}] entry ${i}: gradient ${g[i]}, fd ${fd}`,
      );
    }
    v.assign(tf.tensor(base, v.shape));
  });
}
