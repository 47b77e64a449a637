import { squareProblem } from "../../src/forward/square.ts";
import { learnCell } from "../../src/learn/learn_cell.ts";
import type { EpochInfo } from "../../src/nn/fit.ts";
import type { BackendName } from "../../src/nn/backend.ts";
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
  const problem = squareProblem();
  const x = problem.sample(samples, seed);
  return { x, y: problem.forward(x) };
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
  const { samples, variant, epochs, batch, learningRate, patience } = job;
  const seeds = {
    dataset: job.seed,
    init: deriveSeed(job.seed, "sqrt:init"),
    batches: deriveSeed(job.seed, "sqrt:batches"),
  };
  const cell = await learnCell(
    squareProblem(),
    {
      samples,
      model: "nn",
      variant,
      seeds,
      epochs,
      batch,
      learningRate,
      patience,
      k: 5,
      backend: job.backend,
      probe: Float32Array.from(job.curveInputs),
    },
    onEpoch,
  );
  return {
    variant,
    symmetry_breaking: variant === "A" ? "yes" : "no",
    error: cell.meanOrbitDistance,
    samples,
    epochs: cell.epochs,
    best_epoch: cell.bestEpoch,
    train_seconds: Math.round(cell.seconds * 100) / 100,
    seed: job.seed,
    curve: [...cell.probe!],
  };
}
