import type { FlagTable, TaskSpec } from "../../src/cli/flag_spec.ts";
import { parseNumberList } from "../../src/cli/number_list.ts";
import { SHARD_FLAGS, SHARED_FLAGS } from "../../src/cli/shared_flags.ts";
import { UsageError } from "../../src/cli/usage_error.ts";
import type { SyrePreset } from "./task_settings.ts";
import { COLLAPSE_PRESETS } from "./collapse.ts";
import { CONTINUAL_PRESETS } from "./continual.ts";
import { FCN_PRESETS } from "./fcn.ts";
import { VAE_PRESETS } from "./vae.ts";
import { QUARTIC_PRESETS } from "./quartic_grid.ts";
import { REPARAM_PRESETS } from "./reparam_grid.ts";
import { RIDGE_PRESETS } from "./ridge_grid.ts";
import { TEACHER_PRESETS } from "./teacher_grid.ts";

/**
 * The flags of a syre figure task: its preset chooses the whole grid.
 *
 * @example
 * ```ts
 * import { SYRE_FIGURE_FLAGS } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(Object.keys(SYRE_FIGURE_FLAGS), ["preset", "seed", "workers", "out", "fresh", "shard", "shards", "merge"]);
 * ```
 */
export const SYRE_FIGURE_FLAGS = {
  preset: {
    ...SHARED_FLAGS.preset,
    help: "smoke (seconds, for tests), default (minutes on 2 cores) or paper",
  },
  seed: { ...SHARED_FLAGS.seed, help: "run seed; every random draw derives from it (default {default})" },
  workers: SHARED_FLAGS.workers,
  out: SHARED_FLAGS.out,
  fresh: SHARED_FLAGS.fresh,
  ...SHARD_FLAGS,
} as const satisfies FlagTable;

/**
 * The command line of a syre figure task (`syre:quartic`, `syre:reparam`,
 * `syre:ridge`, `syre:teacher`): its summary, then the shared flags.
 *
 * @param task The task name, e.g. `"syre:quartic"`.
 * @param summary What it runs and writes, a few lines.
 * @param presets The task's grids by preset name.
 * @returns The task's spec, for `parseTaskFlags`.
 *
 * @example
 * ```ts
 * import { syreFigureTask } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const presets = { smoke: { dim: 2 }, default: { dim: 20 }, paper: { dim: 200 } };
 * const task = syreFigureTask("syre:demo", "Figure 0.", presets);
 * const { flags, settings } = parseTaskFlags(["--preset", "paper", "--seed", "3"], task)!;
 * assert.deepEqual([flags.preset, flags.seed, flags.out, settings.dim], ["paper", 3, "results", 200]);
 * assert.throws(() => parseTaskFlags(["--preset", "huge"], task), /--preset must be one of smoke, default, paper/);
 * ```
 */
export function syreFigureTask<S extends object>(
  task: string,
  summary: string,
  presets: Readonly<Record<SyrePreset, S>>,
): TaskSpec<typeof SYRE_FIGURE_FLAGS, Readonly<Record<SyrePreset, S>>> {
  return { task, summary, flags: SYRE_FIGURE_FLAGS, presets, column: 18 };
}

/**
 * `syre:quartic`'s command line.
 *
 * @example
 * ```ts
 * import { QUARTIC_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags, settings } = parseTaskFlags(["--preset", "smoke"], QUARTIC_TASK)!;
 * assert.deepEqual([flags.preset, flags.seed, settings === QUARTIC_TASK.presets!.smoke], ["smoke", 1, false]);
 * assert.deepEqual(settings, QUARTIC_TASK.presets!.smoke);
 * ```
 */
export const QUARTIC_TASK: TaskSpec<typeof SYRE_FIGURE_FLAGS, typeof QUARTIC_PRESETS> = syreFigureTask(
  "syre:quartic",
  `Gradient descent on (wᵀw)² − wᵀBw for B = G + Gᵀ (unstructured) and B = diag(v) (structured):
vanilla, weight decay and syre (γ 0.1–10), W-fix (φ 0.001–0.1) and dropout (0.01–0.6).
Writes syre_quartic.csv, syre_quartic_unstructured.svg and syre_quartic_structured.svg.`,
  QUARTIC_PRESETS,
);

/**
 * `syre:reparam`'s command line.
 *
 * @example
 * ```ts
 * import { REPARAM_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags, settings } = parseTaskFlags(["--preset", "smoke"], REPARAM_TASK)!;
 * assert.deepEqual([flags.preset, flags.seed, settings === REPARAM_TASK.presets!.smoke], ["smoke", 1, false]);
 * assert.deepEqual(settings, REPARAM_TASK.presets!.smoke);
 * ```
 */
