import { tf } from "./tf.ts";
import type { Tensor, Tensor1D, Tensor2D, Variable, Variable1D, Variable2D } from "./tf.ts";
import { Pcg32 } from "../random/pcg32.ts";
import { addPenaltyGradient, type WeightPenalty } from "./weight_penalty.ts";

/** Gradients of the MSE loss, one tensor per weight and bias, in layer order. */
export interface MlpGradients {
  /** One per weight matrix, each `sizes[l] × sizes[l+1]`. */
  weights: Tensor2D[];
  /** One per bias vector, each of length `sizes[l+1]`. */
  biases: Tensor1D[];
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
  readonly weights: Variable2D[] = [];
  /** Bias vectors, `sizes[l+1]`. */
  readonly biases: Variable1D[] = [];

  /**
   * Builds the network and draws its initial weights.
   *
   * @param sizes Layer widths from input to output (at least two).
   * @param seed Seed of the initial weights.
   * @throws {RangeError} If there are fewer than two sizes or one is not a positive integer.
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
      // A variable shares its initial tensor's data: the initial tensors themselves are freed.
      tf.tidy(() => {
        this.weights.push(tf.variable(tf.tensor2d(w, [fanIn, fanOut])));
        this.biases.push(tf.variable(tf.zeros([fanOut])));
      });
    }
  }

  /**
   * Every variable, weights then biases.
   *
   * @returns A new array of `2 × (sizes.length − 1)` variables.
   */
  get variables(): Variable[] {
    return [...this.weights, ...this.biases];
  }

  /**
   * The rows of a training batch, checked against the layer widths: `x` must
   * be `rows × sizes[0]` and `y` `rows × sizes[last]`, each an array
   * (row-major) or a tensor.
   *
   * @param x Batch inputs.
   * @param y Batch targets.
   * @returns The number of rows.
   * @throws {RangeError} If the shapes do not fit the network.
   *
   * @example
   * ```ts
   * import { initBackend } from "./backend.ts";
   * import { Mlp } from "./mlp.ts";
   * import assert from "node:assert/strict";
   *
   * await initBackend();
   * const net = new Mlp([3, 2], 1);
   * assert.equal(net.batchRows(new Float32Array(6), new Float32Array(4)), 2);
   * assert.throws(() => net.batchRows(new Float32Array(5), new Float32Array(2)), RangeError);
   * net.dispose();
   * ```
   */
  batchRows(x: Float32Array | Tensor2D, y: Float32Array | Tensor2D): number {
    const inDim = this.sizes[0], outDim = this.sizes[this.sizes.length - 1];
    const rows = x instanceof Float32Array ? x.length / inDim : x.shape[0];
    const fits = x instanceof Float32Array ? Number.isInteger(rows) : x.shape[1] === inDim;
    const yLength = y instanceof Float32Array ? y.length : y.shape[0] * y.shape[1];
    if (!fits || yLength !== rows * outDim || (!(y instanceof Float32Array) && y.shape[1] !== outDim)) {
      throw new RangeError(`Cannot train: batch shapes do not fit the network [${this.sizes.join(", ")}]`);
    }
    return rows;
  }

  /**
   * Forward pass on a batch tensor, keeping every layer's output (for backpropagation).
   *
   * @param x Inputs, `rows × sizes[0]`.
   * @returns One tensor per layer, index 0 being `x` itself; the last is the output.
   */
  activations(x: Tensor2D): Tensor2D[] {
    const acts = [x];
    const last = this.weights.length - 1;
    for (let l = 0; l <= last; l++) {
      acts.push(tf.fused.matMul({
        a: acts[l],
        b: this.weights[l],
        bias: this.biases[l],
        activation: l < last ? "relu" : "linear",
      }) as Tensor2D);
    }
    return acts;
  }

