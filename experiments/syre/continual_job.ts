import { initBackend } from "../../src/nn/backend.ts";
import { tf } from "../../src/nn/tf.ts";
import { SmallCnn } from "../../src/nn/small_cnn.ts";
import { Pcg32 } from "../../src/random/pcg32.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { classifierGradients } from "../../src/syre/syre_trainer.ts";
import { jobTrainer } from "./_job_trainer.ts";
import { covarianceRank } from "../../src/syre/metrics.ts";
import { cachedImageDataset } from "./_image_data.ts";
import type { JobProgress } from "../../src/runner/serve_jobs.ts";

/** Settings of `syre:continual` beyond the shared flags. */
export interface ContinualSettings {
  /** Training images (the first this many). */
  trainImages: number;
  /** Test images (the first this many). */
  testImages: number;
  /** Number of tasks. */
  tasks: number;
  /** SGD steps per task. */
  stepsPerTask: number;
  /** Mini-batch size. */
  batch: number;
  /** SGD learning rate. */
  lr: number;
  /** Weight decay γ in γ‖θ‖². */
  gamma: number;
  /** Relative σ₀ of syre. */
  sigma: number;
}

/**
 * One curve of Figure 8: a small CNN trained on permuted-pixel tasks one after another. Task 1 is the
 * original images, every later task a fixed random pixel permutation; `gamma` is γ in γ‖θ‖² (PyTorch's
 * weight_decay is 2γ) and `sigma` is ignored by vanilla.
 */
export interface ContinualJob extends ContinualSettings {
  /** Dataset folder (MNIST format, 28×28 images). */
  data: string;
  /** `"vanilla"` (θ₀ = 0) or `"syre"`. */
  method: "vanilla" | "syre";
  /** Test images on which the rank of the convolution output is measured. */
  rankImages: number;
  /** Eigenvalues of that covariance below this count as zero. */
  rankThreshold: number;
  /** Run seed: initial weights, permutations, θ₀ and batch order derive from it. */
  seed: number;
}

/** A finished curve: one entry per task, measured right after training on it. */
export interface ContinualRow {
  /** Method. */
  method: string;
  /** Task numbers, 1 to `tasks`. */
  task: number[];
  /** Test accuracy on the task just trained. */
  accuracy: number[];
  /** Rank of the flattened convolution output (320 features) on the task's test images. */
  rank: number[];
  /** Mean training cross-entropy over the task's last quarter of steps. */
  loss: number[];
  /** Wall-clock seconds. */
  seconds: number;
}

/**
 * The pixel permutation of task `task` (1-based): the identity for task 1,
 * a seeded uniform shuffle of `0 … pixels − 1` for every later task.
 *
 * @param seed Run seed.
 * @param task Task number, from 1.
 * @param pixels Pixels per image.
 * @returns `perm`, where pixel `i` of a permuted image is pixel `perm[i]` of the original.
 *
 * @example
 * ```ts
 * import { taskPermutation } from "./continual_job.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([...taskPermutation(1, 1, 4)], [0, 1, 2, 3]);
 * assert.deepEqual([...taskPermutation(1, 2, 4)].sort(), [0, 1, 2, 3]);
 * assert.deepEqual(taskPermutation(1, 2, 50), taskPermutation(1, 2, 50));
 * ```
 */
export function taskPermutation(seed: number, task: number, pixels: number): Uint32Array {
  const perm = Uint32Array.from({ length: pixels }, (_, i) => i);
  if (task <= 1) return perm;
  const rng = new Pcg32(deriveSeed(seed, `continual:perm:${task}`));
  for (let i = pixels - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return perm;
}

/**
 * Applies a pixel permutation to every image of a row-major block.
 *
 * @param images `count × perm.length`, row-major.
 * @param perm From {@linkcode taskPermutation}.
 * @returns A new block of the same size.
 *
 * @example
 * ```ts
 * import { permutePixels } from "./continual_job.ts";
 * import assert from "node:assert/strict";
 *
 * const out = permutePixels(new Float32Array([1, 2, 3, 4, 5, 6]), Uint32Array.from([2, 0, 1]));
 * assert.deepEqual([...out], [3, 1, 2, 6, 4, 5]);
 * ```
 */
export function permutePixels(images: Float32Array, perm: Uint32Array): Float32Array {
  const dim = perm.length, out = new Float32Array(images.length);
  for (let r = 0; r < images.length; r += dim) {
    for (let i = 0; i < dim; i++) out[r + i] = images[r + perm[i]];
  }
  return out;
}

/**
 * Trains one curve of Figure 8: a {@linkcode SmallCnn} learns task after
 * task with SGD and weight decay γ, with θ₀ = 0 (vanilla) or θ₀ ~ N(0, σ₀²)
 * (syre); after each task it records the test accuracy on that task and the
 * rank of the convolution output's covariance. Both methods share the
 * initial weights, permutations and batch order of a seed.
 *
 * @param job The cell.
 * @param progress Called after each task with its final training loss.
 * @returns The per-task curves.
 *
 * @example Two tasks of two steps on the project's fixture
 * ```ts
 * import { runContinualJob } from "./continual_job.ts";
 * import assert from "node:assert/strict";
 *
 * const row = await runContinualJob({
 *   data: new URL("../../fixtures/idx", import.meta.url).pathname, trainImages: 100, testImages: 40,
 *   tasks: 2, stepsPerTask: 2, batch: 10, lr: 0.1, gamma: 0.005, method: "syre", sigma: 0.01,
 *   rankImages: 40, rankThreshold: 1e-4, seed: 1,
 * }, () => {});
 * assert.deepEqual(row.task, [1, 2]);
 * assert.ok(row.accuracy.every((a) => a >= 0 && a <= 1));
 * ```
 */
export async function runContinualJob(job: ContinualJob, progress: JobProgress): Promise<ContinualRow> {
  const started = performance.now();
  await initBackend();
  const { train, test } = await cachedImageDataset(job.data, job.trainImages, job.testImages);
  const dim = train.height * train.width;
  if (dim !== 784) {
    throw new RangeError(`Cannot train the small CNN: images must be 28×28, got ${dim} pixels`);
  }
  const net = new SmallCnn(deriveSeed(job.seed, "continual:init"));
  const trainer = jobTrainer(net.variables, {
    tag: "continual",
    job,
    optimizer: tf.train.sgd(job.lr),
    rows: train.count,
  });
  const row: ContinualRow = { method: job.method, task: [], accuracy: [], rank: [], loss: [], seconds: 0 };
  const tail = Math.max(1, Math.floor(job.stepsPerTask / 4));
  for (let t = 1; t <= job.tasks; t++) {
    const perm = taskPermutation(job.seed, t, dim);
    const trainX = permutePixels(train.images, perm), testX = permutePixels(test.images, perm);
    let window = 0;
    trainer.train({
      steps: job.stepsPerTask,
      gradients: classifierGradients(net, { images: trainX, labels: train.labels, dim }),
      onStep: (s, g) => {
        if (s > job.stepsPerTask - tail) window += g.loss;
      },
    });
    const probe = Math.min(job.rankImages, test.count);
    const ev = net.evaluate(testX, test.labels, test.count, probe);
    row.task.push(t);
    row.accuracy.push(ev.accuracy);
    row.rank.push(covarianceRank(ev.features, probe, 320, job.rankThreshold));
    row.loss.push(window / tail);
    progress({ epoch: t, valLoss: window / tail });
  }
  row.seconds = Math.round((performance.now() - started) / 10) / 100;
  trainer.dispose();
  net.dispose();
  return row;
}
