import type { GridOptions } from "../../src/runner/run_grid.ts";
import type { Shard } from "../../src/runner/shard.ts";

/** The shared flags of every syre task that the runner needs. */
export interface SyreGridFlags {
  /** Output folder. */
  out: string;
  /** Module Workers running jobs in parallel. */
  workers: number;
  /** Forget stored cells and run every job again. */
  fresh: boolean;
  /** Run only this shard's cells (many machines). */
  shard?: Shard;
  /** Assemble from stored cells only. */
  merge?: boolean;
}

/**
 * The runner settings every syre figure shares: this paper's grid worker,
 * the output folder and grid flags, the cell folder's name and the task's
 * entry in `run.json` (its `shard`, `shards` and `merge` left out: how the
 * grid is split over machines does not change results).
 *
 * @param flags The task's shared flags.
 * @param run The cell folder's name, and the task name and config recorded in `run.json`.
 * @returns The options of `runExperiment` that do not depend on the task's jobs and files.
 *
 * @example
 * ```ts
 * import { syreGridOptions } from "./grid_options.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = { out: "results", workers: 2, fresh: false };
 * const options = syreGridOptions(flags, { name: "fcn", task: "syre:fcn", config: { steps: 10 } });
 * assert.deepEqual([options.name, options.outDir, options.record?.task], ["fcn", "results", "syre:fcn"]);
 * assert.match(options.worker.pathname, /syre\/_worker\.ts$/);
 * const shard = { index: 0, count: 2 };
 * const sharded = syreGridOptions({ ...flags, shard }, { name: "fcn", task: "syre:fcn", config: { steps: 10 } });
 * assert.deepEqual([sharded.shard, sharded.record?.config], [shard, { steps: 10 }]);
 * ```
 */
export function syreGridOptions(
  flags: SyreGridFlags,
  run: { name: string; task: string; config: unknown },
): Pick<
  GridOptions<unknown>,
  "worker" | "name" | "outDir" | "workers" | "fresh" | "record" | "shard" | "merge"
> {
  return {
    worker: new URL("./_worker.ts", import.meta.url),
    name: run.name,
    outDir: flags.out,
    workers: flags.workers,
    fresh: flags.fresh,
    shard: flags.shard,
    merge: flags.merge,
    record: { task: run.task, config: run.config },
  };
}