  /**
   * Gradients of mean((f(x) − y)²) over all entries, by backpropagation,
   * plus a weight penalty's gradient when one is given (tfjs has no autodiff
   * here, so the penalty's gradient is added by hand too).
   * The caller disposes the returned tensors.
   *
   * @param x Inputs, `rows × sizes[0]`.
   * @param y Targets, `rows × sizes[last]`.
   * @param penalty Optional L1/L2 penalty on the weight matrices.
   * @returns One gradient per weight matrix and per bias vector.
   *
   * @example Gradient shapes match the variables
   * ```ts
   * import { initBackend } from "./backend.ts";
   * import { Mlp } from "./mlp.ts";
   * import assert from "node:assert/strict";
   *
   * const tf = await initBackend();
   * const net = new Mlp([3, 4, 2], 1);
   * const x = tf.tensor2d(new Float32Array(15).fill(1), [5, 3]);
   * const y = tf.tensor2d(new Float32Array(10), [5, 2]);
   * const g = net.gradients(x, y);
   * assert.deepEqual(g.weights.map((w) => w.shape), [[3, 4], [4, 2]]);
   * assert.deepEqual(g.biases.map((b) => b.shape), [[4], [2]]);
   * tf.dispose([x, y, ...g.weights, ...g.biases]);
   * net.dispose();
   * ```
   */
  gradients(x: Tensor2D, y: Tensor2D, penalty?: WeightPenalty): MlpGradients {
    return tf.tidy(() => {
      const acts = this.activations(x);
      const out = acts[acts.length - 1];
      let dz = tf.mul(tf.sub(out, y), 2 / out.size) as Tensor2D;
      const weights: Tensor2D[] = [], biases: Tensor1D[] = [];
      for (let l = this.weights.length - 1; l >= 0; l--) {
        weights[l] = tf.matMul(tf.transpose(acts[l]), dz);
        if (penalty) weights[l] = addPenaltyGradient(weights[l], this.weights[l], penalty);
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

  /**
   * Predictions for `rows` inputs, computed in chunks to bound memory. It
   * reads the result synchronously, which the wasm backend allows and the
   * webgpu one does not: on any backend, use {@linkcode Mlp.predictAsync}.
   *
   * @param x Inputs, `rows × sizes[0]`, row-major.
   * @param rows Number of input rows.
   * @param chunk Rows per forward pass; default 4096.
   * @returns Outputs, `rows × sizes[last]`.
   * @throws {RangeError} If `x` does not hold `rows` inputs.
   */
  predict(x: Float32Array, rows: number, chunk = 4096): Float32Array {
    const y = this.#predictRows(x, rows, chunk);
    try {
      return y.dataSync() as Float32Array;
    } finally {
      y.dispose();
    }
  }

  /**
   * {@linkcode Mlp.predict} on any backend: the same chunked forward passes,
   * then one asynchronous read of all outputs.
   *
   * @param x Inputs, `rows × sizes[0]`, row-major.
   * @param rows Number of input rows.
   * @param chunk Rows per forward pass; default 4096.
   * @returns Outputs, `rows × sizes[last]`.
   * @throws {RangeError} If `x` does not hold `rows` inputs.
   *
   * @example The same values as predict()
   * ```ts
   * import { initBackend } from "./backend.ts";
   * import { Mlp } from "./mlp.ts";
   * import assert from "node:assert/strict";
   *
   * await initBackend();
   * const net = new Mlp([2, 5, 1], 3);
   * const x = new Float32Array([1, 2, -1, 0.5, 0, 3]);
   * assert.deepEqual(await net.predictAsync(x, 3, 2), net.predict(x, 3));
   * net.dispose();
   * ```
   */
  async predictAsync(x: Float32Array, rows: number, chunk = 4096): Promise<Float32Array> {
    const y = this.#predictRows(x, rows, chunk);
    try {
      return await y.data() as Float32Array;
    } finally {
      y.dispose();
    }
  }

  /**
   * Outputs for an input tensor already on the backend, as a tensor that
   * stays there, computed `chunk` rows at a time (each row's output is the
   * same whatever the chunking). The caller disposes it.
   *
   * @param x Inputs, `rows × sizes[0]`.
   * @param chunk Rows per forward pass; default 4096.
   * @returns Outputs, `rows × sizes[last]`.
   *
   * @example
   * ```ts
   * import { initBackend } from "./backend.ts";
   * import { Mlp } from "./mlp.ts";
   * import assert from "node:assert/strict";
   *
   * const tf = await initBackend();
   * const net = new Mlp([2, 3], 1);
   * const x = tf.ones([5, 2]) as import("./tf.ts").Tensor2D;
   * const y = net.predictTensor(x, 2);
   * assert.deepEqual(y.shape, [5, 3]);
   * tf.dispose([x, y]);
   * net.dispose();
   * ```
   */
  predictTensor(x: Tensor2D, chunk = 4096): Tensor2D {
    const rows = x.shape[0];
    return tf.tidy(() => {
      const parts: Tensor2D[] = [];
      for (let r = 0; r < rows; r += chunk) {
        const part = rows <= chunk ? x : tf.slice(x, [r, 0], [Math.min(rows, r + chunk) - r, -1]);
        const acts = this.activations(part);
        parts.push(acts[acts.length - 1]);
      }
      return parts.length === 1 ? parts[0] : tf.concat(parts, 0);
    });
  }

  #predictRows(x: Float32Array, rows: number, chunk: number): Tensor2D {
    const inDim = this.sizes[0];
    if (x.length !== rows * inDim) {
      throw new RangeError(`Cannot predict: expected ${rows}×${inDim} inputs, got ${x.length} values`);
    }
    return tf.tidy(() => this.predictTensor(tf.tensor2d(x, [rows, inDim]), chunk));
  }

  /**
   * Mean squared error over all entries of `rows` input/target pairs.
   *
   * @param x Inputs, `rows × sizes[0]`.
   * @param y Targets, `rows × sizes[last]`.
   * @param rows Number of pairs.
   * @returns The MSE.
   *
   * @example Zero weights predict zero
   * ```ts
   * import { initBackend } from "./backend.ts";
   * import { Mlp } from "./mlp.ts";
   * import assert from "node:assert/strict";
   *
   * const tf = await initBackend();
   * const net = new Mlp([1, 1], 1);
   * net.weights[0].assign(tf.zerosLike(net.weights[0]));
   * assert.equal(net.loss(new Float32Array([1, 2]), new Float32Array([1, 3]), 2), 5);
   * net.dispose();
   * ```
   */
  loss(x: Float32Array, y: Float32Array, rows: number): number {
    const pred = this.predict(x, rows);
    let sum = 0;
    for (let i = 0; i < pred.length; i++) sum += (pred[i] - y[i]) ** 2;
    return sum / pred.length;
  }

  /**
   * Copies of the current weights and biases (for restoring the best epoch).
   * The caller disposes them.
   *
   * @returns One tensor per variable, in {@linkcode Mlp.variables} order.
   *
   * @example Snapshot, change, restore
   * ```ts
   * import { initBackend } from "./backend.ts";
   * import { Mlp } from "./mlp.ts";
   * import assert from "node:assert/strict";
   *
   * const tf = await initBackend();
   * const net = new Mlp([2, 3, 1], 4);
   * const x = new Float32Array([1, -1]);
   * const before = net.predict(x, 1);
   * const saved = net.snapshot();
   * net.biases[1].assign(tf.add(net.biases[1], 1)); // shifts the output by 1
   * assert.notDeepEqual(net.predict(x, 1), before);
   * net.restore(saved);
   * assert.deepEqual(net.predict(x, 1), before);
   * tf.dispose(saved);
   * net.dispose();
   * ```
   */
  snapshot(): Tensor[] {
    return this.variables.map((v) => tf.clone(v));
  }

  /**
   * Sets the variables to a {@linkcode Mlp.snapshot}.
   *
   * @param snapshot Tensors from {@linkcode Mlp.snapshot} of this network.
   */
  restore(snapshot: readonly Tensor[]): void {
    this.variables.forEach((v, i) => v.assign(snapshot[i]));
  }

  /** Frees the variables. */
  dispose(): void {
    tf.dispose(this.variables);
  }
}
