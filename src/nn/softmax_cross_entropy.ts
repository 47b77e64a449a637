import { tf } from "./tf.ts";
import type { Scalar, Tensor1D, Tensor2D } from "./tf.ts";

/**
 * Mean softmax cross-entropy of a batch of logits against integer labels, and
 * its gradient with respect to the logits, (softmax − onehot) / rows: the
 * start of every classifier's hand-written backward pass. Computed with the
 * log-sum-exp shift, so large logits do not overflow.
 *
 * @param logits `rows × classes`.
 * @param labels Class of each row, as an int32 tensor of length `rows`.
 * @returns The mean loss (a scalar tensor) and `dLogits`; the caller disposes both.
 *
 * @example Uniform logits cost log(classes)
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const logits = tf.zeros([2, 4]) as import("./tf.ts").tf.Tensor2D;
 * const labels = tf.tensor1d([0, 3], "int32");
 * const { loss, dLogits } = softmaxCrossEntropy(logits, labels);
 * assert.ok(Math.abs(loss.dataSync()[0] - Math.log(4)) < 1e-6);
 * assert.deepEqual([...dLogits.dataSync()].map((v) => Math.round(v * 8)), [-3, 1, 1, 1, 1, 1, 1, -3]);
 * tf.dispose([logits, labels, loss, dLogits]);
 * ```
 */
export function softmaxCrossEntropy(
  logits: Tensor2D,
  labels: Tensor1D,
): { loss: Scalar; dLogits: Tensor2D } {
  return tf.tidy(() => {
    const [rows, classes] = logits.shape;
    const shifted = tf.sub(logits, tf.max(logits, 1, true));
    const logSum = tf.log(tf.sum(tf.exp(shifted), 1, true));
    const logProb = tf.sub(shifted, logSum);
    const onehot = tf.oneHot(labels, classes);
    const loss = tf.div(tf.neg(tf.sum(tf.mul(onehot, logProb))), rows) as Scalar;
    const dLogits = tf.div(tf.sub(tf.exp(logProb), onehot), rows) as Tensor2D;
    return { loss, dLogits };
  });
}
