import { trainKernelModule } from "../wasm/train_kernels.ts";
import { TwoThreadGradients } from "./two_thread_gradients.ts";

/** Steps smaller than this (batch rows × parameters) keep one thread: the copies and hand-overs would not pay. */
export const TWO_THREAD_MIN_WORK = 1 << 24;

let counter: Int32Array | undefined;
let two: TwoThreadGradients | undefined;

/**
 * Lends this realm's fused training step idle cores: a count shared with
 * other realms (an `Int32Array` on a `SharedArrayBuffer` whose word 0 is
 * the number of idle cores, as the grid runner's pool keeps it for its
 * workers), or a fixed number for this realm alone. A large enough step
 * ({@linkcode TWO_THREAD_MIN_WORK}) then borrows one core for a step
 * whenever one is idle and runs its products on two threads
 * ({@linkcode TwoThreadGradients}), with the same bytes as on one. The
 * helper thread is a Worker, which starts only while this realm's event
 * loop turns: `fit` starts it before training ({@linkcode prepareHelperThread});
 * a loop of your own over `trainStep` awaits {@linkcode helperThreadReady}
 * first. Nothing is lent until this is called.
 *
 * @param cores The shared count, or a number of cores (0 lends none).
 * @throws {RangeError} If `cores` is a negative or fractional number, or a view whose buffer is not shared.
 *
 * @example Lend one core, then take it back
 * ```ts
 * import { borrowCore, lendCores, releaseCores, returnCore } from "./spare_cores.ts";
 * import assert from "node:assert/strict";
 *
 * lendCores(1);
 * assert.equal(borrowCore(), true);
 * assert.equal(borrowCore(), false); // the only one is out
 * returnCore();
 * releaseCores();
 * assert.equal(borrowCore(), false);
 * ```
 */
export function lendCores(cores: Int32Array | number): void {
  if (typeof cores === "number") {
    if (!Number.isInteger(cores) || cores < 0) {
      throw new RangeError(`Cannot lend cores: expected a whole number of cores, got ${cores}`);
    }
    counter = new Int32Array(new SharedArrayBuffer(4));
    counter[0] = cores;
  } else {
    if (!(cores.buffer instanceof SharedArrayBuffer)) {
      throw new RangeError("Cannot lend cores: the count must live on a SharedArrayBuffer");
    }
    counter = cores;
  }
}

/**
 * Starts the helper thread of the two-thread step (once per realm) and
 * waits until it runs: steps borrow a core only once it does.
 *
 * @param timeoutMs How long to wait; default 10 s.
 * @returns Whether the helper is running (false when no core is lent, or it did not start in time).
 *
 * @example
 * ```ts
 * import { helperThreadReady, lendCores, releaseCores } from "./spare_cores.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await helperThreadReady(), false); // nothing lent
 * lendCores(1);
 * assert.equal(await helperThreadReady(), true);
 * releaseCores();
 * ```
 */
export async function helperThreadReady(timeoutMs = 10_000): Promise<boolean> {
  if (!counter) return false;
  two ??= new TwoThreadGradients(await trainKernelModule(true));
  const end = performance.now() + timeoutMs;
  while (!two.ready() && performance.now() < end) await new Promise((r) => setTimeout(r, 5));
  return two.ready();
}

/**
 * Starts the helper thread ahead of training whose steps are `work` (batch
 * rows × parameters) when cores are lent and such steps would borrow one,
 * and waits until it runs: {@linkcode fit} calls it, since a training loop
 * does not yield to the event loop, which a Worker needs to start.
 *
 * @param work Batch rows × parameters of the coming steps.
 * @returns Whether the helper runs (false at once when no core is lent or the steps are small).
 *
 * @example Small steps start nothing
 * ```ts
 * import { helperThread, lendCores, prepareHelperThread, releaseCores } from "./spare_cores.ts";
 * import assert from "node:assert/strict";
 *
 * lendCores(1);
 * assert.equal(await prepareHelperThread(64 * 57743), false); // the paper's NN at batch 64
 * assert.equal(helperThread(), undefined);
 * releaseCores();
 * ```
 */
export function prepareHelperThread(work: number): Promise<boolean> {
  return work < TWO_THREAD_MIN_WORK ? Promise.resolve(false) : helperThreadReady();
}

/**
 * The two-thread gradients of this realm, once {@linkcode helperThreadReady}
 * has started them.
 *
 * @returns Them, or `undefined`.
 *
 * @example None before a core is lent
 * ```ts
 * import { helperThread } from "./spare_cores.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(helperThread(), undefined);
 * ```
 */
export function helperThread(): TwoThreadGradients | undefined {
  return two;
}

/**
 * Takes one lent core if one is idle.
 *
 * @returns Whether a core was taken; give it back with {@linkcode returnCore}.
 *
 * @example Nothing is lent by default
 * ```ts
 * import { borrowCore } from "./spare_cores.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(borrowCore(), false);
 * ```
 */
export function borrowCore(): boolean {
  if (!counter) return false;
  for (;;) {
    const idle = Atomics.load(counter, 0);
    if (idle <= 0) return false;
    if (Atomics.compareExchange(counter, 0, idle, idle - 1) === idle) return true;
  }
}

/**
 * Gives back a core taken by {@linkcode borrowCore}.
 *
 * @example
 * ```ts
 * import { borrowCore, lendCores, releaseCores, returnCore } from "./spare_cores.ts";
 * import assert from "node:assert/strict";
 *
 * lendCores(1);
 * assert.ok(borrowCore());
 * returnCore();
 * assert.ok(borrowCore());
 * releaseCores();
 * ```
 */
export function returnCore(): void {
  if (counter) Atomics.add(counter, 0, 1);
}

/**
 * Lends no more cores and stops the helper thread, so that the process can
 * exit by itself (a running helper keeps it alive).
 *
 * @example
 * ```ts
 * import { lendCores, releaseCores } from "./spare_cores.ts";
 *
 * lendCores(1);
 * releaseCores();
 * ```
 */
export function releaseCores(): void {
  counter = undefined;
  two?.dispose();
  two = undefined;
}

/**
 * The two-thread gradients for a step of `work` (batch rows × parameters)
 * when it is large enough, a core is lent and idle, and the helper runs: the
 * core is then taken, and the caller gives it back with
 * {@linkcode returnCore} after the step.
 *
 * @param work Batch rows × parameters of the step.
 * @returns The helper's gradients, or `undefined` for one thread.
 */
export function borrowTwoThreads(work: number): TwoThreadGradients | undefined {
  if (work < TWO_THREAD_MIN_WORK || !two?.ready() || !borrowCore()) return undefined;
  return two;
}
