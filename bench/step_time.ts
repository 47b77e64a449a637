/**
 * Milliseconds per Adam step as {@linkcode fit} takes it, on whichever
 * backend is active: the data set on the device, each step's batch gathered
 * there, nothing read back between steps. On a GPU the steps are only
 * queued, so the time is the wall time of `count` steps ended by one
 * awaited read, divided by `count`.
 *
 * @module
 */
import { tf } from "../src/nn/tf.ts";
import type { Tensor1D, Tensor2D } from "../src/nn/tf.ts";
import { layerSizes, type ModelName } from "../src/nn/architectures.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { trainStep } from "../src/nn/train_step.ts";
import { createAdam } from "../src/nn/fused_adam.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";

/** What {@linkcode deviceStepMs} times. */
export interface StepTimeJob {
  /** `"nn"`, `"wnn"` or `"dnn"`, with m = 60 inputs and d = 15 outputs (n = 15, real). */
  model: ModelName;
  /** Rows per step. */
  batch: number;
  /** Most timed steps, after a warm-up of 3. */
  count: number;
  /**
   * Milliseconds the timed steps should take: fewer than `count` are timed
   * when the warm-up shows they would take longer (at least 3). Default: no limit.
   */
  budgetMs?: number;
  /** Rows of the device-resident data set the batches are gathered from; default 8192. */
  rows?: number;
}

/**
 * Mean milliseconds of one Adam step, batches gathered on the device.
 *
 * @param job Model, batch and step count.
 * @returns Milliseconds per step (three decimals) and the steps timed.
 *
 * @example On the wasm backend
 * ```ts
 * import { initBackend } from "../src/nn/backend.ts";
 * import { deviceStepMs } from "./step_time.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const { msPerStep, steps } = await deviceStepMs({ model: "nn", batch: 8, count: 4, budgetMs: 1e4 });
 * assert.ok(msPerStep > 0 && steps >= 3 && steps <= 4);
 * ```
 */
export async function deviceStepMs(job: StepTimeJob): Promise<{ msPerStep: number; steps: number }> {
  const { model, batch, count } = job;
  const rows = Math.max(batch, job.rows ?? 8192);
  const net = new Mlp(layerSizes(model, 60, 15), 1);
  const rng = new Pcg32(2);
  const x = tf.tensor2d(fillNormal(rng, new Float32Array(rows * 60)), [rows, 60]);
  const y = tf.tensor2d(fillNormal(rng, new Float32Array(rows * 15)), [rows, 15]);
  const order = tf.tensor1d(Int32Array.from({ length: rows }, (_, i) => (i * 7919) % rows), "int32");
  const adam = createAdam(1e-3); // as fit() configures it
  let start = 0;
  const steps = async (k: number) => {
    for (let i = 0; i < k; i++) {
      if (start + batch > rows) start = 0;
      const ids = tf.slice(order, start, batch) as Tensor1D;
      const bx = tf.gather(x, ids) as Tensor2D, by = tf.gather(y, ids) as Tensor2D;
      trainStep(net, adam, bx, by);
      tf.dispose([ids, bx, by]);
      start += batch;
    }
    await net.biases[net.biases.length - 1].data(); // waits for the queued steps
  };
  try {
    const w0 = performance.now();
    await steps(3);
    const warmMs = (performance.now() - w0) / 3;
    const timed = Math.max(3, Math.min(count, Math.floor((job.budgetMs ?? Infinity) / warmMs)));
    const t0 = performance.now();
    await steps(timed);
    return { msPerStep: +((performance.now() - t0) / timed).toFixed(3), steps: timed };
  } finally {
    adam.dispose();
    tf.dispose([x, y, order]);
    net.dispose();
  }
}