export const REPARAM_TASK: TaskSpec<typeof SYRE_FIGURE_FLAGS, typeof REPARAM_PRESETS> = syreFigureTask(
  "syre:reparam",
  `SGD with weight decay on ℓ(u, w) = ((u ⊙ w)ᵀx − y)², u, w, x ∈ R²⁰⁰, against W-fix (φ 0.3, κ 0.01)
and syre; counts dead neurons (|uᵢ| and |wᵢ| below 1e-3) and the test loss over training.
Writes syre_reparam.csv, syre_reparam_dead.svg and syre_reparam_loss.svg.`,
  REPARAM_PRESETS,
);

/**
 * `syre:ridge`'s command line.
 *
 * @example
 * ```ts
 * import { RIDGE_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags, settings } = parseTaskFlags(["--preset", "smoke"], RIDGE_TASK)!;
 * assert.deepEqual([flags.preset, flags.seed, settings === RIDGE_TASK.presets!.smoke], ["smoke", 1, false]);
 * assert.deepEqual(settings, RIDGE_TASK.presets!.smoke);
 * ```
 */
export const RIDGE_TASK: TaskSpec<typeof SYRE_FIGURE_FLAGS, typeof RIDGE_PRESETS> = syreFigureTask(
  "syre:ridge",
  `Linear regression across d/N from 4 to 0.25: minimum-norm least squares, weight decay (γ 0.1)
and syre (γ 0.1, σ₀ 0.01/√d), solved exactly; the test loss of each.
Writes syre_ridge.csv and syre_ridge.svg.`,
  RIDGE_PRESETS,
);

/**
 * `syre:teacher`'s command line.
 *
 * @example
 * ```ts
 * import { TEACHER_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags, settings } = parseTaskFlags(["--preset", "smoke"], TEACHER_TASK)!;
 * assert.deepEqual([flags.preset, flags.seed, settings === TEACHER_TASK.presets!.smoke], ["smoke", 1, false]);
 * assert.deepEqual(settings, TEACHER_TASK.presets!.smoke);
 * ```
 */
export const TEACHER_TASK: TaskSpec<typeof SYRE_FIGURE_FLAGS, typeof TEACHER_PRESETS> = syreFigureTask(
  "syre:teacher",
  `A random two-layer tanh teacher (300 hidden, 10 classes) labels Gaussian inputs; a student of the
same shape learns them with Adam (lr 0.01, weight decay 0.01), vanilla or syre. Reads the rank of the
covariance of the student's first-layer output against the input dimension, label noise (0–80 %)
and input noise (std 0–1.6). Writes syre_teacher.csv and three figures.`,
  TEACHER_PRESETS,
);

// Upper bounds of the image tasks' size flags, from a cell's 4 GiB (CELL_BUDGET_BYTES) at 28×28 pixels;
// checkDataDir checks the images again at the dataset's own size, and against the images it holds.
const IMAGES_WHY = "a 28×28 image is 3 KiB as float32, 1e6 fill 3 GiB of a cell's 4 GiB";
const IMAGE_SIZES = {
  train: { ...SHARED_FLAGS.train, max: 1_000_000, maxWhy: IMAGES_WHY },
  test: { ...SHARED_FLAGS.test, max: 1_000_000, maxWhy: IMAGES_WHY },
  batch: {
    ...SHARED_FLAGS.batch,
    max: 100_000,
    maxWhy: "a batch of 1e5 28×28 images with its activations fills about 1 GiB of a cell's 4 GiB",
  },
} as const satisfies FlagTable;

/** The flags every syre image task shares, after its own. */
const IMAGE_FLAGS = {
  data: SHARED_FLAGS.data,
  seed: {
    ...SHARED_FLAGS.seed,
    help: "run seed; weights, θ₀ and batch orders derive from it (default {default})",
  },
  workers: SHARED_FLAGS.workers,
  out: SHARED_FLAGS.out,
  fresh: SHARED_FLAGS.fresh,
  ...SHARD_FLAGS,
} as const satisfies FlagTable;

/**
 * `syre:collapse`'s command line; every flag but the shared ones overrides a field of its preset.
 *
 * @example
 * ```ts
 * import { COLLAPSE_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { common, settings } = parseTaskFlags(["--hidden", "8", "--data", "data/fx/"], COLLAPSE_TASK)!;
 * assert.deepEqual([common.data, settings.hidden, settings.sgdLr], ["data/fx", 8, 0.1]);
 * ```
 */
