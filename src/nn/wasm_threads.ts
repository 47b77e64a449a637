/**
 * Opt-in multithreaded tfjs wasm backend under Deno. Importing this module
 * changes nothing; {@linkcode useThreadedWasm} does the work.
 *
 * tfjs sees Deno as Node and never picks its threaded SIMD build there. This
 * file relies on internals of tfjs-backend-wasm 4.22.0 (check them again
 * before upgrading), each hack for one reason:
 *
 * - `WASM_HAS_MULTITHREAD_SUPPORT` is forced to true: its detector answers
 *   false whenever `IS_NODE` is set.
 * - `globalThis.Worker` is, during initialisation only, a Node-style facade
 *   (`on`, `ref`, `unref`) that runs Emscripten's classic pthread script
 *   inside a Deno module Worker (`_pthread_worker.js`); Emscripten's node
 *   path calls `new Worker(blobUrl)` and would also overwrite the global with
 *   `worker_threads.Worker`, so the setter ignores writes.
 * - `os.cpus()` reports `2 × threads` cores during initialisation: the C++
 *   side sizes its pool as min(threads, logical cores / 2, 8), and under Node
 *   semantics the core count comes from `os.cpus()` (the fake entries are
 *   made up, so no `--allow-sys` is needed).
 * - The thread count is read back through the backend instance
 *   (`backend.wasm.tfjs.getThreadsCount()`), as only `backend.ts` may import
 *   the tfjs packages.
 *
 * Deno Workers cannot be `unref`ed, so the pool keeps the process alive until
 * {@linkcode releaseThreadedWasm}.
 *
 * @module
 */
import { tf } from "./tf.ts";

const POOL_LIMIT = 8; // Emscripten pre-creates 8 pthread Workers; the C++ cap
const FLAG = "WASM_HAS_MULTITHREAD_SUPPORT";
const pthreadScript = new URL("./_pthread_worker.js", import.meta.url);
const DenoWorker = globalThis.Worker;
const pthreadWorkers = new Set<Worker>();
let started: Promise<number> | null = null;
let released = false;

/**
 * Starts tfjs's wasm backend from its threaded SIMD build with a pool of
 * `threads` threads and makes it the active backend. Calling it again
 * returns the first call's count: the pool size is fixed for the realm.
 *
 * Needs read access to `node_modules` (the `.wasm` file) and to this folder
 * (the pthread Worker script). Call {@linkcode releaseThreadedWasm} when done,
 * or the process will not exit by itself.
 *
 * @param threads Pool size, 1 to 8; the C++ side may use fewer.
 * @returns The number of threads the backend uses.
 * @throws {RangeError} If `threads` is not an integer from 1 to 8.
 * @throws {Error} If the wasm backend was already started single-threaded,
 * or released, in this realm: tfjs cannot start it twice.
 *
 * @example Two threads, in a Worker of its own
 * ```ts ignore
 * import { releaseThreadedWasm, useThreadedWasm } from "./wasm_threads.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await useThreadedWasm(2), 2);
 * releaseThreadedWasm();
 * ```
 */
export async function useThreadedWasm(threads: number): Promise<number> {
  if (!Number.isInteger(threads) || threads < 1 || threads > POOL_LIMIT) {
    throw new RangeError(`Cannot start the threaded wasm backend: threads must be 1 to 8, got ${threads}`);
  }
  if (released) {
    throw new Error("Cannot start the threaded wasm backend: it was released in this realm");
  }
  if (started !== null) return await started;
  const engine = tf.engine() as unknown as { registry: Record<string, unknown>; pendingBackendInit: unknown };
  if ("wasm" in engine.registry || engine.pendingBackendInit != null) {
    throw new Error(
      "Cannot start the threaded wasm backend: the wasm backend is already initialised in this realm, " +
        "start it in a new Worker",
    );
  }
  started = start(threads);
  return await started;
}

/**
 * Frees the threaded backend: its tensors, its pool of Workers, and the
 * `wasm` backend itself (tfjs cannot register it again in this realm).
 * Does nothing if {@linkcode useThreadedWasm} was never called.
 *
 * @example Nothing to release
 * ```ts
 * import { releaseThreadedWasm } from "./wasm_threads.ts";
 * import assert from "node:assert/strict";
 *
 * assert.doesNotThrow(() => releaseThreadedWasm());
 * ```
 */
export function releaseThreadedWasm(): void {
  if (started === null || released) return;
  released = true;
  // The backend's dispose() calls Emscripten's PThread.terminateAllThreads().
  if ("wasm" in tf.engine().registryFactory) tf.removeBackend("wasm");
  for (const w of pthreadWorkers) w.terminate();
  pthreadWorkers.clear();
}

async function start(threads: number): Promise<number> {
  const os = (await import("node:os")).default;
  const realCpus = os.cpus;
  const fakeCore = { model: "", speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };
  const worker = Object.getOwnPropertyDescriptor(globalThis, "Worker")!;
  tf.env().set(FLAG, true);
  os.cpus = () => Array.from({ length: 2 * threads }, () => fakeCore);
  Object.defineProperty(globalThis, "Worker", { configurable: true, get: () => workerFacade, set() {} });
  try {
    if (!(await tf.setBackend("wasm"))) throw new Error("Cannot start the threaded wasm backend");
  } catch (e) {
    for (const w of pthreadWorkers) w.terminate();
    pthreadWorkers.clear();
    started = null;
    throw e;
  } finally {
    Object.defineProperty(globalThis, "Worker", worker);
    os.cpus = realCpus;
  }
  const backend = tf.engine().registry.wasm as unknown as { wasm: { tfjs: { getThreadsCount(): number } } };
  return backend.wasm.tfjs.getThreadsCount();
}

/**
 * Stands in for `globalThis.Worker` while the backend starts (Emscripten
 * calls it with `new`, which returns the object returned here).
 */
function workerFacade(url: string | URL, options?: WorkerOptions): object {
  // Not Emscripten's call: an ordinary Worker made meanwhile.
  if (options !== undefined || !String(url).startsWith("blob:")) return new DenoWorker(url, options);
  return new PthreadWorker(String(url));
}

/** The slice of Node's `worker_threads.Worker` that Emscripten uses. */
class PthreadWorker {
  onmessage: unknown = null;
  onerror: unknown = null;
  #worker!: Worker;
  #listeners: Record<string, ((x: unknown) => void)[]> = {};

  constructor(blobUrl: string) {
    this.#worker = new DenoWorker(pthreadScript, { type: "module" });
    pthreadWorkers.add(this.#worker);
    this.#worker.onmessage = (e) => this.#emit("message", e.data);
    this.#worker.onerror = (e) => {
      e.preventDefault();
      this.#emit("error", e);
    };
    this.#worker.postMessage({ tfjsWorkerScript: blobUrl });
  }

  on(event: string, listener: (x: unknown) => void): this {
    (this.#listeners[event] ??= []).push(listener);
    return this;
  }

  postMessage(data: unknown, transfer?: Transferable[]): void {
    this.#worker.postMessage(data, transfer ?? []);
  }

  terminate(): void {
    this.#worker.terminate();
    pthreadWorkers.delete(this.#worker);
  }

  ref(): void {}
  unref(): void {}

  #emit(event: string, x: unknown): void {
    for (const f of this.#listeners[event] ?? []) f(x);
  }
}
