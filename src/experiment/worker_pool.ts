import type { JobKind } from "./jobs.ts";

/** A unit of work for {@linkcode runPool}. */
export interface PoolJob {
  /** Which registered job function runs it (a key of `JOB_KINDS`). */
  kind: JobKind;
  /** The job's arguments, structured-cloneable (for `"pr"`: a `PRJob`). */
  params: unknown;
}

/** Callbacks of {@linkcode runPool}. */
export interface PoolEvents {
  /** A worker took job `index`. */
  onStart?: (index: number, worker: number) => void;
  /** Job `index` finished an epoch. */
  onEpoch?: (index: number, info: { epoch: number; valLoss: number }) => void;
  /** Job `index` finished; awaited before the worker takes more work. */
  onDone?: (index: number, row: unknown) => Promise<void> | void;
}

/**
 * Runs jobs on `workers` module Workers, each with its own tfjs wasm backend,
 * handing the next job to whichever worker is free. Results come back through
 * `onDone` as they finish. The first failing job stops the pool and rejects
 * with its error; finished jobs have already been reported.
 *
 * @param jobs The jobs, in the order they are handed out.
 * @param workers How many workers to start (at most one per job).
 * @param events Progress and result callbacks.
 * @returns Resolves once every job is done and the workers are terminated.
 *
 * @example Two K-NN jobs on two workers
 * ```ts
 * import { runPool } from "./worker_pool.ts";
 * import assert from "node:assert/strict";
 *
 * const job = (n: number) => ({
 *   kind: "pr" as const,
 *   params: { field: "real", n, samples: 100, model: "knn", variant: "A", seed: 1,
 *             epochs: 1, batch: 64, learningRate: 1e-3, patience: 10, k: 5 },
 * });
 * const done: number[] = [];
 * await runPool([job(2), job(3)], 2, { onDone: (i) => void done.push(i) });
 * assert.deepEqual(done.sort(), [0, 1]);
 * ```
 */
export function runPool(jobs: readonly PoolJob[], workers: number, events: PoolEvents = {}): Promise<void> {
  const count = Math.min(workers, jobs.length);
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
    const feed = (w: Worker, slot: number) => {
      if (next >= jobs.length) return;
      const id = next++;
      events.onStart?.(id, slot);
      w.postMessage({ id, kind: jobs[id].kind, params: jobs[id].params });
    };
    for (let slot = 0; slot < count; slot++) {
      const w = new Worker(new URL("./_grid_worker.ts", import.meta.url), { type: "module" });
      pool.push(w);
      w.onmessage = async (e) => {
        const msg = e.data;
        if (msg.type === "epoch") return events.onEpoch?.(msg.id, msg.info);
        if (msg.type === "error") {
          const err = new Error(msg.message);
          if (msg.stack) err.stack = msg.stack;
          return stop(err);
        }
        try {
          await events.onDone?.(msg.id, msg.row);
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
