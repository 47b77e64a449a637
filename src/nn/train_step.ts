import { tf } from "./tf.ts";
import type { Tensor2D } from "./tf.ts";
import { FusedAdam, type StepOptimizer } from "./fused_adam.ts";
import { wasmMlpStep } from "./wasm_mlp_step.ts";
import type { Mlp } from "./mlp.ts";
import type { WeightPenalty } from "./weight_penalty.ts";

/**
 * One optimiser step on one mini-batch: MSE gradients by backpropagation,
 * then the optimiser's update. Every intermediate tensor is freed. With a
 * {@linkcode FusedAdam} (what {@linkcode fit} uses on wasm) the whole step is
 * one wasm kernel, {@linkcode wasmMlpStep}, with the same bytes as the tfjs
 * ops it replaces. The batch
 * is arrays (uploaded for this step) or tensors already on the backend (left
 * as they are, for the caller to reuse or free): {@linkcode fit} keeps its
 * data set on the device and passes tensors.
 *
 * @param net The network, updated in place.
 * @param optimizer Any tfjs optimiser, or {@linkcode FusedAdam} ({@linkcode fit} takes {@linkcode createAdam}'s).
 * @param x Batch inputs, `rows × sizes[0]` (an array, row-major, or a tensor).
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
  optimizer: StepOptimizer,
  x: Float32Array | Tensor2D,
  y: Float32Array | Tensor2D,
  penalty?: WeightPenalty,
): void {
  if (optimizer instanceof FusedAdam) return wasmMlpStep(net, optimizer, x, y, penalty);
  const rows = net.batchRows(x, y);
  const inDim = net.sizes[0], outDim = net.sizes[net.sizes.length - 1];
  const xt = x instanceof Float32Array ? tf.tensor2d(x, [rows, inDim]) : x;
  const yt = y instanceof Float32Array ? tf.tensor2d(y, [rows, outDim]) : y;
  const g = net.gradients(xt, yt, penalty);
  optimizer.applyGradients([
    ...net.weights.map((w, l) => ({ name: w.name, tensor: g.weights[l] })),
    ...net.biases.map((b, l) => ({ name: b.name, tensor: g.biases[l] })),
  ]);
  tf.dispose([...g.weights, ...g.biases]);
  if (xt !== x) xt.dispose();
  if (yt !== y) yt.dispose();
}
