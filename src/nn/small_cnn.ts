import { tf } from "./tf.ts";
import type { Tensor1D, Tensor2D, Tensor4D, Variable, Variable1D, Variable2D, Variable4D } from "./tf.ts";
import { Pcg32 } from "../random/pcg32.ts";
import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";
import type { ClassifierGradients } from "./dense_classifier.ts";

/**
 * The filter gradient of a stride-1 valid convolution, by one more forward
 * convolution: with the batch and channel axes swapped, the input convolved
 * with the output gradient (as a filter) gives dL/dW. tfjs's wasm backend has
 * no Conv2DBackpropFilter kernel, but its Conv2D is XNNPACK-fast.
 */
function filterGradient(x: Tensor4D, dy: Tensor4D): Tensor4D {
  const xs = tf.transpose(x, [3, 1, 2, 0]); // [Ci, H, W, B]
  const f = tf.transpose(dy, [1, 2, 0, 3]); // [OH, OW, B, Co]
  return tf.transpose(tf.conv2d(xs, f, 1, "valid"), [1, 2, 0, 3]); // [KH, KW, Ci, Co]
}

/**
 * dL/d(input) of a 2×2, stride-2 max pool: each window's gradient goes to
 * its first maximal element (row-major). Written with slices rather than
 * the wasm backend's MaxPoolGrad kernel, which (tfjs 4.22) drops the
 * gradient of a window whose inputs are all ≤ 0.
 *
 * @param dy The gradient of the pooled output, `b × h/2 × w/2 × c`.
 * @param input The pool's input, `b × h × w × c` (h and w even).
 * @param output The pool's output.
 * @returns The gradient of the input.
 *
 * @example A window of negative values still passes its gradient on
 * ```ts
 * import { maxPoolGradient } from "./small_cnn.ts";
 * import { initBackend } from "./backend.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const input = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
 * const output = tf.maxPool(input, 2, 2, "valid");
 * const dx = maxPoolGradient(tf.tensor4d([5], [1, 1, 1, 1]), input, output);
 * assert.deepEqual(Array.from(dx.dataSync()), [0, 5, 0, 0]);
 * tf.dispose([input, output, dx]);
 * ```
 */
export function maxPoolGradient(dy: Tensor4D, input: Tensor4D, output: Tensor4D): Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = input.shape;
    const corner = (i: number, j: number) =>
      tf.stridedSlice(input, [0, i, j, 0], [b, h, w, c], [1, 2, 2, 1]) as Tensor4D;
    let taken = tf.cast(tf.zerosLike(output), "bool");
    const parts = [[0, 0], [0, 1], [1, 0], [1, 1]].map(([i, j]) => {
      const first = tf.logicalAnd(tf.equal(corner(i, j), output), tf.logicalNot(taken));
      taken = tf.logicalOr(taken, first);
      return tf.mul(dy, tf.cast(first, "float32")) as Tensor4D;
    });
    const row = (left: Tensor4D, right: Tensor4D) => tf.reshape(tf.stack([left, right], 3), [b, h / 2, w, c]);
    return tf.reshape(tf.stack([row(parts[0], parts[1]), row(parts[2], parts[3])], 2), [
      b,
      h,
      w,
      c,
    ]) as Tensor4D;
  });
}

/** The intermediates of {@linkcode SmallCnn.forward}, kept for backpropagation (NHWC image tensors). */
export interface SmallCnnForward {
  /** The input as `rows × 28 × 28 × 1`. */
  image: Tensor4D;
  /** First convolution plus bias, `rows × 24 × 24 × 10`. */
  c1: Tensor4D;
  /** Its 2 × 2 max-pool, `rows × 12 × 12 × 10`. */
  p1: Tensor4D;
  /** ReLU of `p1`. */
  a1: Tensor4D;
  /** Second convolution plus bias, `rows × 8 × 8 × 20`. */
  c2: Tensor4D;
  /** Its 2 × 2 max-pool, `rows × 4 × 4 × 20`. */
  p2: Tensor4D;
  /** ReLU of `p2`, flattened: `rows × 320`. */
  features: Tensor2D;
  /** First dense layer before its ReLU, `rows × 50`. */
  z3: Tensor2D;
  /** ReLU of `z3`. */
  a3: Tensor2D;
  /** Class scores, `rows × 10`. */
  logits: Tensor2D;
}

