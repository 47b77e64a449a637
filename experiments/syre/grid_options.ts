import type { GridOptions } from "../../src/runner/run_grid.ts";

/** The shared flags of every syre task that the runner needs. */
export interface SyreGridFlags {
  /** Output folder. */
  out: string;
  /** Module Workers running jobs in parallel. */
  workers: number;
  /** Forget stored cells and run every job again. */
  fresh: boolean;
}

/**
 * The runner settings every syre figure shares: this paper's grid worker,
 * the output folder and grid flags, the cell folder's name and the task's
 * entry in `run.json`.
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
 * ```
 */
export function syreGridOptions(
  flags: SyreGridFlags,
  run: { name: string; task: string; config: unknown },
): Pick<GridOptions<unknown>, "worker" | "name" | "outDir" | "workers" | "fresh" | "record"> {
  return {
    worker: new URL("./_worker.ts", import.meta.url),
    name: run.name,
    outDir: flags.out,
    workers: flags.workers,
    fresh: flags.fresh,
    record: { task: run.task, config: run.config },
  };
}
