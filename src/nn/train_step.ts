import { tf } from "./tf.ts";
import type { Optimizer } from "./tf.ts";
import type { Mlp } from "./mlp.ts";
import type { WeightPenalty } from "./weight_penalty.ts";

/**
 * One optimiser step on one mini-batch: MSE gradients by backpropagation,
 * then the optimiser's update. Every intermediate tensor is freed.
 *
 * @param net The network, updated in place.
 * @param optimizer Any tfjs optimiser (Adam in {@linkcode fit}).
 * @param x Batch inputs, `rows × sizes[0]`.
 * @param y Batch targets, `rows × sizes[last]`.
 * @param penalty Optional L1/L2 penalty on the weight matrices, added to the MSE.
 *
 * @example The loss goes down
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { Mlp } from "./mlp.ts";
 * import { trainStep } from "./train_step.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const net = new Mlp([2, 8, 1], 3);
 * const x = new Float32Array([1, 0, 0, 1]), y = new Float32Array([1, -1]);
 * const before = net.loss(x, y, 2);
 * const adam = tf.train.adam(1e-2);
 * for (let i = 0; i < 20; i++) trainStep(net, adam, x, y);
 * assert.ok(net.loss(x, y, 2) < before);
 * adam.dispose();
 * net.dispose();
 * ```
 */
export function trainStep(
  net: Mlp,
  optimizer: Optimizer,
  x: Float32Array,
  y: Float32Array,
  penalty?: WeightPenalty,
): void {
  const inDim = net.sizes[0], outDim = net.sizes[net.sizes.length - 1];
  const rows = x.length / inDim;
  if (!Number.isInteger(rows) || y.length !== rows * outDim) {
    throw new RangeError(`Cannot train: batch shapes do not fit the network [${net.sizes.join(", ")}]`);
  }
  const xt = tf.tensor2d(x, [rows, inDim]);
  const yt = tf.tensor2d(y, [rows, outDim]);
  const g = net.gradients(xt, yt, penalty);
  optimizer.applyGradients([
    ...net.weights.map((w, l) => ({ name: w.name, tensor: g.weights[l] })),
    ...net.biases.map((b, l) => ({ name: b.name, tensor: g.biases[l] })),
  ]);
  tf.dispose([xt, yt, ...g.weights, ...g.biases]);
}
