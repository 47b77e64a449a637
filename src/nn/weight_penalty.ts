import { tf } from "./tf.ts";
import type { Tensor, Tensor2D } from "./tf.ts";

/**
 * L1 and L2 weight penalties, added to the MSE loss as
 * `l1 · Σ|w| + l2 · Σ w²` over every weight matrix (biases are not
 * penalised), like Keras's `kernel_regularizer=l1_l2(l1, l2)`. Zero turns a
 * term off.
 */
export interface WeightPenalty {
  /** Coefficient of Σ|w|. */
  l1: number;
  /** Coefficient of Σ w². */
  l2: number;
}

/**
 * The penalty of some weight matrices.
 *
 * @param weights The weight matrices.
 * @param penalty The coefficients.
 * @returns `l1 · Σ|w| + l2 · Σ w²`.
 * @throws {RangeError} If a coefficient is negative or not finite.
 *
 * @example
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { penaltyValue } from "./weight_penalty.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const w = tf.tensor2d([[1, -2], [0, 3]]);
 * assert.equal(penaltyValue([w], { l1: 1, l2: 0.5 }), 6 + 0.5 * 14);
 * w.dispose();
 * ```
 */
export function penaltyValue(weights: readonly Tensor[], penalty: WeightPenalty): number {
  checkPenalty(penalty);
  let l1 = 0, l2 = 0;
  for (const w of weights) {
    for (const v of w.dataSync()) {
      l1 += Math.abs(v);
      l2 += v * v;
    }
  }
  return penalty.l1 * l1 + penalty.l2 * l2;
}

/**
 * The penalty's gradient added to a weight matrix's loss gradient:
 * `grad + l1 · sign(w) + 2 · l2 · w` (sign(0) = 0, the subgradient Keras and
 * tfjs use). The caller disposes the result; `grad` is left as it is.
 *
 * @param grad Gradient of the data loss with respect to `w`.
 * @param w The weight matrix.
 * @param penalty The coefficients.
 * @returns The gradient of loss plus penalty.
 *
 * @example
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { addPenaltyGradient } from "./weight_penalty.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const w = tf.tensor2d([[1, -2], [0, 3]]), g = tf.zeros([2, 2]) as typeof w;
 * const total = addPenaltyGradient(g, w, { l1: 0.5, l2: 1 });
 * assert.deepEqual([...total.dataSync()], [2.5, -4.5, 0, 6.5]);
 * tf.dispose([w, g, total]);
 * ```
 */
export function addPenaltyGradient(grad: Tensor2D, w: Tensor2D, penalty: WeightPenalty): Tensor2D {
  checkPenalty(penalty);
  return tf.tidy(() => {
    let g = grad;
    if (penalty.l1 > 0) g = tf.add(g, tf.mul(tf.sign(w), penalty.l1));
    if (penalty.l2 > 0) g = tf.add(g, tf.mul(w, 2 * penalty.l2));
    return g === grad ? tf.clone(grad) : g;
  });
}

function checkPenalty(p: WeightPenalty): void {
  for (const [name, v] of [["l1", p.l1], ["l2", p.l2]] as const) {
    if (!(v >= 0 && Number.isFinite(v))) {
      throw new RangeError(`Invalid weight penalty: ${name} must be a finite number ≥ 0, got ${v}`);
    }
  }
}
