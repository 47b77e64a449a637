import { initBackend } from "../../src/nn/backend.ts";
import { tf } from "../../src/nn/tf.ts";
import { DenseClassifier } from "../../src/nn/dense_classifier.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { classifierGradients } from "../../src/syre/syre_trainer.ts";
import { jobTrainer } from "./_job_trainer.ts";
import { covarianceRank } from "../../src/syre/metrics.ts";
import { cachedImageDataset } from "./_image_data.ts";
import type { JobProgress } from "../../src/runner/serve_jobs.ts";

/** One curve of Figure 1: a two-layer ReLU net started with a fraction of identical hidden neurons. */
export interface CollapseJob {
  /** Dataset folder (MNIST format). */
  data: string;
  /** Training images used (the first this many). */
  trainImages: number;
  /** Hidden width. */
  hidden: number;
  /** Fraction of hidden neurons that start identical (0: an ordinary initialisation). */
  fraction: number;
  /** `"sgd"` or `"adam"`. */
  optimizer: "sgd" | "adam";
  /** `"vanilla"` (θ₀ = 0) or `"syre"`. */
  method: "vanilla" | "syre";
  /** Learning rate. */
  lr: number;
  /** Weight decay γ (both methods). */
  gamma: number;
  /** Relative σ₀ of syre (ignored by vanilla). */
  sigma: number;
  /** Gradient steps. */
  steps: number;
  /** Mini-batch size. */
  batch: number;
  /** Steps between two points of the curve. */
  every: number;
  /** Run seed: initial weights, θ₀ and batch order derive from it, shared by every cell. */
  seed: number;
}

/** A finished curve. */
export interface CollapseRow {
  /** Optimiser. */
  optimizer: string;
  /** Method. */
  method: string;
  /** Fraction of identical hidden neurons at the start. */
  fraction: number;
  /** Step at the end of each window. */
  steps: number[];
  /** Mean training cross-entropy over each window of `every` steps. */
  loss: number[];
  /** Rank of the hidden layer's post-ReLU covariance on 1,000 training images at the end (threshold 1e-4). */
  final_rank: number;
  /** Test accuracy at the end, on the first 2,000 test images. */
  test_accuracy: number;
  /** Wall-clock seconds. */
  seconds: number;
}

/**
 * Makes the first `round(fraction × hidden)` hidden neurons identical to
 * neuron 0, incoming weights, bias and outgoing weights alike: a point on the
 * permutation-symmetric subspace, which vanilla gradient descent cannot leave.
 *
 * @param net A `[in, hidden, out]` classifier, changed in place.
 * @param fraction The fraction of identical neurons.
 * @returns How many neurons were tied (0 or at least 2).
 *
 * @example Half of four neurons tied
 * ```ts
 * import { initBackend } from "../../src/nn/backend.ts";
 * import { DenseClassifier } from "../../src/nn/dense_classifier.ts";
 * import { collapseHidden } from "./collapse_job.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const net = new DenseClassifier([3, 4, 2], 1);
 * assert.equal(collapseHidden(net, 0.5), 2);
 * const w = net.weights[0].arraySync();
 * assert.deepEqual(w.map((r) => r[1]), w.map((r) => r[0]));
 * assert.notDeepEqual(w.map((r) => r[2]), w.map((r) => r[0]));
 * net.dispose();
 * ```
 */
export function collapseHidden(net: DenseClassifier, fraction: number): number {
  const [inDim, hidden, outDim] = net.sizes;
  const tied = Math.round(fraction * hidden);
  if (tied < 2) return 0;
  const w1 = net.weights[0].dataSync().slice(), b1 = net.biases[0].dataSync().slice();
  const w2 = net.weights[1].dataSync().slice();
  for (let j = 1; j < tied; j++) {
    for (let i = 0; i < inDim; i++) w1[i * hidden + j] = w1[i * hidden];
    b1[j] = b1[0];
    for (let k = 0; k < outDim; k++) w2[j * outDim + k] = w2[k];
  }
  net.weights[0].assign(tf.tensor2d(w1, [inDim, hidden]));
  net.biases[0].assign(tf.tensor1d(b1));
  net.weights[1].assign(tf.tensor2d(w2, [hidden, outDim]));
  return tied;
}

/**
 * Trains one curve of Figure 1: the network starts collapsed (see
 * {@linkcode collapseHidden}), then SGD or Adam runs on the cross-entropy
 * with weight decay γ, with θ₀ = 0 (vanilla) or θ₀ ~ N(0, σ₀²) (syre). The
 * initial weights and the batch order are the same for every cell of a seed.
 *
 * @param job The cell.
 * @param progress Called after each window with its mean loss.
 * @returns The loss curve, final rank and test accuracy.
 *
 * @example Half the neurons tied: vanilla keeps them one, syre separates them
 * ```ts
 * import { runCollapseJob } from "./collapse_job.ts";
 * import assert from "node:assert/strict";
 *
 * const job = {
 *   data: new URL("../../fixtures/idx", import.meta.url).pathname, trainImages: 100, hidden: 8,
 *   fraction: 0.5, optimizer: "sgd" as const, method: "vanilla" as const, lr: 0.1, gamma: 1e-3, sigma: 0,
 *   steps: 30, batch: 20, every: 10, seed: 1,
 * };
 * const vanilla = await runCollapseJob(job, () => {});
 * assert.deepEqual(vanilla.steps, [10, 20, 30]);
 * assert.ok(vanilla.final_rank <= 5); // 8 neurons, 4 of them one
 * const syre = await runCollapseJob({ ...job, method: "syre", sigma: 0.01 }, () => {});
 * assert.ok(syre.final_rank > vanilla.final_rank);
 * ```
 */
export async function runCollapseJob(job: CollapseJob, progress: JobProgress): Promise<CollapseRow> {
  const started = performance.now();
  await initBackend();
  const data = await cachedImageDataset(job.data, job.trainImages, 2000);
  const { train, test } = data;
  const dim = train.height * train.width;
  const net = new DenseClassifier([dim, job.hidden, 10], deriveSeed(job.seed, "collapse:init"));
  collapseHidden(net, job.fraction);
  const trainer = jobTrainer(net.variables, {
    tag: "collapse",
    job,
    optimizer: job.optimizer === "sgd" ? tf.train.sgd(job.lr) : tf.train.adam(job.lr),
    rows: train.count,
  });
  const steps: number[] = [], loss: number[] = [];
  let window = 0;
  trainer.train({
    steps: job.steps,
    gradients: classifierGradients(net, { images: train.images, labels: train.labels, dim }),
    onStep: (s, g) => {
      window += g.loss;
      if (s % job.every === 0 || s === job.steps) {
        const n = s % job.every === 0 ? job.every : s % job.every;
        steps.push(s);
        loss.push(window / n);
        progress({ epoch: steps.length, valLoss: window / n });
        window = 0;
      }
    },
  });
  const probe = Math.min(1000, train.count);
  const { post } = net.firstLayer(train.images.subarray(0, probe * dim), probe);
  const row: CollapseRow = {
    optimizer: job.optimizer,
    method: job.method,
    fraction: job.fraction,
    steps,
    loss,
    final_rank: covarianceRank(post, probe, job.hidden, 1e-4),
    test_accuracy: net.evaluate(test.images, test.labels, test.count).accuracy,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
  trainer.dispose();
  net.dispose();
  return row;
}