export const COLLAPSE_TASK = {
  task: "syre:collapse",
  summary: `Figure 1 of the syre paper: a two-layer ReLU network on images, started in a
low-capacity state where a fraction of hidden neurons are identical, trained
with SGD and Adam, vanilla (θ₀ = 0) and syre. Writes collapse.csv,
collapse_summary.csv, collapse_{sgd,adam}_{vanilla,syre}.svg and run.json.`,
  flags: {
    preset: {
      ...SHARED_FLAGS.preset,
      help: `default (20,000 images, 100 hidden, 3,000 steps; about 2 min on 2 cores)
or paper (60,000 images, 200 hidden, 20,000 steps, 7 fractions)`,
    },
    fractions: {
      kind: "numberList",
      min: 0,
      max: 1,
      help: "fractions of identical hidden neurons, e.g. 0,0.5,0.99",
    },
    train: IMAGE_SIZES.train,
    hidden: {
      kind: "int",
      min: 2,
      max: 100_000,
      maxWhy: "784 × 1e5 weights × 16 B with gradients and moments fill 1.2 GiB of a cell's 4 GiB",
      help: "hidden width",
    },
    steps: { ...SHARED_FLAGS.steps, help: "gradient steps per curve" },
    batch: IMAGE_SIZES.batch,
    gamma: { ...SHARED_FLAGS.gamma, help: "weight decay γ of both methods" },
    sigma: SHARED_FLAGS.sigma,
    ...IMAGE_FLAGS,
  },
  presets: COLLAPSE_PRESETS,
} as const satisfies TaskSpec;

/**
 * `syre:continual`'s command line; every flag but the shared ones overrides a field of its preset.
 *
 * @example
 * ```ts
 * import { CONTINUAL_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { settings } = parseTaskFlags(["--steps", "10", "--lr", "0.5"], CONTINUAL_TASK)!;
 * assert.deepEqual([settings.stepsPerTask, settings.lr, settings.tasks], [10, 0.5, 10]);
 * ```
 */
export const CONTINUAL_TASK = {
  task: "syre:continual",
  summary: `Figure 8 of the syre paper: a CNN (two convolutions of 10 and 20 channels,
dense layers of 320 and 50) learns ten tasks one after another, task 1 the
original images and each later task a fixed random pixel permutation, with
SGD and weight decay, vanilla (θ₀ = 0) and syre. After each task: the test
accuracy on that task and the rank of the convolution output. Writes
continual.csv, continual_accuracy.svg, continual_rank.svg and run.json.`,
  flags: {
    preset: {
      ...SHARED_FLAGS.preset,
      help: `default (10,000 images, 400 steps per task; about 2 min on 2 cores)
or paper (60,000 images, three epochs per task)`,
    },
    tasks: { kind: "int", min: 1, max: 100, help: "number of tasks" },
    steps: { ...SHARED_FLAGS.steps, key: "stepsPerTask", help: "SGD steps per task" },
    train: IMAGE_SIZES.train,
    test: IMAGE_SIZES.test,
    batch: IMAGE_SIZES.batch,
    lr: { ...SHARED_FLAGS.lr, key: "lr", help: "SGD learning rate" },
    gamma: {
      ...SHARED_FLAGS.gamma,
      help: "weight decay γ in γ‖θ‖² (PyTorch's weight_decay = 2γ; default {default})",
    },
    sigma: SHARED_FLAGS.sigma,
    ...IMAGE_FLAGS,
  },
  presets: CONTINUAL_PRESETS,
} as const satisfies TaskSpec;

/**
 * `syre:fcn`'s command line; every flag but the shared ones overrides a field of its preset.
 *
 * @example
 * ```ts
 * import { FCN_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { settings } = parseTaskFlags(["--alpha-gamma", "0.1,0.2"], FCN_TASK)!;
 * assert.equal(settings.alphaGamma, 0.1);
 * ```
 */
