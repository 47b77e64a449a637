/** A unit of work for {@linkcode runPool}. */
export interface PoolJob {
  /** Which job function of the worker module runs it (a name it registered with `serveJobs`). */
  kind: string;
  /** The job's arguments, structured-cloneable. */
  params: unknown;
}

/** Options of {@linkcode runPool}: the worker module, how many workers, and callbacks. */
export interface PoolOptions {
  /** URL of the worker module that serves the jobs' kinds (it calls `serveJobs`). */
  module: URL;
  /** How many workers to start (at most one per job). */
  workers: number;
  /** A worker took job `index`. */
  onStart?: (index: number, worker: number) => void;
  /** Job `index` finished an epoch. */
  onEpoch?: (index: number, info: { epoch: number; valLoss: number }) => void;
  /** Job `index` finished; awaited before the worker takes more work. */
  onDone?: (index: number, row: unknown) => Promise<void> | void;
}

/**
 * Runs jobs on `workers` module Workers of `module`, each with its own tfjs wasm backend,
 * handing the next job to whichever worker is free. Once no job is left to
 * hand out, a worker that comes free lends its core to the others: every
 * worker is first sent `{ type: "cores", idle }`, an `Int32Array` on a
 * `SharedArrayBuffer` whose word 0 counts the idle cores (worker slots not
 * started, or with nothing left to do), which `serveJobs` hands to the
 * worker module's `onCores`. Results come back through
 * `onDone` as they finish. The first failing job stops the pool and rejects
 * with its error; finished jobs have already been reported.
 *
 * @param jobs The jobs, in the order they are handed out.
 * @param options The worker module, the worker count, and progress and result callbacks.
 * @returns Resolves once every job is done and the workers are terminated.
 *
 * @example Two workers; the first failing job rejects the pool
 * ```ts
 * import { runPool } from "./worker_pool.ts";
 * import assert from "node:assert/strict";
 *
 * const module = new URL("./testdata/square_worker.ts", import.meta.url);
 * const rows: unknown[] = [];
 * const jobs = [2, 3].map((x) => ({ kind: "square", params: { x } }));
 * await runPool(jobs, { module, workers: 2, onDone: (i, row) => void (rows[i] = row) });
 * assert.deepEqual(rows, [{ x: 2, square: 4 }, { x: 3, square: 9 }]);
 * const failing = [{ kind: "fail", params: { message: "no such luck" } }];
 * await assert.rejects(runPool(failing, { module, workers: 1 }), /no such luck/);
 * ```
 */
export function runPool(jobs: readonly PoolJob[], options: PoolOptions): Promise<void> {
  const count = Math.min(options.workers, jobs.length);
  if (count === 0) return Promise.resolve();
  const pool: Worker[] = [];
  let next = 0, finished = 0, settled = false;
  return new Promise<void>((resolve, reject) => {
    const stop = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) w.terminate();
      err ? reject(err) : resolve();
    };
    // Idle workers' cores, lent to the busy ones' training steps (see serveJobs' onCores).
    const idle = new Int32Array(new SharedArrayBuffer(4));
    idle[0] = Math.max(0, options.workers - count);
    const feed = (w: Worker, slot: number) => {
      if (next >= jobs.length) return void Atomics.add(idle, 0, 1);
      const id = next++;
      options.onStart?.(id, slot);
      w.postMessage({ id, kind: jobs[id].kind, params: jobs[id].params });
    };
    for (let slot = 0; slot < count; slot++) {
      const w = new Worker(options.module, { type: "module" });
      pool.push(w);
      w.postMessage({ type: "cores", idle });
      w.onmessage = async (e) => {
        const msg = e.data;
        if (msg.type === "epoch") return options.onEpoch?.(msg.id, msg.info);
        if (msg.type === "error") {
          const err = new Error(msg.message);
          if (msg.stack) err.stack = msg.stack;
          return stop(err);
        }
        try {
          await options.onDone?.(msg.id, msg.row);
        } catch (err) {
          return stop(err as Error);
        }
        if (++finished === jobs.length) return stop();
        if (!settled) feed(w, slot);
      };
      w.onerror = (e) => {
        e.preventDefault();
        stop(new Error(`Worker failed: ${e.message}`));
      };
      feed(w, slot);
    }
  });
}