/**
 * The small CNN of the paper's continual-learning experiment (Figure 8; the
 * PyTorch MNIST example): conv 5×5 (1 → 10 channels), 2×2 max pool, ReLU;
 * conv 5×5 (10 → 20), 2×2 max pool, ReLU; flatten to 320; dense 320 → 50,
 * ReLU; dense 50 → 10. Images are 28×28, one channel. Hand-written
 * backpropagation; parameters start Uniform(±1/√fan_in) as in PyTorch.
 *
 * @example Shapes of a forward pass
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { SmallCnn } from "./small_cnn.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const net = new SmallCnn(1);
 * const x = tf.zeros([3, 784]) as import("./tf.ts").tf.Tensor2D;
 * const f = net.forward(x);
 * assert.deepEqual(f.features.shape, [3, 320]);
 * assert.deepEqual(f.logits.shape, [3, 10]);
 * tf.dispose([x, ...Object.values(f)]);
 * net.dispose();
 * ```
 */
export class SmallCnn {
  /** Conv filters `[5, 5, 1, 10]` and `[5, 5, 10, 20]`. */
  readonly filters: Variable4D[];
  /** Dense weights `[320, 50]` and `[50, 10]`. */
  readonly weights: Variable2D[];
  /** Biases: conv 10, conv 20, dense 50, dense 10. */
  readonly biases: Variable1D[];

  /**
   * Draws the initial parameters.
   *
   * @param seed Seed of the initial parameters.
   */
  constructor(seed: number) {
    const rng = new Pcg32(seed);
    const uniform = (shape: number[], fanIn: number) => {
      const n = shape.reduce((a, b) => a * b, 1), bound = 1 / Math.sqrt(fanIn);
      const a = new Float32Array(n);
      for (let i = 0; i < n; i++) a[i] = (2 * rng.nextFloat() - 1) * bound;
      return tf.tensor(a, shape);
    };
    this.filters = [
      tf.variable(uniform([5, 5, 1, 10], 25) as Tensor4D),
      tf.variable(uniform([5, 5, 10, 20], 250) as Tensor4D),
    ];
    this.weights = [
      tf.variable(uniform([320, 50], 320) as Tensor2D),
      tf.variable(uniform([50, 10], 50) as Tensor2D),
    ];
    this.biases = [
      tf.variable(uniform([10], 25) as Tensor1D),
      tf.variable(uniform([20], 250) as Tensor1D),
      tf.variable(uniform([50], 320) as Tensor1D),
      tf.variable(uniform([10], 50) as Tensor1D),
    ];
  }

  /** Every variable: conv1 filter and bias, conv2 filter and bias, dense1, dense2 (weight then bias). */
  get variables(): Variable[] {
    const [f1, f2] = this.filters, [w1, w2] = this.weights, [b1, b2, b3, b4] = this.biases;
    return [f1, b1, f2, b2, w1, b3, w2, b4];
  }

  /**
   * Forward pass keeping what backpropagation needs.
   *
   * @param x Images, `rows × 784`.
   * @returns Every intermediate; `features` is the flattened convolution output (320 per image).
   */
  forward(x: Tensor2D): SmallCnnForward {
    const rows = x.shape[0];
    const image = tf.reshape(x, [rows, 28, 28, 1]) as Tensor4D;
    const c1 = tf.add(tf.conv2d(image, this.filters[0], 1, "valid"), this.biases[0]) as Tensor4D;
    const p1 = tf.maxPool(c1, 2, 2, "valid") as Tensor4D;
    const a1 = tf.relu(p1) as Tensor4D;
    const c2 = tf.add(tf.conv2d(a1, this.filters[1], 1, "valid"), this.biases[1]) as Tensor4D;
    const p2 = tf.maxPool(c2, 2, 2, "valid") as Tensor4D;
    const features = tf.reshape(tf.relu(p2), [rows, 320]) as Tensor2D;
    const z3 = tf.add(tf.matMul(features, this.weights[0]), this.biases[2]) as Tensor2D;
    const a3 = tf.relu(z3) as Tensor2D;
    const logits = tf.add(tf.matMul(a3, this.weights[1]), this.biases[3]) as Tensor2D;
    return { image, c1, p1, a1, c2, p2, features, z3, a3, logits };
  }

