/**
 * Models and training on tfjs's WebAssembly backend: `tf.ts` is the one public
 * tfjs entry (the namespace and the tensor types public signatures use), then
 * the backend, the models (MLP, tanh and dense classifiers, small CNN, VAE),
 * the training step and loop, losses and weight penalties.
 *
 * @example An MLP for n = 2 real phase retrieval
 * ```ts
 * import { initBackend, layerSizes, Mlp } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const net = new Mlp(layerSizes("nn", 4, 2), 1);
 * assert.equal(net.predict(new Float32Array(3 * 4), 3).length, 3 * 2);
 * net.dispose();
 * ```
 *
 * @module
 */
export * from "./architectures.ts";
export * from "./backend.ts";
export * from "./dense_classifier.ts";
export * from "./fit.ts";
export * from "./fused_adam.ts";
export * from "./kernel_helper.ts";
export * from "./mlp.ts";
export * from "./small_cnn.ts";
export * from "./softmax_cross_entropy.ts";
export * from "./spare_cores.ts";
export * from "./tanh_classifier.ts";
// tf.ts: its types only; the `tf` namespace stays internal (see tf.ts)
export type {
  Optimizer,
  Scalar,
  Tensor,
  Tensor1D,
  Tensor2D,
  Tensor4D,
  Variable,
  Variable1D,
  Variable2D,
  Variable4D,
} from "./tf.ts";
export * from "./train_step.ts";
export * from "./two_thread_gradients.ts";
export * from "./vae.ts";
export * from "./wasm_heap.ts";
// The training kernels' exports type WasmHeap.kernels: a type only.
export type { TrainKernelExports } from "../wasm/train_kernels.ts";
export * from "./wasm_mlp_step.ts";
export * from "./wasm_threads.ts";
export * from "./weight_penalty.ts";
