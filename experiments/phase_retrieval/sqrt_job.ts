import { splitDataset } from "../../src/data/split.ts";
import { layerSizes } from "../../src/nn/architectures.ts";
import { type BackendName, initBackend } from "../../src/nn/backend.ts";
import { type EpochInfo, fit } from "../../src/nn/fit.ts";
import { Mlp } from "../../src/nn/mlp.ts";
import { Pcg32 } from "../../src/random/pcg32.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import type { Variant } from "./pr_job.ts";

/** Learning the square root (Fig. 2): one network, trained on x (B) or on |x| (A, symmetry broken). */
export interface SqrtJob {
  /** `"A"`: targets |x| (the sign symmetry broken); `"B"`: targets x. */
  variant: Variant;
  /** Pairs (x, x²) drawn, x uniform in [−1, 1]; split like the PR tables. */
  samples: number;
  /** Run seed. */
  seed: number;
  /** Most epochs. */
  epochs: number;
  /** Mini-batch size. */
  batch: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Early-stopping patience. */
  patience: number;
  /** Inputs at which the learned curve is recorded, in [0, 1]. */
  curveInputs: number[];
  /** The tfjs backend; absent: wasm, and cell keys stay as before. */
  backend?: BackendName;
}

/** A finished square-root job. */
export interface SqrtRow {
  /** `"A"` or `"B"`. */
  variant: Variant;
  /** `"yes"` for A, `"no"` for B. */
  symmetry_breaking: "yes" | "no";
  /** Test MSE rectified for the sign: mean of min((x̂ − x)², (x̂ + x)²) (formula (4.1) with n = 1). */
  error: number;
  /** Pairs drawn. */
  samples: number;
  /** Epochs run. */
  epochs: number;
  /** Epoch whose weights were kept. */
  best_epoch: number;
  /** Wall seconds of training. */
  train_seconds: number;
  /** Run seed. */
  seed: number;
  /** The network's output at each of the job's `curveInputs`. */
  curve: number[];
}

/**
 * The square-root dataset: x uniform in [−1, 1], the measurement x². Both
 * variants of a seed see the same pairs.
 *
 * @param samples Number of pairs.
 * @param seed Run seed.
 * @returns Signals `x` and measurements `y = x²`.
 *
 * @example
 * ```ts
 * import { sqrtDataset } from "./sqrt_job.ts";
 * import assert from "node:assert/strict";
 *
 * const { x, y } = sqrtDataset(100, 1);
 * assert.ok(x.some((v) => v < 0) && x.some((v) => v > 0));
 * assert.ok(Math.abs(y[7] - x[7] ** 2) < 1e-7);
 * ```
 */
export function sqrtDataset(samples: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rng = new Pcg32(deriveSeed(seed, `sqrt:samples=${samples}`));
  const x = Float32Array.from({ length: samples }, () => 2 * rng.nextFloat() - 1);
  return { x, y: x.map((v) => v * v) };
}

/**
 * Trains the paper's NN (hidden 256, 128, 64) to invert x ↦ x² and reports
 * its sign-rectified test error and learned curve.
 *
 * @param job What to run.
 * @param onEpoch Progress callback.
 * @returns The finished row.
 *
 * @example Breaking the symmetry makes the square root learnable
 * ```ts
 * import { runSqrtJob } from "./sqrt_job.ts";
 * import assert from "node:assert/strict";
 *
 * const job = { samples: 600, seed: 1, epochs: 30, batch: 32, learningRate: 3e-3, patience: 10, curveInputs: [0.25] };
 * const a = await runSqrtJob({ ...job, variant: "A" }), b = await runSqrtJob({ ...job, variant: "B" });
 * assert.ok(a.error < 0.02 && b.error > 0.1, `A ${a.error}, B ${b.error}`);
 * assert.ok(Math.abs(a.curve[0] - 0.5) < 0.1);
 * ```
 */
export async function runSqrtJob(job: SqrtJob, onEpoch?: (info: EpochInfo) => void): Promise<SqrtRow> {
  await initBackend({ backend: job.backend });
  const data = sqrtDataset(job.samples, job.seed);
  const targets = job.variant === "A" ? data.x.map(Math.abs) : data.x;
  const split = splitDataset(data.y, targets, job.samples);
  const testX = splitDataset(data.y, data.x, job.samples).test.y;
  const net = new Mlp(layerSizes("nn", 1, 1), deriveSeed(job.seed, "sqrt:init"));
  const started = performance.now();
  try {
    const result = await fit(net, {
      x: split.train.x,
      y: split.train.y,
      valX: split.val.x,
      valY: split.val.y,
      seed: deriveSeed(job.seed, "sqrt:batches"),
      epochs: job.epochs,
      batch: job.batch,
      learningRate: job.learningRate,
      patience: job.patience,
      backend: job.backend,
      onEpoch,
    });
    const seconds = (performance.now() - started) / 1000;
    const pred = await net.predictAsync(split.test.x, split.test.rows);
    let sum = 0;
    for (let i = 0; i < pred.length; i++) {
      sum += Math.min((pred[i] - testX[i]) ** 2, (pred[i] + testX[i]) ** 2);
    }
    const curve = await net.predictAsync(Float32Array.from(job.curveInputs), job.curveInputs.length);
    return {
      variant: job.variant,
      symmetry_breaking: job.variant === "A" ? "yes" : "no",
      error: sum / pred.length,
      samples: job.samples,
      epochs: result.epochs,
      best_epoch: result.bestEpoch,
      train_seconds: Math.round(seconds * 100) / 100,
      seed: job.seed,
      curve: [...curve],
    };
  } finally {
    net.dispose();
  }
}
