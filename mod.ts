/**
 * symbreak: learning inverse problems whose forward model has symmetries.
 *
 * Gaussian phase retrieval y = |Ax|² cannot tell x from −x (or from e^{iθ}x).
 * A network trained end to end on raw (y, x) pairs learns the conditional
 * mean and fails; mapping the training targets into a connected, smallest
 * representative set ({@linkcode canonicalize}) fixes it. This module holds
 * the core science: seeded randomness, the forward models, the symmetry tools,
 * the datasets, exact K-NN, the models and their training, and syre. The
 * runner, the report writers, the CLI helpers and each paper's experiments
 * have entry points of their own (`./runner`, `./report`, `./cli`,
 * `./experiments/phase-retrieval`, `./experiments/syre`).
 *
 * @example Canonicalised targets, K-NN, and the rectified error
 * ```ts
 * import { canonicalize, gaussianPR, knnRegress, rectifiedError, splitDataset } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const data = gaussianPR({ field: "real", n: 3, samples: 2000, seed: 7 });
 * const split = splitDataset(data.y, canonicalize(data.x, data), data.samples);
 * const truth = splitDataset(data.y, data.x, data.samples).test.y;
 * const pred = await knnRegress({
 *   reference: split.trainAll.x,
 *   targets: split.trainAll.y,
 *   queries: split.test.x,
 *   dim: data.m,
 *   targetDim: data.d,
 * });
 * const { errorPaperScale } = rectifiedError(pred, truth, data);
 * assert.ok(errorPaperScale < 1 / (3 * 5)); // better than predicting zero
 * ```
 *
 * @module
 */

export * from "./src/random/mod.ts";
export * from "./src/forward/mod.ts";
export * from "./src/symmetry/mod.ts";
export * from "./src/data/mod.ts";
export * from "./src/knn/mod.ts";
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
} from "./src/nn/tf.ts";
export * from "./src/nn/backend.ts";
export * from "./src/nn/architectures.ts";
export * from "./src/nn/mlp.ts";
export * from "./src/nn/tanh_classifier.ts";
export * from "./src/nn/dense_classifier.ts";
export * from "./src/nn/small_cnn.ts";
export * from "./src/nn/vae.ts";
export * from "./src/nn/softmax_cross_entropy.ts";
export * from "./src/nn/weight_penalty.ts";
export * from "./src/nn/train_step.ts";
export * from "./src/nn/fit.ts";
export * from "./src/nn/fused_adam.ts";
export * from "./src/nn/spare_cores.ts";
export * from "./src/syre/mod.ts";
export * from "./src/learn/mod.ts";
// learnProblem's options name a Shard: its type, not the runner.
export type { Shard } from "./src/runner/shard.ts";
