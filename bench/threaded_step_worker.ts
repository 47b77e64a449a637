/// <reference lib="deno.worker" />
/**
 * Milliseconds per Adam step, and the module Worker that measures it on the
 * threaded wasm backend for `deno task bench`. A Worker is a realm with its
 * own tfjs, so the threaded backend can start there even when the caller's
 * backend is already single-threaded.
 *
 * As a Worker it takes one message, `{ threads, model, batch, count }`, and
 * answers `{ threads, ms_per_step }` or `{ error }` after releasing its pool;
 * the caller then terminates it.
 *
 * @module
 */
import { tf } from "../src/nn/tf.ts";
import { layerSizes, type ModelName } from "../src/nn/architectures.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { trainStep } from "../src/nn/train_step.ts";
import { createAdam } from "../src/nn/fused_adam.ts";
import { releaseThreadedWasm, useThreadedWasm } from "../src/nn/wasm_threads.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { helperThreadReady, lendCores, releaseCores } from "../src/nn/spare_cores.ts";

/**
 * Median milliseconds of one Adam step ({@linkcode trainStep}) of a model
 * with m = 60 inputs and d = 15 outputs, over `count` steps after a warm-up,
 * on whichever backend is active: with the optimiser `fit` takes there (the
 * fused one-kernel step on the single-threaded wasm build), or with
 * `ops: true` tfjs's Adam, op by op, as every step ran before the fused one.
 *
 * @param model `"nn"`, `"wnn"` or `"dnn"`.
 * @param batch Rows per step.
 * @param count Timed steps.
 * @param ops Time tfjs's op-by-op step instead.
 * @returns The median step time in milliseconds.
 *
 * @example A positive median on the single-threaded backend
 * ```ts
 * import { initBackend } from "../src/nn/backend.ts";
 * import { adamStepMs } from "./threaded_step_worker.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * assert.ok(adamStepMs("nn", 8, 2) > 0);
 * ```
 */
export function adamStepMs(model: ModelName, batch: number, count: number, ops = false): number {
  const net = new Mlp(layerSizes(model, 60, 15), 1);
  const rng = new Pcg32(2);
  const x = fillNormal(rng, new Float32Array(batch * 60));
  const y = fillNormal(rng, new Float32Array(batch * 15));
  const adam = ops ? tf.train.adam(1e-3, 0.9, 0.999, 1e-7) : createAdam(1e-3); // as fit() configures it
  for (let i = 0; i < Math.max(3, count / 10); i++) trainStep(net, adam, x, y);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    trainStep(net, adam, x, y);
    times.push(performance.now() - t0);
  }
  adam.dispose();
  net.dispose();
  times.sort((a, b) => a - b);
  return +times[Math.floor(times.length / 2)].toFixed(3);
}

/**
 * Median milliseconds of the fused Adam step on one core and on two, in one
 * loop: steps alternate between one thread and two (a core lent through a
 * count set to 0, then 1, see `lendCores`), so both medians come from the
 * same minutes of a machine whose pace drifts, and `ratio` is the median of
 * the paired ratios. Needs a running helper thread (`helperThreadReady`).
 *
 * @param model `"nn"`, `"wnn"` or `"dnn"`.
 * @param batch Rows per step.
 * @param pairs Timed pairs of steps.
 * @returns Both medians and the paired ratio one ÷ two.
 *
 * @example
 * ```ts
 * import { initBackend } from "../src/nn/backend.ts";
 * import { pairedCoresMs } from "./threaded_step_worker.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const t = await pairedCoresMs("nn", 8, 2);
 * assert.ok(t.oneCoreMs > 0 && t.twoCoresMs > 0);
 * ```
 */
export async function pairedCoresMs(
  model: ModelName,
  batch: number,
  pairs: number,
): Promise<{ oneCoreMs: number; twoCoresMs: number; ratio: number }> {
  const idle = new Int32Array(new SharedArrayBuffer(4));
  idle[0] = 1;
  lendCores(idle);
  try {
    if (!await helperThreadReady()) throw new Error("the helper thread did not start");
    const net = new Mlp(layerSizes(model, 60, 15), 1);
    const rng = new Pcg32(2);
    const x = fillNormal(rng, new Float32Array(batch * 60));
    const y = fillNormal(rng, new Float32Array(batch * 15));
    const adam = createAdam(1e-3);
    for (let i = 0; i < 3; i++) trainStep(net, adam, x, y);
    const one: number[] = [], two: number[] = [];
    for (let i = 0; i < pairs; i++) {
      for (const lent of [0, 1]) {
        idle[0] = lent;
        const t0 = performance.now();
        trainStep(net, adam, x, y);
        (lent ? two : one).push(performance.now() - t0);
      }
    }
    adam.dispose();
    net.dispose();
    const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
    return {
      oneCoreMs: +median(one).toFixed(3),
      twoCoresMs: +median(two).toFixed(3),
      ratio: +median(one.map((t, i) => t / two[i])).toFixed(2),
    };
  } finally {
    releaseCores();
  }
}

if (import.meta.main) {
  self.onmessage = async (
    e: MessageEvent<{ threads: number; model: ModelName; batch: number; count: number }>,
  ) => {
    const { model, batch, count } = e.data;
    let answer;
    try {
      const threads = await useThreadedWasm(e.data.threads);
      answer = { threads, ms_per_step: adamStepMs(model, batch, count) };
    } catch (err) {
      answer = { error: err instanceof Error ? err.message : String(err) };
    }
    releaseThreadedWasm();
    self.postMessage(answer);
  };
}
