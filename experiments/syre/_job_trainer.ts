// The syre trainer of an image job (collapse, fcn, continual, vae): every one
// draws θ₀ from `<tag>:syre` and its batch order from `<tag>:batches`, and
// vanilla is syre with θ₀ = 0.
import type { tf } from "../../src/nn/tf.ts";
import { MiniBatches } from "../../src/data/mini_batches.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { SyreTrainer } from "../../src/syre/syre_trainer.ts";

/** The fields of an image job that its trainer reads. */
export interface JobTrainerSettings {
  /** Run seed. */
  seed: number;
  /** Weight decay γ. */
  gamma: number;
  /** `"vanilla"` (θ₀ = 0) or `"syre"`. */
  method: "vanilla" | "syre";
  /** Relative σ₀ of syre (ignored by vanilla). */
  sigma: number;
  /** Mini-batch size. */
  batch: number;
}

/** A trainer for `variables`, with the job's seeds, γ, σ₀ and batches of `rows` training rows. */
export function jobTrainer(
  variables: readonly tf.Variable[],
  options: {
    tag: string;
    job: JobTrainerSettings;
    optimizer: tf.Optimizer;
    rows: number;
    penalized?: readonly tf.Variable[];
  },
): SyreTrainer {
  const { tag, job } = options;
  return new SyreTrainer(variables, {
    syre: {
      seed: deriveSeed(job.seed, `${tag}:syre`),
      gamma: job.gamma,
      sigma: job.method === "syre" ? job.sigma : 0,
    },
    optimizer: options.optimizer,
    batches: new MiniBatches(options.rows, job.batch, deriveSeed(job.seed, `${tag}:batches`)),
    ...(options.penalized ? { penalized: options.penalized } : {}),
  });
}
