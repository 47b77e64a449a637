import { initBackend } from "../../src/nn/backend.ts";
import { tf } from "../../src/nn/tf.ts";
import { Vae } from "../../src/nn/vae.ts";
import { gatherRows } from "../../src/data/mini_batches.ts";
import { Pcg32 } from "../../src/random/pcg32.ts";
import { fillNormal } from "../../src/random/normal.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { jobTrainer } from "./_job_trainer.ts";
import { covarianceRank } from "../../src/syre/metrics.ts";
import { cachedImageDataset } from "./_image_data.ts";
import type { JobProgress } from "../../src/runner/serve_jobs.ts";

/** One point of Figures 6 and 7: a β-VAE trained with weight decay on its encoder. */
export interface VaeJob {
  /** Dataset folder (MNIST format). */
  data: string;
  /** Training images used (the first this many). */
  trainImages: number;
  /** Test images used (the first this many). */
  testImages: number;
  /** Weight β of the KL term. */
  beta: number;
  /** `"vanilla"` (θ₀ = 0) or `"syre"`; both put weight decay γ on the encoder only. */
  method: "vanilla" | "syre";
  /** Weight decay γ of the encoder. */
  gamma: number;
  /** Relative σ₀ of syre (ignored by vanilla). */
  sigma: number;
  /** Fixed variance η of the encoder's posterior. */
  eta: number;
  /** Hidden width. */
  hidden: number;
  /** Latent width. */
  latent: number;
  /** Adam steps. */
  steps: number;
  /** Mini-batch size. */
  batch: number;
  /** Adam learning rate. */
  lr: number;
  /** Test images on which the rank of the encoder output μ(x) is measured. */
  rankImages: number;
  /** Eigenvalues of that covariance below this count as zero. */
  rankThreshold: number;
  /** Test images whose reconstructions are kept for the image grid. */
  gridImages: number;
  /** Run seed: initial weights, θ₀, batch order and latent noise derive from it. */
  seed: number;
}

/** A finished point. */
export interface VaeRow {
  /** Method. */
  method: string;
  /** β. */
  beta: number;
  /** Mean training ‖x − x̂‖² over the last quarter of steps (sampled z). */
  train_reconstruction: number;
  /** Mean test ‖x − x̂(μ(x))‖² at the end. */
  test_reconstruction: number;
  /** Mean KL term on the last quarter of steps. */
  kl: number;
  /** Rank of the covariance of μ(x) on test images. */
  rank: number;
  /** Mean reconstructions of the first `gridImages` test images, rounded to 3 decimals. */
  reconstructions: number[];
  /** Wall-clock seconds. */
  seconds: number;
}

/**
 * Trains one β-VAE of Figures 6 and 7 with Adam on ‖x − x̂‖² + β·KL, weight
 * decay γ on the encoder only (the decoder has none), θ₀ = 0 (vanilla) or
 * θ₀ ~ N(0, σ₀²) on the encoder (syre). Every cell of a seed shares the
 * initial weights, batch order and latent noise.
 *
 * @param job The cell.
 * @param progress Called 20 times with the running reconstruction loss.
 * @returns Losses, rank and reconstructions.
 *
 * @example A tiny VAE on the project's fixture
 * ```ts
 * import { runVaeJob } from "./vae_job.ts";
 * import assert from "node:assert/strict";
 *
 * const row = await runVaeJob({
 *   data: new URL("../../fixtures/idx", import.meta.url).pathname, trainImages: 100, testImages: 40,
 *   beta: 1, method: "vanilla", gamma: 0.01, sigma: 0.01, eta: 0.01, hidden: 8, latent: 8,
 *   steps: 3, batch: 10, lr: 1e-3, rankImages: 40, rankThreshold: 1e-6, gridImages: 2, seed: 1,
 * }, () => {});
 * assert.equal(row.reconstructions.length, 2 * 784);
 * assert.ok(row.rank >= 1 && row.rank <= 8);
 * ```
 */
export async function runVaeJob(job: VaeJob, progress: JobProgress): Promise<VaeRow> {
  const started = performance.now();
  await initBackend();
  const { train, test } = await cachedImageDataset(job.data, job.trainImages, job.testImages);
  const dim = train.height * train.width;
  const vae = new Vae(
    { input: dim, hidden: job.hidden, latent: job.latent, eta: job.eta },
    deriveSeed(job.seed, "vae:init"),
  );
  // Weight decay (and θ₀) on the encoder only; one Adam step updates encoder and decoder together.
  const trainer = jobTrainer(vae.variables, {
    tag: "vae",
    job,
    optimizer: tf.train.adam(job.lr),
    rows: train.count,
    penalized: vae.encoderVariables,
  });
  const noiseRng = new Pcg32(deriveSeed(job.seed, "vae:noise"));
  const every = Math.max(1, Math.floor(job.steps / 20)), tail = Math.max(1, Math.floor(job.steps / 4));
  let window = 0, recon = 0, kl = 0;
  trainer.train({
    steps: job.steps,
    gradients: (idx) => {
      const x = tf.tensor2d(gatherRows(train.images, dim, idx), [idx.length, dim]);
      const eps = tf.tensor2d(fillNormal(noiseRng, new Float32Array(idx.length * job.latent)), [
        idx.length,
        job.latent,
      ]);
      const g = vae.gradients(x, eps, job.beta);
      tf.dispose([x, eps]);
      return g;
    },
    onStep: (s, g) => {
      window += g.reconstruction;
      if (s > job.steps - tail) (recon += g.reconstruction, kl += g.kl);
      if (s % every === 0) {
        progress({ epoch: s / every, valLoss: window / every });
        window = 0;
      }
    },
  });
  const { testRecon, rank, grid } = evaluateVae(vae, test.images, test.count, dim, job);
  const row: VaeRow = {
    method: job.method,
    beta: job.beta,
    train_reconstruction: recon / tail,
    test_reconstruction: testRecon,
    kl: kl / tail,
    rank,
    reconstructions: Array.from(grid, (v) => Math.round(v * 1000) / 1000),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
  trainer.dispose();
  vae.dispose();
  return row;
}

function evaluateVae(vae: Vae, images: Float32Array, count: number, dim: number, job: VaeJob) {
  const probe = Math.min(job.rankImages, count), keep = Math.min(job.gridImages, count);
  const mus = new Float32Array(probe * job.latent), grid = new Float32Array(keep * dim);
  let sum = 0;
  for (let r = 0; r < count; r += 1000) {
    const end = Math.min(count, r + 1000);
    const [err, mu, xHat] = tf.tidy(() => {
      const x = tf.tensor2d(images.subarray(r * dim, end * dim), [end - r, dim]);
      const { mu } = vae.encode(x);
      const xHat = vae.decode(mu).xHat;
      return [tf.sum(tf.square(tf.sub(x, xHat))), mu, xHat];
    });
    sum += err.dataSync()[0];
    if (r < probe) {
      mus.set(mu.dataSync().subarray(0, (Math.min(end, probe) - r) * job.latent), r * job.latent);
    }
    if (r < keep) grid.set(xHat.dataSync().subarray(0, (Math.min(end, keep) - r) * dim), r * dim);
    tf.dispose([err, mu, xHat]);
  }
  return { testRecon: sum / count, rank: covarianceRank(mus, probe, job.latent, job.rankThreshold), grid };
}
