import type { TrainKernelExports } from "../wasm/train_kernels.ts";
import {
  ARG_BYTE,
  ARGS,
  DONE,
  FAILED,
  NEXT,
  READY,
  runChunks,
  SEQ,
  STATE,
} from "./_kernel_helper_protocol.ts";

/** The 15 arguments of the training kernels' `gemm`, in its order (see `TrainKernelExports.gemm`). */
export type GemmArgs = Parameters<TrainKernelExports["gemm"]>;

/**
 * A second thread for the training kernels: a module Worker with its own
 * instance of their shared-memory build (`train_simd_shared.wasm`) on a
 * shared memory. {@linkcode KernelHelper.gemm} runs one product on both
 * threads: its output rows in chunks, each claimed by whichever thread is
 * free (a quarter of the rows left each time), so a thread on a slower or
 * busier core simply takes fewer. Calls
 * cross through shared control words (`Atomics.wait`/`notify`), never
 * through the event loop, so a synchronous kernel can use it.
 *
 * The Worker starts in the background: {@linkcode KernelHelper.ready} says
 * when it can take calls. It keeps the process alive until
 * {@linkcode KernelHelper.dispose}.
 *
 * @example A product on two threads
 * ```ts
 * import { KernelHelper } from "./kernel_helper.ts";
 * import { trainKernelModule, trainKernels } from "../wasm/train_kernels.ts";
 * import assert from "node:assert/strict";
 *
 * const memory = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
 * const helper = new KernelHelper(memory, await trainKernelModule(true));
 * while (!helper.ready()) await new Promise((r) => setTimeout(r, 5));
 * const f = new Float32Array(memory.buffer);
 * f.set([1, 2, 3, 4], 0); // A, 2 × 2
 * f.set([1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], 16); // B = I as one 2 × 8 panel
 * // C (2 × 8 at byte 128) = A·B, one row per chunk
 * helper.gemm([0, 2, 1, 0, 0, 0, 64, 128, 8, 2, 8, 2, 0, 0, 0], 1, 0, await trainKernels(memory));
 * assert.deepEqual([...f.subarray(32, 34), ...f.subarray(40, 42)], [1, 2, 3, 4]);
 * helper.dispose();
 * ```
 */
export class KernelHelper {
  /** The memory both threads work on. */
  readonly memory: WebAssembly.Memory;
  #worker: Worker | undefined;
  #ctl: Int32Array;
  #args: Float64Array;
  #seq = 0;
  #failed = false;

  /**
   * Starts the helper's Worker (read permission on `src`, or net permission
   * when imported by URL).
   *
   * @param memory A shared memory.
   * @param module The shared-memory build of the training kernels (`trainKernelModule(true)`).
   * @throws {TypeError} If `memory` is not shared.
   */
  constructor(memory: WebAssembly.Memory, module: WebAssembly.Module) {
    if (!(memory.buffer instanceof SharedArrayBuffer)) {
      throw new TypeError("Cannot start a kernel helper: its memory must be shared");
    }
    this.memory = memory;
    const control = new SharedArrayBuffer(ARG_BYTE + 8 * ARGS);
    this.#ctl = new Int32Array(control, 0, ARG_BYTE / 4);
    this.#args = new Float64Array(control, ARG_BYTE, ARGS);
    const worker = new Worker(new URL("./_kernel_helper_worker.ts", import.meta.url), { type: "module" });
    worker.onerror = (e) => {
      e.preventDefault();
      this.#failed = true;
    };
    worker.postMessage({ module, memory, control });
    this.#worker = worker;
  }

  /**
   * Whether the helper can take calls: its Worker has started and
   * instantiated the kernels, and none of its calls has failed.
   *
   * @returns `true` once it is running.
   */
  ready(): boolean {
    return this.#worker !== undefined && !this.#failed && Atomics.load(this.#ctl, STATE) === READY;
  }

  /**
   * Runs one `gemm` on both threads and returns when it is done: rows in
   * chunks of at least `least` rows, this thread's with `kernels` and `args`'s A-block
   * copy, the helper's with its own `apack`. A chunk gives the same bytes on
   * either thread (each output element is computed by one thread, in one
   * order); only the time depends on who takes what.
   *
   * @param args `gemm`'s arguments, pointers into {@linkcode KernelHelper.memory}.
   * @param least The fewest rows a chunk has (a multiple of 6 keeps gemm's widest tile).
   * @param apack The helper's A-block copy (room as `args`'s), 0 when `args` has none.
   * @param kernels This thread's kernels on the same memory.
   * @returns How many of the rows this thread ran (the helper ran the rest).
   * @throws {Error} If the helper is not {@linkcode KernelHelper.ready}, or it failed during the call
   *   (a trap, such as an access out of the memory's bounds; it takes no calls after).
   */
  gemm(args: GemmArgs, least: number, apack: number, kernels: TrainKernelExports): number {
    if (!this.ready()) throw new Error("Cannot call the kernel helper: it is not running");
    this.#args.set(args);
    this.#args[15] = least;
    this.#args[16] = apack;
    Atomics.store(this.#ctl, NEXT, 0);
    Atomics.store(this.#ctl, SEQ, ++this.#seq);
    Atomics.notify(this.#ctl, SEQ);
    let ran = 0, failure: unknown;
    try {
      ran = runChunks(kernels, this.#ctl, this.#args, args[14]);
    } catch (e) {
      failure = e; // the helper may still be running rows: wait for it first
    }
    this.#wait();
    if (failure !== undefined) throw failure;
    return ran;
  }

  /** Blocks until the helper has finished the current call. */
  #wait(): void {
    for (;;) {
      const done = Atomics.load(this.#ctl, DONE);
      if (done === this.#seq) break;
      Atomics.wait(this.#ctl, DONE, done, 1000);
      if (this.#failed || this.#worker === undefined) {
        throw new Error("The kernel helper stopped during a call");
      }
    }
    if (Atomics.load(this.#ctl, STATE) === FAILED) {
      this.#failed = true;
      throw new Error("The kernel helper's gemm failed (a trap on the helper thread)");
    }
  }

  /** Stops the Worker; the helper takes no calls after. Safe to call twice. */
  dispose(): void {
    if (!this.#worker) return;
    Atomics.store(this.#ctl, SEQ, -1);
    Atomics.notify(this.#ctl, SEQ);
    this.#worker.terminate();
    this.#worker = undefined;
  }
}
