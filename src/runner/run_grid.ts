import { CellStore } from "./cell_store.ts";
import { Progress } from "./progress.ts";
import { type PoolJob, runPool } from "./worker_pool.ts";
import { recordRun } from "./run_record.ts";

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
  /** Forget stored cells and run everything again. */
  fresh?: boolean;
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
  /** Every row, in grid order. */
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
 * @throws {Error} If two jobs share a key, or a job fails.
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
 */
export async function runGrid<R>(options: GridOptions<R>): Promise<GridResult<R>> {
  const started = performance.now(), startedAt = new Date().toISOString();
  const { jobs } = options;
  const keys = new Set(jobs.map((j) => j.key));
  if (keys.size !== jobs.length) throw new Error(`Grid "${options.name}" has duplicate job keys`);
  const write = options.write ?? ((s: string) => Deno.stderr.writeSync(new TextEncoder().encode(s)));
  const store = new CellStore(`${options.outDir}/.cells/${options.name}`, {
    warn: (line) => write(`${options.name}: ${line}`),
  });
  if (options.fresh) await store.clear();
  const check = (i: number) => (row: unknown, sealed: boolean) => options.checkRow?.(row, i, sealed);
  const rows: (R | undefined)[] = await Promise.all(jobs.map((j, i) => store.get<R>(j, check(i))));
  const todo = jobs.map((_, i) => i).filter((i) => rows[i] === undefined);
  const resumed = jobs.length - todo.length;
  if (todo.length === 0) {
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
      await options.onRows?.(rows);
    },
  });
  if (todo.length > 0) progress.finish();
  // Once more with every row: two jobs finishing together write concurrently, and the older snapshot may land
  // last; and when every cell was stored, this is the only write.
  await options.onRows?.(rows);
  const result = {
    rows: rows as R[],
    ran: todo.length,
    resumed,
    seconds: (performance.now() - started) / 1000,
  };
  if (options.record) {
    const { task, config } = options.record;
    await recordRun(options.outDir, task, config, { ...result, total: jobs.length }, startedAt);
  }
  return result;
}
