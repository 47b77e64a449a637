/**
 * The library types this paper's public signatures take (and the types those
 * refer to), re-exported so that `./experiments/syre` documents them beside
 * the experiments.
 *
 * @module
 */
export type { ClassifierGradients, DenseClassifier } from "../../src/nn/dense_classifier.ts";
export type { Tensor, Tensor1D, Tensor2D, Variable, Variable1D, Variable2D } from "../../src/nn/tf.ts";
export type { GridJob } from "../../src/runner/run_grid.ts";
export type { PoolJob } from "../../src/runner/worker_pool.ts";
export type { JobProgress } from "../../src/runner/serve_jobs.ts";
