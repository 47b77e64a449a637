/**
 * The library types this paper's public signatures take (and the types those
 * refer to), re-exported so that `./experiments/phase-retrieval` documents
 * them beside the experiments.
 *
 * @module
 */
export type { Field } from "../../src/forward/gaussian_pr.ts";
export type { ModelName } from "../../src/nn/architectures.ts";
export type { EpochInfo } from "../../src/nn/fit.ts";
export type { WeightPenalty } from "../../src/nn/weight_penalty.ts";
export type { GridJob } from "../../src/runner/run_grid.ts";
export type { PoolJob } from "../../src/runner/worker_pool.ts";
