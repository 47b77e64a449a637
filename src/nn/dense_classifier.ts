import { tf } from "./tf.ts";
import type { Tensor, Tensor1D, Tensor2D, Variable, Variable1D, Variable2D } from "./tf.ts";
import { Pcg32 } from "../random/pcg32.ts";
import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";

/** Loss, accuracy and the gradients of one batch. */
export interface ClassifierGradients {
  /** Mean cross-entropy of the batch. */
  loss: number;
  /** One gradient per variable, in {@linkcode DenseClassifier.variables} order; the caller disposes them. */
  grads: Tensor[];
}

/**
 * A fully connected ReLU classifier (softmax cross-entropy on the last
 * layer), trained with hand-written backpropagation: the paper's two-layer
 * net (Figure 1) is `[784, h, 10]`, its four-layer FCN (Figure 5)
 * `[784, 300, 300, 300, 10]`.
 *
 * Weights and biases start as PyTorch's `nn.Linear` does,
 * Uniform(±1/√fan_in), drawn from `seed`.
 *
 * @example Learn two points
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { DenseClassifier } from "./dense_classifier.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const net = new DenseClassifier([2, 8, 2], 1);
 * const x = tf.tensor2d([1, 0, 0, 1], [2, 2]), y = tf.tensor1d([0, 1], "int32");
 * const sgd = tf.train.sgd(0.5);
 * for (let i = 0; i < 50; i++) {
 *   const { grads } = net.gradients(x, y);
 *   sgd.applyGradients(net.variables.map((v, k) => ({ name: v.name, tensor: grads[k] })));
 *   tf.dispose(grads);
 * }
 * assert.equal(net.evaluate(new Float32Array([1, 0, 0, 1]), new Uint8Array([0, 1]), 2).accuracy, 1);
 * tf.dispose([x, y]);
 * net.dispose();
 * ```
 */
export class DenseClassifier {
  /** Layer widths, input to classes. */
  readonly sizes: readonly number[];
  /** Weight matrices, `sizes[l] × sizes[l+1]`. */
  readonly weights: Variable2D[] = [];
  /** Bias vectors, `sizes[l+1]`. */
  readonly biases: Variable1D[] = [];

  /**
   * Builds the network and draws its initial weights.
   *
   * @param sizes Layer widths from input to classes (at least two).
   * @param seed Seed of the initial weights.
   * @throws {RangeError} If there are fewer than two sizes or one is not a positive integer.
   */
  constructor(sizes: readonly number[], seed: number) {
    if (sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s > 0)) {
      throw new RangeError(`Cannot build classifier: invalid layer sizes [${sizes.join(", ")}]`);
    }
    this.sizes = [...sizes];
    const rng = new Pcg32(seed);
    const uniform = (n: number, bound: number) => {
      const a = new Float32Array(n);
      for (let i = 0; i < n; i++) a[i] = (2 * rng.nextFloat() - 1) * bound;
      return a;
    };
    for (let l = 0; l + 1 < sizes.length; l++) {
      const bound = 1 / Math.sqrt(sizes[l]);
      this.weights.push(
        tf.variable(tf.tensor2d(uniform(sizes[l] * sizes[l + 1], bound), [sizes[l], sizes[l + 1]])),
      );
      this.biases.push(tf.variable(tf.tensor1d(uniform(sizes[l + 1], bound))));
    }
  }

  /** Every variable: weight and bias of layer 0, then of layer 1, and so on. */
  get variables(): Variable[] {
    return this.weights.flatMap((w, l) => [w, this.biases[l]]);
  }

  /**
   * Forward pass keeping each layer's input, pre-activation and output.
   *
   * @param x Inputs, `rows × sizes[0]`.
   * @returns `inputs[l]` feeds layer l; `pre[l]` is its pre-activation (the last is the logits).
   */
  forward(x: Tensor2D): { inputs: Tensor2D[]; pre: Tensor2D[] } {
    const inputs = [x], pre: Tensor2D[] = [];
    for (let l = 0; l < this.weights.length; l++) {
      pre.push(tf.add(tf.matMul(inputs[l], this.weights[l]), this.biases[l]) as Tensor2D);
      if (l + 1 < this.weights.length) inputs.push(tf.relu(pre[l]));
    }
    return { inputs, pre };
  }

  /**
   * Mean cross-entropy of a batch and its gradients, by backpropagation.
   *
   * @param x Inputs, `rows × sizes[0]`.
   * @param labels Classes, int32, length `rows`.
   * @returns The loss and one gradient per variable.
   */
  gradients(x: Tensor2D, labels: Tensor1D): ClassifierGradients {
    let loss = 0;
    const grads = tf.tidy(() => {
      const { inputs, pre } = this.forward(x);
      const ce = softmaxCrossEntropy(pre[pre.length - 1], labels);
      loss = ce.loss.dataSync()[0];
      let dz = ce.dLogits;
      const out: Tensor[] = [];
      for (let l = this.weights.length - 1; l >= 0; l--) {
        out[2 * l] = tf.matMul(tf.transpose(inputs[l]), dz);
        out[2 * l + 1] = tf.sum(dz, 0);
        if (l > 0) dz = tf.mul(tf.matMul(dz, tf.transpose(this.weights[l])), tf.step(pre[l - 1]));
      }
      return out;
    });
    return { loss, grads };
  }

  /**
   * Mean cross-entropy and accuracy on `rows` examples, in chunks.
   *
   * @param x Inputs, `rows × sizes[0]`, row-major.
   * @param labels Classes.
   * @param rows Number of examples.
   * @returns The loss and the fraction classified right.
   */
  evaluate(x: Float32Array, labels: Uint8Array, rows: number): { loss: number; accuracy: number } {
    const inDim = this.sizes[0];
    let loss = 0, right = 0;
    for (let r = 0; r < rows; r += 2000) {
      const end = Math.min(rows, r + 2000);
      const [l, acc] = tf.tidy(() => {
        const xt = tf.tensor2d(x.subarray(r * inDim, end * inDim), [end - r, inDim]);
        const y = tf.tensor1d(Int32Array.from(labels.subarray(r, end)), "int32");
        const { pre } = this.forward(xt);
        const logits = pre[pre.length - 1];
        const ce = softmaxCrossEntropy(logits, y);
        return [tf.mul(ce.loss, end - r), tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), "float32"))];
      });
      loss += l.dataSync()[0];
      right += acc.dataSync()[0];
      tf.dispose([l, acc]);
    }
    return { loss: loss / rows, accuracy: right / rows };
  }

  /**
   * The first layer's pre-activations and post-ReLU outputs on `rows` inputs (for the rank of their covariance).
   *
   * @param x Inputs, `rows × sizes[0]`.
   * @param rows Number of inputs.
   * @returns Both, `rows × sizes[1]` each.
   */
  firstLayer(x: Float32Array, rows: number): { pre: Float32Array; post: Float32Array } {
    const [pre, post] = tf.tidy(() => {
      const z = tf.add(tf.matMul(tf.tensor2d(x, [rows, this.sizes[0]]), this.weights[0]), this.biases[0]);
      return [z, tf.relu(z)];
    });
    const out = { pre: pre.dataSync() as Float32Array, post: post.dataSync() as Float32Array };
    tf.dispose([pre, post]);
    return out;
  }

  /** Frees the variables. */
  dispose(): void {
    tf.dispose(this.variables);
  }
}
