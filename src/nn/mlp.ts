import { tf } from "./_tf.ts";
import { Pcg32 } from "../random/pcg32.ts";

/** Gradients of the MSE loss, one tensor per weight and bias, in layer order. */
export interface MlpGradients {
  weights: tf.Tensor2D[];
  biases: tf.Tensor1D[];
}

/**
 * A dense ReLU network with a linear output layer, trained with hand-written
 * backpropagation. tfjs-core registers no gradients by itself, and autodiff's
 * matMul gradient uses transposed matMuls that bypass XNNPACK (10–30× slower
 * in the wasm backend), so the backward pass transposes explicitly and calls
 * plain matMuls.
 *
 * Weights start Glorot-uniform and biases at zero (Keras's Dense defaults),
 * drawn from `seed`.
 *
 * @example Predict with a fresh network
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { Mlp } from "./mlp.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const net = new Mlp([3, 8, 2], 1);
 * const out = net.predict(new Float32Array(6), 2);
 * assert.equal(out.length, 4);
 * net.dispose();
 * ```
 */
export class Mlp {
  /** Layer widths, input to output. */
  readonly sizes: readonly number[];
  /** Weight matrices, `sizes[l] × sizes[l+1]`. */
  readonly weights: tf.Variable<tf.Rank.R2>[] = [];
  /** Bias vectors, `sizes[l+1]`. */
  readonly biases: tf.Variable<tf.Rank.R1>[] = [];

  /**
   * @param sizes Layer widths from input to output (at least two).
   * @param seed Seed of the initial weights.
   */
  constructor(sizes: readonly number[], seed: number) {
    if (sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s > 0)) {
      throw new RangeError(`Cannot build network: invalid layer sizes [${sizes.join(", ")}]`);
    }
    this.sizes = [...sizes];
    const rng = new Pcg32(seed);
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l], fanOut = sizes[l + 1];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const w = new Float32Array(fanIn * fanOut);
      for (let i = 0; i < w.length; i++) w[i] = (2 * rng.nextFloat() - 1) * limit;
      this.weights.push(tf.variable(tf.tensor2d(w, [fanIn, fanOut])));
      this.biases.push(tf.variable(tf.zeros([fanOut])));
    }
  }

  /** Every variable, weights then biases. */
  get variables(): tf.Variable[] {
    return [...this.weights, ...this.biases];
  }

  /** Forward pass on a batch tensor; returns each layer's output (index 0 is the input). */
  activations(x: tf.Tensor2D): tf.Tensor2D[] {
    const acts = [x];
    const last = this.weights.length - 1;
    for (let l = 0; l <= last; l++) {
      acts.push(tf.fused.matMul({
        a: acts[l],
        b: this.weights[l],
        bias: this.biases[l],
        activation: l < last ? "relu" : "linear",
      }) as tf.Tensor2D);
    }
    return acts;
  }

  /**
   * Gradients of mean((f(x) − y)²) over all entries, by backpropagation.
   * The caller disposes the returned tensors.
   */
  gradients(x: tf.Tensor2D, y: tf.Tensor2D): MlpGradients {
    return tf.tidy(() => {
      const acts = this.activations(x);
      const out = acts[acts.length - 1];
      let dz = tf.mul(tf.sub(out, y), 2 / out.size) as tf.Tensor2D;
      const weights: tf.Tensor2D[] = [], biases: tf.Tensor1D[] = [];
      for (let l = this.weights.length - 1; l >= 0; l--) {
        weights[l] = tf.matMul(tf.transpose(acts[l]), dz);
        biases[l] = tf.sum(dz, 0);
        if (l > 0) {
          const da = tf.matMul(dz, tf.transpose(this.weights[l]));
          // ReLU'(z) is 1 exactly where the activation is positive.
          dz = tf.mul(da, tf.step(acts[l]));
        }
      }
      return { weights, biases };
    });
  }

  /** Predictions for `rows` inputs, computed in chunks to bound memory. */
  predict(x: Float32Array, rows: number, chunk = 4096): Float32Array {
    const inDim = this.sizes[0], outDim = this.sizes[this.sizes.length - 1];
    if (x.length !== rows * inDim) {
      throw new RangeError(`Cannot predict: expected ${rows}×${inDim} inputs, got ${x.length} values`);
    }
    const out = new Float32Array(rows * outDim);
    for (let r = 0; r < rows; r += chunk) {
      const end = Math.min(rows, r + chunk);
      const y = tf.tidy(() => {
        const acts = this.activations(tf.tensor2d(x.subarray(r * inDim, end * inDim), [end - r, inDim]));
        return acts[acts.length - 1];
      });
      out.set(y.dataSync(), r * outDim);
      y.dispose();
    }
    return out;
  }

  /** Mean squared error over all entries of `rows` input/target pairs. */
  loss(x: Float32Array, y: Float32Array, rows: number): number {
    const pred = this.predict(x, rows);
    let sum = 0;
    for (let i = 0; i < pred.length; i++) sum += (pred[i] - y[i]) ** 2;
    return sum / pred.length;
  }

  /** Copies of the current weights and biases (for restoring the best epoch). */
  snapshot(): tf.Tensor[] {
    return this.variables.map((v) => tf.clone(v));
  }

  /** Sets the variables to a {@linkcode snapshot}. */
  restore(snapshot: readonly tf.Tensor[]): void {
    this.variables.forEach((v, i) => v.assign(snapshot[i]));
  }

  /** Frees the variables. */
  dispose(): void {
    tf.dispose(this.variables);
  }
}