export const FCN_TASK = {
  task: "syre:fcn",
  summary: `Figure 5 of the syre paper: a four-layer fully connected ReLU network (three
hidden layers), batch 64, trained with plain SGD and weight decay γ, vanilla
(θ₀ = 0) and syre, for a sweep of γ at α = 1 and a sweep of the input scale α
at γ = 0.01. Reports train and test accuracy and the rank of the first
layer's covariance before and after the ReLU. Writes fcn.csv,
fcn_{gamma,alpha}_{accuracy,rank}.svg and run.json.`,
  flags: {
    preset: {
      ...SHARED_FLAGS.preset,
      help: `default (10,000 images, 1,500 steps, 4 γ and 3 α; a few minutes on 2 cores)
or paper (60,000 images, 18,750 steps = 20 epochs, 6 γ and 5 α)`,
    },
    // Checked now, not after every cell: the γ figures have a log axis.
    gammas: {
      kind: "custom",
      arg: "LIST",
      parse: (flag: string, text: string): number[] => {
        const gammas = parseNumberList(flag, text, 0, 1e3);
        if (gammas.some((g) => g <= 0)) {
          throw new UsageError(`--${flag} must be positive (the γ figures have a log axis), got "${text}"`);
        }
        return gammas;
      },
      help: "weight decays of the γ sweep, each in (0, 1000], e.g. 0.001,0.01,0.1",
    },
    alphas: { kind: "numberList", min: 1e-6, max: 1e3, help: "input scales of the α sweep, e.g. 0.1,1" },
    // Read as a list, its first item kept, as before the flag table: "0.01,0.1" means 0.01.
    "alpha-gamma": {
      kind: "custom",
      key: "alphaGamma",
      parse: (flag: string, text: string): number => parseNumberList(flag, text, 0, 1e3)[0],
      help: "γ of the α sweep (default {default})",
    },
    train: IMAGE_SIZES.train,
    test: { ...IMAGE_SIZES.test, min: 1 },
    width: {
      kind: "int",
      min: 2,
      max: 10_000,
      maxWhy: "two 1e4 × 1e4 layers × 16 B with gradients and moments fill 3 GiB of a cell's 4 GiB",
      help: "width of the hidden layers (default {default})",
    },
    steps: { ...SHARED_FLAGS.steps, help: "gradient steps per cell" },
    batch: { ...IMAGE_SIZES.batch, help: "mini-batch size (default {default})" },
    lr: { ...SHARED_FLAGS.lr, key: "lr", help: "SGD learning rate (default {default})" },
    sigma: {
      ...SHARED_FLAGS.sigma,
      help: "syre's relative σ₀ (θ₀ ~ N(0, (σ/√fan_in)²); default {default}, see README)",
    },
    ...IMAGE_FLAGS,
  },
  presets: FCN_PRESETS,
} as const satisfies TaskSpec;

/**
 * `syre:vae`'s command line; every flag but the shared ones overrides a field of its preset.
 *
 * @example
 * ```ts
 * import { VAE_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { common, settings } = parseTaskFlags(["--preset", "paper", "--seed", "3"], VAE_TASK)!;
 * assert.deepEqual([common.preset, common.seed, settings.trainImages], ["paper", 3, 60000]);
 * ```
 */
export const VAE_TASK = {
  task: "syre:vae",
  summary: `Figures 6 and 7 of the syre paper: a β-VAE (two-layer SiLU encoder and
decoder, hidden and latent width 200, fixed posterior variance η = 0.01)
trained with Adam for each β, weight decay on the encoder only, vanilla
(θ₀ = 0) and syre. Writes vae.csv, vae_rank.svg (rank of the encoder output
against β), vae_reconstruction.svg (test reconstruction loss against β),
vae_images.svg (reconstructions of eight test images) and run.json.`,
  flags: {
    preset: {
      ...SHARED_FLAGS.preset,
      help: `default (10,000 images, β 0.1 to 10, 1,500 steps; about 3 min on 2 cores)
or paper (60,000 images, nine β, twenty epochs)`,
    },
    betas: { kind: "numberList", min: 0, max: 1e6, help: "the β values, e.g. 0.1,1,10" },
    steps: { ...SHARED_FLAGS.steps, help: "Adam steps per model" },
    train: IMAGE_SIZES.train,
    test: IMAGE_SIZES.test,
    batch: IMAGE_SIZES.batch,
    lr: { ...SHARED_FLAGS.lr, key: "lr" },
    gamma: { ...SHARED_FLAGS.gamma, help: "weight decay γ of the encoder (default {default})" },
    sigma: SHARED_FLAGS.sigma,
    eta: { kind: "positive", help: "fixed posterior variance η (default {default})" },
    width: { kind: "int", min: 1, max: 4096, help: "hidden and latent width (default {default})" },
    ...IMAGE_FLAGS,
  },
  presets: VAE_PRESETS,
} as const satisfies TaskSpec;
