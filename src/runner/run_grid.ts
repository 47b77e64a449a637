import { MergeIncompleteError } from "./merge_incomplete_error.ts";
import { CellStore } from "./cell_store.ts";
import { Progress } from "./progress.ts";
import { type PoolJob, runPool } from "./worker_pool.ts";
import { recordRun } from "./run_record.ts";
import { type Shard, shardCells } from "./shard.ts";
import { clearShardRecords, readShardRecords, writeShardRecord } from "./shard_record.ts";

/** One job of a grid. */
export interface GridJob<R> extends PoolJob {
  /** Unique, file-name-safe, and changing whenever anything that affects the result changes. */
  key: string;
  /**
   * What the key's hash covers, when it is not `params` (a dataset's fingerprint in place of its folder, so a
   * copy of the data elsewhere reuses the cells); a stored cell must have the same. Default: `params`.
   */
  identity?: unknown;
  /** Shown in progress lines, e.g. `"n=5 s=2e4 nn-A"`. */
  label: string;
  /** Estimated seconds, for scheduling and the ETA. */
  cost: number;
  /** Epoch budget, for the progress line; 0 for jobs without epochs. */
  maxEpochs: number;
  /** One line for the progress log once the job is done. */
  summarize: (row: R) => string;
}

/** Options of {@linkcode runGrid}. */
export interface GridOptions<R> {
  /** Experiment name: the progress title and the cell folder `<outDir>/.cells/<name>`. */
  name: string;
  /** Output folder; finished cells are kept under `<outDir>/.cells/<name>`. */
  outDir: string;
  /** URL of the worker module that serves the jobs' kinds (a paper's `_worker.ts`, which calls `serveJobs`). */
  worker: URL;
  /** The jobs, in grid order (the order of the returned rows); keys must be unique. */
  jobs: readonly GridJob<R>[];
  /** Module Workers running jobs in parallel. */
  workers: number;
  /**
   * Why stored row `row` of job `index` is not one of the experiment's rows, or `undefined` when it is
   * (see `RowCheck` for `sealed`); a stored cell that fails is set aside and recomputed. Default: any
   * row but `null`.
   */
  checkRow?: (row: unknown, index: number, sealed: boolean) => string | undefined;
  /** Forget stored cells and run everything again (not with `shard`: one shard would delete another's cells). */
  fresh?: boolean;
  /**
   * Run only this shard's share of the grid (see `shardCells`), for a grid split over many machines that
   * share `outDir`: only its cells are stored, `onRows` is never called and its record goes to
   * `<outDir>/.shards/<name>/` instead of `run.json`. A later run without `shard` finds every cell stored.
   *
   * `outDir` must be one folder every machine mounts, on a filesystem where a rename within a folder is
   * atomic and a renamed file is then visible to the other machines (POSIX `rename(2)`: NFS, Lustre,
   * GPFS, CephFS, a Kubernetes ReadWriteMany volume; not an object-store mount). Each cell is written
   * to a temporary file beside it, then renamed (no cross-device rename); two shards never write the
   * same cell, and shards write no shared file.
   */
  shard?: Shard;
  /**
   * Assemble the outputs from stored cells only: fail, running nothing, if any cell is not stored (a shard
   * that failed); otherwise the same as a run without it.
   */
  merge?: boolean;
  /**
   * Writes the outputs from every row so far (grid order, `undefined` where not done): called after each
   * finished job, and once more with every row at the end (also when every cell was already done).
   */
  onRows?: (rows: readonly (R | undefined)[]) => Promise<void>;
  /** Records the run in `<outDir>/run.json` under `task`, with `config` (see `recordRun`). */
  record?: { task: string; config: unknown };
  /** Where progress goes; default standard error. */
  write?: (text: string) => void;
  /** Force live or plain progress; default: whether stderr is a terminal. */
  live?: boolean;
}

/** What {@linkcode runGrid} did. */
export interface GridResult<R> {
  /** Every row, in grid order (with `shard`: `undefined` outside its share). */
  rows: R[];
  /** Jobs computed in this run. */
  ran: number;
  /** Jobs found finished in the cell store. */
  resumed: number;
  /** Wall-clock seconds of the whole run. */
  seconds: number;
}

