import { tf } from "./tf.ts";
import type { Tensor, Tensor2D, Variable1D, Variable2D } from "./tf.ts";
import { Pcg32 } from "../random/pcg32.ts";
import { fillNormal } from "../random/normal.ts";

/**
 * A two-layer tanh classifier, logits = tanh(xW₁ + b₁)W₂ + b₂, trained on
 * softmax cross-entropy with hand-written backpropagation (tfjs-core
 * registers no gradients here). Weights start N(0, 1/fan-in), biases at 0,
 * drawn from `seed`. The teacher of `syre:teacher` is one of these too.
 *
 * @example Logits of a fresh network
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { TanhClassifier } from "./tanh_classifier.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const net = new TanhClassifier(4, 8, 3, 1);
 * const x = tf.tensor2d(new Float32Array(8).fill(1), [2, 4]);
 * assert.deepEqual(net.logits(x).shape, [2, 3]);
 * tf.dispose(x);
 * net.dispose();
 * ```
 */
export class TanhClassifier {
  /** W₁ (`inputs × hidden`), W₂ (`hidden × classes`), b₁, b₂: the order of {@linkcode TanhClassifier.variables}. */
  readonly variables: readonly [
    Variable2D,
    Variable2D,
    Variable1D,
    Variable1D,
  ];

  /**
   * Builds the network and draws its weights.
   *
   * @param inputs Input dimension.
   * @param hidden Hidden units.
   * @param classes Outputs.
   * @param seed Seed of the initial weights.
   */
  constructor(inputs: number, hidden: number, classes: number, seed: number) {
    const rng = new Pcg32(seed);
    const w1 = fillNormal(rng, new Float32Array(inputs * hidden), 1 / Math.sqrt(inputs));
    const w2 = fillNormal(rng, new Float32Array(hidden * classes), 1 / Math.sqrt(hidden));
    this.variables = [
      tf.variable(tf.tensor2d(w1, [inputs, hidden])),
      tf.variable(tf.tensor2d(w2, [hidden, classes])),
      tf.variable(tf.zeros([hidden])),
      tf.variable(tf.zeros([classes])),
    ];
  }

  /**
   * The first layer's output tanh(xW₁ + b₁), the representation whose
   * covariance rank the paper reads.
   *
   * @param x Inputs, `rows × inputs`.
   * @returns `rows × hidden`.
   */
  hidden(x: Tensor2D): Tensor2D {
    const [w1, , b1] = this.variables;
    return tf.tidy(() => tf.tanh(tf.add(tf.matMul(x, w1), b1)));
  }

  /**
   * The logits.
   *
   * @param x Inputs, `rows × inputs`.
   * @returns `rows × classes`.
   */
  logits(x: Tensor2D): Tensor2D {
    const [, w2, , b2] = this.variables;
    return tf.tidy(() => tf.add(tf.matMul(this.hidden(x), w2), b2));
  }

  /**
   * Gradients of the mean softmax cross-entropy, in
   * {@linkcode TanhClassifier.variables} order; the caller disposes them.
   *
   * @param x Inputs, `rows × inputs`.
   * @param labels One-hot targets, `rows × classes`.
   * @returns ∂loss/∂W₁, ∂loss/∂W₂, ∂loss/∂b₁, ∂loss/∂b₂.
   */
  gradients(x: Tensor2D, labels: Tensor2D): Tensor[] {
    const [, w2, , b2] = this.variables;
    return tf.tidy(() => {
      const h = this.hidden(x);
      const p = tf.softmax(tf.add(tf.matMul(h, w2), b2));
      const dLogits = tf.div(tf.sub(p, labels), x.shape[0]);
      const dz = tf.mul(tf.matMul(dLogits, tf.transpose(w2)), tf.sub(1, tf.square(h)));
      return [
        tf.matMul(tf.transpose(x), dz),
        tf.matMul(tf.transpose(h), dLogits),
        tf.sum(dz, 0),
        tf.sum(dLogits, 0),
      ];
    });
  }

  /**
   * Mean softmax cross-entropy.
   *
   * @param x Inputs.
   * @param labels One-hot targets.
   * @returns The loss.
   */
  loss(x: Tensor2D, labels: Tensor2D): number {
    const t = tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(labels, tf.logSoftmax(this.logits(x))), 1))));
    const v = t.dataSync()[0];
    t.dispose();
    return v;
  }

  /** Frees the variables. */
  dispose(): void {
    tf.dispose([...this.variables]);
  }
}
