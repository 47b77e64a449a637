import type { GridOptions } from "../../src/runner/run_grid.ts";
import type { Shard } from "../../src/runner/shard.ts";
import type { BackendName } from "../../src/nn/backend.ts";

/** What every phase-retrieval table and figure config has: its name, output folder and grid settings. */
export interface PRGridConfig {
  /** Task name: output base name, cell folder and `run.json` entry, e.g. `"table1"`. */
  name: string;
  /** Output folder. */
  out: string;
  /** Module Workers running jobs in parallel. */
  workers: number;
  /** Forget stored cells and run every job again. */
  fresh: boolean;
  /** Run only this shard's cells (many machines); not recorded in `run.json`. */
  shard?: Shard;
  /** Kubernetes shard count, read into `shard`; not recorded. */
  shards?: number;
  /** Assemble from stored cells only; not recorded. */
  merge?: boolean;
  /** The backend networks train on (`selectBackend` settles `--backend`); absent: wasm. */
  backend?: BackendName;
  /** The WebGPU adapter's description, recorded in `run.json` beside a WebGPU backend. */
  adapter?: string;
}

/**
 * The runner settings every phase-retrieval table and figure shares: this
 * paper's grid worker, cells under the task's name in its output folder, and
 * the whole config recorded in `run.json` but for how the grid is split
 * over machines (`shard`, `shards`, `merge`), which does not change results.
 *
 * @param config The task's config (every field of it is recorded).
 * @returns The options of `runExperiment` that do not depend on the task's jobs and files.
 *
 * @example
 * ```ts
 * import { prGridOptions } from "./grid_options.ts";
 * import assert from "node:assert/strict";
 *
 * const config = { name: "table1", out: "results", workers: 2, fresh: false, seed: 1 };
 * const options = prGridOptions(config);
 * assert.equal(options.outDir, "results");
 * assert.match(options.worker.pathname, /phase_retrieval\/_worker\.ts$/);
 * assert.deepEqual(options.record?.config, config);
 * const shard = { index: 1, count: 4 };
 * assert.deepEqual(prGridOptions({ ...config, shard, shards: undefined, merge: false }).shard, shard);
 * ```
 */
export function prGridOptions(
  config: PRGridConfig,
): Pick<
  GridOptions<unknown>,
  "worker" | "name" | "outDir" | "workers" | "fresh" | "record" | "shard" | "merge"
> {
  const { name, out: outDir, workers, fresh, shard, merge } = config;
  const worker = new URL("./_worker.ts", import.meta.url);
  return { worker, name, outDir, workers, fresh, shard, merge, record: { task: name, config } };
}
