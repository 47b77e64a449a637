/**
 * symbreak: learning inverse problems whose forward model has symmetries.
 *
 * Gaussian phase retrieval y = |Ax|² cannot tell x from −x (or from e^{iθ}x).
 * A network trained end to end on raw (y, x) pairs learns the conditional
 * mean and fails; mapping the training targets into a connected, smallest
 * representative set ({@linkcode canonicalize}) fixes it. This module holds
 * the data, the symmetry tools, the models and the experiment runner behind
 * `deno task table1`.
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
export * from "./src/random/pcg32.ts";
export * from "./src/random/normal.ts";
export * from "./src/random/ball.ts";
export * from "./src/random/seed.ts";
export * from "./src/forward/forward_pr.ts";
export * from "./src/forward/gaussian_pr.ts";
export * from "./src/symmetry/canonicalize.ts";
export * from "./src/symmetry/rectified_error.ts";
export * from "./src/data/split.ts";
export * from "./src/knn/knn_search.ts";
export * from "./src/knn/knn_regress.ts";
export * from "./src/nn/backend.ts";
export * from "./src/nn/architectures.ts";
export * from "./src/nn/mlp.ts";
export * from "./src/nn/train_step.ts";
export * from "./src/nn/fit.ts";
export * from "./experiments/phase_retrieval/pr_job.ts";
export * from "./experiments/phase_retrieval/pr_table.ts";
export * from "./src/runner/run_grid.ts";
export * from "./src/runner/worker_pool.ts";
export * from "./src/runner/serve_jobs.ts";
export * from "./src/runner/cell_store.ts";
export * from "./src/runner/progress.ts";
export * from "./src/report/csv.ts";
export * from "./src/report/atomic_write.ts";
export * from "./experiments/phase_retrieval/pr_markdown.ts";
export * from "./src/cli/usage_error.ts";
export * from "./src/knn/knn_search_wasm.ts";
export * from "./src/symmetry/symmetry_wasm.ts";
export * from "./src/syre/syre.ts";
export * from "./src/syre/metrics.ts";
export * from "./src/syre/wfix.ts";
export * from "./experiments/syre/quartic.ts";
export * from "./experiments/syre/reparam.ts";
export * from "./experiments/syre/ridge.ts";
export * from "./src/nn/tanh_classifier.ts";
export * from "./experiments/syre/teacher.ts";
export * from "./src/nn/small_cnn.ts";
export * from "./src/nn/vae.ts";
export * from "./src/report/image_grid_svg.ts";
export * from "./experiments/syre/continual.ts";
export * from "./experiments/syre/continual_job.ts";
export * from "./experiments/syre/vae.ts";
export * from "./experiments/syre/vae_job.ts";
export * from "./src/data/idx.ts";
export * from "./src/data/image_dataset.ts";
export * from "./src/data/mini_batches.ts";
export * from "./src/nn/dense_classifier.ts";
export * from "./src/nn/softmax_cross_entropy.ts";
export * from "./experiments/syre/collapse.ts";
export * from "./experiments/syre/collapse_job.ts";
export * from "./experiments/syre/fcn.ts";
export * from "./experiments/syre/fcn_job.ts";
export * from "./src/report/svg_plot.ts";
export * from "./src/report/svg_to_png.ts";
export * from "./experiments/phase_retrieval/parameter_table.ts";
export * from "./src/nn/weight_penalty.ts";
export * from "./experiments/phase_retrieval/pr_grid_job.ts";
export * from "./experiments/phase_retrieval/regularization_table.ts";
export * from "./experiments/phase_retrieval/sweep_figure.ts";
export * from "./experiments/phase_retrieval/sqrt_job.ts";
export * from "./experiments/phase_retrieval/sqrt_figure.ts";
export * from "./experiments/syre/task_settings.ts";
export * from "./src/wasm/kernels.ts";
export * from "./experiments/syre/teacher_grid.ts";
export * from "./experiments/syre/figure_task.ts";