/**
 * Runs an experiment grid, the one runner every table and figure shares:
 * finished cells are loaded from the cell store, the rest are run on a pool
 * of module Workers (costliest first), and each result is stored atomically
 * the moment it arrives, so an interrupted run resumes where it stopped.
 *
 * @param options The grid, output folder and worker count.
 * @returns The rows in grid order, with how many jobs ran and how many were resumed.
 * @throws {Error} If two jobs share a key, a job fails, or `merge` finds a cell not stored.
 * @throws {TypeError} If `shard` is given with `fresh` or `merge`.
 *
 * @example Run, then resume from the cell store
 * ```ts
 * import { runGrid } from "./run_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const worker = new URL("./testdata/square_worker.ts", import.meta.url);
 * const jobs = [2, 3].map((x) => ({
 *   kind: "square", params: { x }, key: `x${x}`, label: `x=${x}`, cost: x, maxEpochs: x,
 *   summarize: (row: { square: number }) => `${row.square}`,
 * }));
 * const outDir = await Deno.makeTempDir();
 * const quiet = { write: () => {}, live: false };
 * const first = await runGrid({ name: "demo", outDir, worker, jobs, workers: 2, ...quiet });
 * assert.deepEqual([first.ran, first.resumed], [2, 0]);
 * const again = await runGrid({ name: "demo", outDir, worker, jobs, workers: 2, ...quiet });
 * assert.deepEqual([again.ran, again.resumed], [0, 2]);
 * assert.deepEqual(again.rows, [{ x: 2, square: 4 }, { x: 3, square: 9 }]);
 * await Deno.remove(outDir, { recursive: true });
 * ```
 *
 * @example Two shards, then the merge
 * ```ts
 * import { runGrid } from "./run_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const worker = new URL("./testdata/square_worker.ts", import.meta.url);
 * const jobs = [2, 3, 4].map((x) => ({
 *   kind: "square", params: { x }, key: `x${x}`, label: `x=${x}`, cost: x, maxEpochs: x,
 *   summarize: (row: { square: number }) => `${row.square}`,
 * }));
 * const outDir = await Deno.makeTempDir();
 * const base = { name: "demo", outDir, worker, jobs, workers: 1, write: () => {}, live: false };
 * await assert.rejects(runGrid({ ...base, merge: true }), /3 of 3 cells are not stored/);
 * const s0 = await runGrid({ ...base, shard: { index: 0, count: 2 } });
 * assert.deepEqual([s0.ran, s0.rows[2]], [1, { x: 4, square: 16 }]); // cost 4 alone; 3 + 2 on shard 1
 * const s1 = await runGrid({ ...base, shard: { index: 1, count: 2 } });
 * assert.equal(s1.ran, 2);
 * assert.equal((await runGrid({ ...base, shard: { index: 1, count: 2 } })).ran, 0); // share stored: nothing to do
 * const merged = await runGrid({ ...base, merge: true, record: { task: "demo", config: {} } });
 * assert.deepEqual([merged.ran, merged.resumed, merged.rows.map((r) => r.square)], [0, 3, [4, 9, 16]]);
 * const run = JSON.parse(await Deno.readTextFile(`${outDir}/run.json`)).demo;
 * assert.deepEqual(run.shards.map((s: { shard: string }) => s.shard), ["0/2", "1/2"]);
 * await Deno.remove(outDir, { recursive: true });
 * ```
 */
