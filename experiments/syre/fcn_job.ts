import { initBackend } from "../../src/nn/backend.ts";
import { tf } from "../../src/nn/tf.ts";
import { DenseClassifier } from "../../src/nn/dense_classifier.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { classifierGradients } from "../../src/syre/syre_trainer.ts";
import { jobTrainer } from "./_job_trainer.ts";
import { covarianceRank } from "../../src/syre/metrics.ts";
import { cachedImageDataset } from "./_image_data.ts";
import type { JobProgress } from "../../src/runner/serve_jobs.ts";

/** One point of Figure 5: a four-layer fully connected net trained at one (γ, α), vanilla or syre. */
export interface FcnJob {
  /** Dataset folder (MNIST format). */
  data: string;
  /** Training images used (the first this many). */
  trainImages: number;
  /** Test images used (the first this many). */
  testImages: number;
  /** Hidden width of each of the three hidden layers. */
  width: number;
  /** Weight decay γ. */
  gamma: number;
  /** Input scale α: every pixel is multiplied by it, in training and test alike. */
  alpha: number;
  /** `"vanilla"` (θ₀ = 0) or `"syre"`. */
  method: "vanilla" | "syre";
  /** Relative σ₀ of syre (ignored by vanilla). */
  sigma: number;
  /** SGD learning rate. */
  lr: number;
  /** Gradient steps. */
  steps: number;
  /** Mini-batch size. */
  batch: number;
  /** Steps between two progress reports. */
  every: number;
  /** Images whose first-layer covariance is ranked (the paper's 1,000). */
  probe: number;
  /** Eigenvalues of the covariance divided by α² below this count as zero (the paper's 1e-4). */
  threshold: number;
  /** Run seed: initial weights, θ₀ and batch order derive from it, shared by every cell. */
  seed: number;
}

/** A finished point of Figure 5. */
export interface FcnRow {
  /** Method. */
  method: string;
  /** Weight decay γ. */
  gamma: number;
  /** Input scale α. */
  alpha: number;
  /** Accuracy on the training images used. */
  train_accuracy: number;
  /** Accuracy on the test images used. */
  test_accuracy: number;
  /** Mean training cross-entropy over the last tenth of the steps. */
  train_loss: number;
  /** Rank of the first layer's pre-activation covariance (divided by α²). */
  rank_pre: number;
  /** Rank of the first layer's post-ReLU covariance (divided by α²). */
  rank_post: number;
  /** Wall-clock seconds. */
  seconds: number;
}

/**
 * Trains one point of Figure 5: `[784, width, width, width, 10]` ReLU net,
 * inputs multiplied by α, plain SGD on the cross-entropy plus γ‖θ‖²
 * (vanilla) or γ‖θ − θ₀‖² around φ = θ + θ₀ (syre). The initial weights and
 * the batch order are the same for every cell of a seed, so the cells differ
 * only in γ, α and θ₀.
 *
 * @param job The cell.
 * @param progress Called every `job.every` steps with the window's mean loss.
 * @returns Accuracies, the final loss and the first-layer ranks.
 *
 * @example A tiny network on the project's fixture; γ = 1 pulls vanilla onto θ = 0
 * ```ts
 * import { runFcnJob } from "./fcn_job.ts";
 * import assert from "node:assert/strict";
 *
 * const job = {
 *   data: new URL("../../fixtures/idx", import.meta.url).pathname, trainImages: 100, testImages: 40,
 *   width: 8, gamma: 1, alpha: 1, method: "vanilla" as const, sigma: 0, lr: 0.3, steps: 100, batch: 20,
 *   every: 10, probe: 100, threshold: 1e-4, seed: 1,
 * };
 * const row = await runFcnJob(job, () => {});
 * assert.equal(row.rank_pre, 0);
 * assert.ok(row.train_accuracy <= 0.15);
 * const syre = await runFcnJob({ ...job, method: "syre", sigma: 1 }, () => {});
 * assert.ok(syre.rank_pre > 0);
 * ```
 */
export async function runFcnJob(job: FcnJob, progress: JobProgress): Promise<FcnRow> {
  const started = performance.now();
  await initBackend();
  const { train, test } = await cachedImageDataset(job.data, job.trainImages, job.testImages);
  const dim = train.height * train.width;
  const scale = (x: Float32Array) => job.alpha === 1 ? x : x.map((v) => v * job.alpha);
  const trainX = scale(train.images), testX = scale(test.images);
  const net = new DenseClassifier(
    [dim, job.width, job.width, job.width, 10],
    deriveSeed(job.seed, "fcn:init"),
  );
  const trainer = jobTrainer(net.variables, {
    tag: "fcn",
    job,
    optimizer: tf.train.sgd(job.lr),
    rows: train.count,
  });
  const tail = Math.max(1, Math.round(job.steps / 10));
  let window = 0, tailLoss = 0;
  trainer.train({
    steps: job.steps,
    gradients: classifierGradients(net, { images: trainX, labels: train.labels, dim }),
    onStep: (s, g) => {
      if (!Number.isFinite(g.loss)) throw new RangeError(`Training diverged at step ${s}: lower --lr`);
      window += g.loss;
      if (s > job.steps - tail) tailLoss += g.loss;
      if (s % job.every === 0) {
        progress({ epoch: s / job.every, valLoss: window / job.every });
        window = 0;
      }
    },
  });
  const probe = Math.min(job.probe, train.count);
  const { pre, post } = net.firstLayer(trainX.subarray(0, probe * dim), probe);
  // The paper ranks the covariance divided by α²: the same as comparing the raw eigenvalues with threshold·α².
  const threshold = job.threshold * job.alpha * job.alpha;
  const row: FcnRow = {
    method: job.method,
    gamma: job.gamma,
    alpha: job.alpha,
    train_accuracy: net.evaluate(trainX, train.labels, train.count).accuracy,
    test_accuracy: net.evaluate(testX, test.labels, test.count).accuracy,
    train_loss: tailLoss / tail,
    rank_pre: covarianceRank(pre, probe, job.width, threshold),
    rank_post: covarianceRank(post, probe, job.width, threshold),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
  trainer.dispose();
  net.dispose();
  return row;
}
