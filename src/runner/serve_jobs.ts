/** Reports progress from inside a job: an epoch finished, with its validation loss. */
export type JobProgress = (info: { epoch: number; valLoss: number }) => void;

/**
 * A job function, as a worker module registers it: plain-data parameters in
 * (they cross a Worker boundary), one structured-cloneable result out.
 */
// deno-lint-ignore no-explicit-any
export type JobFunction = (params: any, progress: JobProgress) => unknown;

/** The message a grid worker receives: run job `id` of kind `kind`. */
export interface JobMessage {
  /** The job's index in the pool. */
  id: number;
  /** The registered name of the job function. */
  kind: string;
  /** The job's parameters. */
  params: unknown;
}

/**
 * Runs one job message against a registry of job functions, the way a grid
 * worker does, and returns the messages it would post back (`epoch` lines,
 * then `done` or `error`). {@linkcode serveJobs} calls it for every message;
 * it is exported so that a registry can be checked without a Worker.
 *
 * @param registry Job functions by kind name.
 * @param message The job to run.
 * @param post Receives each reply.
 *
 * @example An unknown kind is an error reply, not a crash
 * ```ts
 * import { runJobMessage } from "./serve_jobs.ts";
 * import assert from "node:assert/strict";
 *
 * const replies: { type: string; row?: unknown; message?: string }[] = [];
 * const registry = { square: (p: { x: number }) => p.x * p.x };
 * await runJobMessage(registry, { id: 0, kind: "square", params: { x: 3 } }, (m) => void replies.push(m));
 * await runJobMessage(registry, { id: 1, kind: "cube", params: {} }, (m) => void replies.push(m));
 * assert.deepEqual(replies[0], { id: 0, type: "done", row: 9 });
 * assert.equal(replies[1].type, "error");
 * assert.match(replies[1].message!, /Unknown job kind "cube"/);
 * ```
 */
export async function runJobMessage(
  registry: Readonly<Record<string, JobFunction>>,
  message: JobMessage,
  post: (reply: { id: number; type: string; [field: string]: unknown }) => void,
): Promise<void> {
  const { id, kind, params } = message;
  try {
    if (!Object.hasOwn(registry, kind)) {
      throw new RangeError(
        `Unknown job kind "${kind}": this worker serves ${Object.keys(registry).join(", ")}`,
      );
    }
    const row = await registry[kind](params, (info) => post({ id, type: "epoch", info }));
    post({ id, type: "done", row });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const stack = err instanceof Error ? err.stack : undefined;
    post({ id, type: "error", message, stack });
  }
}

/** The message {@linkcode runPool} sends each worker first: the pool's count of idle cores. */
interface CoresMessage {
  /** Says what this is. */
  type: "cores";
  /** Word 0: cores of the pool with no job, shared by all its workers. */
  idle: Int32Array;
}

/** Options of {@linkcode serveJobs}. */
export interface ServeOptions {
  /**
   * Receives the pool's count of idle cores (an `Int32Array` on a
   * `SharedArrayBuffer`, word 0) before the first job: a worker module
   * passes it to `lendCores` so that its training steps borrow the cores of
   * workers that have run out of jobs near the end of a grid.
   */
  onCores?: (idle: Int32Array) => void;
}

/**
 * Makes the calling module a grid worker that serves `registry`: each paper
 * has one such module (`experiments/<paper>/_worker.ts`) that registers its
 * job functions by name, the way a tfjs backend registers its kernels, and
 * {@linkcode runGrid} is handed that module's URL. The runner itself never
 * imports an experiment.
 *
 * @param registry Job functions by kind name.
 * @param options What to do with the pool's idle cores.
 *
 * @example A worker module registers its jobs by name, and lends idle cores to its training steps
 * ```ts ignore
 * // experiments/my_paper/_worker.ts
 * import { serveJobs } from "../../src/runner/serve_jobs.ts";
 * import { lendCores } from "../../src/nn/spare_cores.ts";
 * import { runMyCell } from "./my_cell.ts";
 *
 * serveJobs({ "my-cell": runMyCell }, { onCores: lendCores });
 * ```
 */
export function serveJobs(registry: Readonly<Record<string, JobFunction>>, options: ServeOptions = {}): void {
  // The worker's global scope, typed here: JSR refuses `/// <reference lib="deno.worker" />`
  // in a published module, as it would change the globals of every importer.
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<JobMessage>) => unknown) | null;
    postMessage(message: unknown): void;
  };
  scope.onmessage = (e: MessageEvent<JobMessage | CoresMessage>) => {
    const data = e.data;
    if ("type" in data && data.type === "cores") return options.onCores?.(data.idle);
    return runJobMessage(registry, data as JobMessage, (m) => scope.postMessage(m));
  };
}