export async function runGrid<R>(options: GridOptions<R>): Promise<GridResult<R>> {
  const started = performance.now(), startedAt = new Date().toISOString();
  const { jobs } = options;
  const keys = new Set(jobs.map((j) => j.key));
  if (keys.size !== jobs.length) throw new Error(`Grid "${options.name}" has duplicate job keys`);
  const { shard } = options;
  if (shard && (options.fresh || options.merge)) {
    throw new TypeError(
      `Cannot run grid "${options.name}" as a shard with ${options.fresh ? "fresh" : "merge"}`,
    );
  }
  const write = options.write ?? ((s: string) => Deno.stderr.writeSync(new TextEncoder().encode(s)));
  const store = new CellStore(`${options.outDir}/.cells/${options.name}`, {
    warn: (line) => write(`${options.name}: ${line}`),
  });
  if (options.fresh) {
    await store.clear();
    await clearShardRecords(options.outDir, options.name);
  }
  // A shard reads and runs only its share, which depends on the whole grid, never on what is stored.
  const share = shard ? shardCells(jobs.map((j) => j.cost), shard) : jobs.map((_, i) => i);
  const check = (i: number) => (row: unknown, sealed: boolean) => options.checkRow?.(row, i, sealed);
  const rows: (R | undefined)[] = new Array(jobs.length).fill(undefined);
  await Promise.all(share.map(async (i) => rows[i] = await store.get<R>(jobs[i], check(i))));
  const todo = share.filter((i) => rows[i] === undefined);
  const resumed = share.length - todo.length;
  if (options.merge && todo.length > 0) {
    const missing = todo.slice(0, 3).map((i) => jobs[i].label).join(", ") + (todo.length > 3 ? ", …" : "");
    throw new MergeIncompleteError(
      `Cannot merge "${options.name}": ${todo.length} of ${jobs.length} cells are not stored (${missing}); ` +
        `rerun the shards that failed, or run without merge to compute them here`,
    );
  }
  if (shard) {
    const from = shard.source ? ` (from ${shard.source})` : "";
    write(
      `${options.name}: shard ${shard.index}/${shard.count}${from}: ${share.length} of ${jobs.length} cells, ` +
        (todo.length === 0
          ? `all already stored, nothing to do
`
          : `${resumed} already stored
`),
    );
  } else if (todo.length === 0) {
    write(`${options.name}: all ${jobs.length} cells already done (--fresh reruns them)\n`);
  } else if (resumed > 0) {
    write(`${options.name}: ${resumed} of ${jobs.length} cells already done, resuming\n`);
  }
  // Longest jobs first: fewer idle workers at the end.
  todo.sort((a, b) => jobs[b].cost - jobs[a].cost || a - b);
  const progress = new Progress({
    title: options.name,
    weights: todo.map((i) => jobs[i].cost),
    write,
    ...(options.live === undefined ? {} : { live: options.live }),
  });
  // A shard writes no shared file: the outputs come from the merge.
  const onRows = shard ? undefined : options.onRows;
  await runPool(todo.map((i) => jobs[i]), {
    module: options.worker,
    workers: options.workers,
    onStart: (t) => progress.start(t, jobs[todo[t]].label, jobs[todo[t]].maxEpochs),
    onEpoch: (t, info) => progress.epoch(t, info.epoch, info.valLoss),
    onDone: async (t, row) => {
      const job = jobs[todo[t]];
      await store.put(job, row);
      rows[todo[t]] = row as R;
      progress.done(t, job.summarize(row as R));
      await onRows?.(rows);
    },
  });
  if (todo.length > 0) progress.finish();
  // Once more with every row: two jobs finishing together write concurrently, and the older snapshot may land
  // last; and when every cell was stored, this is the only write.
  await onRows?.(rows);
  const result = {
    rows: rows as R[],
    ran: todo.length,
    resumed,
    seconds: (performance.now() - started) / 1000,
  };
  // A shard with nothing to do leaves the record of the run that computed its share.
  if (shard && todo.length > 0) {
    write(
      `${options.name}: shard ${shard.index}/${shard.count} stored its cells in ${store.dir}; ` +
        `no tables or figures from a shard: run with --merge once every shard has finished\n`,
    );
    await writeShardRecord(options.outDir, options.name, {
      shard: `${shard.index}/${shard.count}`,
      source: shard.source ?? "shard option",
      started: startedAt,
      seconds: Math.round(result.seconds * 10) / 10,
      cells: { share: share.length, ran: result.ran, resumed },
    });
  } else if (!shard && options.record) {
    const { task, config } = options.record;
    const shards = await readShardRecords(options.outDir, options.name);
    await recordRun(
      options.outDir,
      task,
      withoutSharding(config),
      { ...result, total: jobs.length, shards },
      startedAt,
    );
  }
  return result;
}

// How a grid was split over machines does not change its results: the settings `shard`, `shards` and `merge`
// stay out of the recorded configuration (the shards' own records are listed beside it).
function withoutSharding(config: unknown): unknown {
  if (config === null || typeof config !== "object" || Array.isArray(config)) return config;
  return Object.fromEntries(
    Object.entries(config).filter(([k]) => !["shard", "shards", "merge"].includes(k)),
  );
}