  /**
   * Mean cross-entropy of a batch and its gradients, by backpropagation.
   *
   * @param x Images, `rows × 784`.
   * @param labels Classes, int32.
   * @returns The loss and one gradient per variable, in {@linkcode SmallCnn.variables} order.
   */
  gradients(x: Tensor2D, labels: Tensor1D): ClassifierGradients {
    let loss = 0;
    const grads = tf.tidy(() => {
      const f = this.forward(x);
      const rows = x.shape[0];
      const ce = softmaxCrossEntropy(f.logits, labels);
      loss = ce.loss.dataSync()[0];
      const dLogits = ce.dLogits;
      const dW2 = tf.matMul(tf.transpose(f.a3), dLogits), db4 = tf.sum(dLogits, 0);
      const dz3 = tf.mul(tf.matMul(dLogits, tf.transpose(this.weights[1])), tf.step(f.z3));
      const dW1 = tf.matMul(tf.transpose(f.features), dz3), db3 = tf.sum(dz3, 0);
      const dFeat = tf.matMul(dz3, tf.transpose(this.weights[0]));
      const dp2 = tf.mul(tf.reshape(dFeat, [rows, 4, 4, 20]), tf.step(f.p2)) as Tensor4D;
      const dc2 = maxPoolGradient(dp2, f.c2, f.p2);
      const dF2 = filterGradient(f.a1, dc2), db2 = tf.sum(dc2, [0, 1, 2]);
      const da1 = tf.conv2dTranspose(dc2, this.filters[1], [rows, 12, 12, 10], 1, "valid");
      const dp1 = tf.mul(da1, tf.step(f.p1)) as Tensor4D;
      const dc1 = maxPoolGradient(dp1, f.c1, f.p1);
      const dF1 = filterGradient(f.image, dc1), db1 = tf.sum(dc1, [0, 1, 2]);
      return [dF1, db1, dF2, db2, dW1, db3, dW2, db4];
    });
    return { loss, grads };
  }

  /**
   * Accuracy and the flattened convolution features on `rows` images, in chunks.
   *
   * @param x Images, `rows × 784`, row-major.
   * @param labels Classes.
   * @param rows Number of images.
   * @param keepFeatures Also return the features of the first this many images (default 0).
   * @returns The accuracy, and the features (`min(rows, keepFeatures) × 320`).
   */
  evaluate(
    x: Float32Array,
    labels: Uint8Array,
    rows: number,
    keepFeatures = 0,
  ): { accuracy: number; features: Float32Array } {
    const keep = Math.min(rows, keepFeatures);
    const features = new Float32Array(keep * 320);
    let right = 0;
    for (let r = 0; r < rows; r += 1000) {
      const end = Math.min(rows, r + 1000);
      const [hits, feat] = tf.tidy(() => {
        const f = this.forward(tf.tensor2d(x.subarray(r * 784, end * 784), [end - r, 784]));
        const y = tf.tensor1d(Int32Array.from(labels.subarray(r, end)), "int32");
        return [tf.sum(tf.cast(tf.equal(tf.argMax(f.logits, 1), y), "float32")), f.features];
      });
      right += hits.dataSync()[0];
      if (r < keep) features.set(feat.dataSync().subarray(0, (Math.min(end, keep) - r) * 320), r * 320);
      tf.dispose([hits, feat]);
    }
    return { accuracy: right / rows, features };
  }

  /** Frees the variables. */
  dispose(): void {
    tf.dispose(this.variables);
  }
}
