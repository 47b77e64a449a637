/**
 * The experiment runner, generic over job kinds: {@linkcode runGrid} runs a grid
 * of cells on a worker pool handed a worker module URL, keeps finished cells in a
 * {@linkcode CellStore} so an interrupted run resumes, and reports progress. It
 * never imports an experiment; each paper's `_worker.ts` serves its own jobs.
 *
 * @example A cell's key is a stable hash
 * ```ts
 * import { cellHash } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cellHash(1, { n: 5 }), cellHash(1, { n: 5 }));
 * assert.notEqual(cellHash(1, { n: 5 }), cellHash(2, { n: 5 }));
 * ```
 *
 * @module
 */
export * from "./cell_store.ts";
export * from "./merge_incomplete_error.ts";
export * from "./progress.ts";
export * from "./run_experiment.ts";
export * from "./run_grid.ts";
export * from "./run_record.ts";
export * from "./serve_jobs.ts";
export * from "./shard.ts";
export * from "./shard_record.ts";
export * from "./worker_pool.ts";
