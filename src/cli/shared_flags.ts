import { DEFAULT_DATA_DIR } from "../data/image_dataset.ts";
import type { FlagTable } from "./flag_spec.ts";
import { BACKEND_CHOICES } from "../nn/backend.ts";
import { FIT_DEFAULTS } from "../nn/fit.ts";

/**
 * The flags many tasks share, declared once: kind, bounds, key, default and
 * help line. A task takes the ones it has, and spreads over a field where it
 * differs: `{ ...SHARED_FLAGS.seed, help: "run seed (default {default})" }`.
 * Training flags carry no default: the task's presets or the task give one
 * (a `{default}` in their help shows the default preset's value).
 * `--help` is added to every task by {@linkcode parseTaskFlags}; every grid
 * task has `shard`, `shards` and `merge` (spread {@linkcode SHARD_FLAGS}).
 *
 * @example
 * ```ts
 * import { SHARED_FLAGS } from "./shared_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([SHARED_FLAGS.seed.kind, SHARED_FLAGS.seed.default], ["int", 1]);
 * assert.equal(SHARED_FLAGS.lr.key, "learningRate");
 * ```
 */
export const SHARED_FLAGS = {
  preset: { kind: "preset", default: "default", help: "default or paper" },
  n: { kind: "intList", min: 1, help: "signal dimensions, e.g. 5,15" },
  samples: { kind: "int", min: 100, help: "dataset size (≥ 100)" },
  data: {
    kind: "dataDir",
    default: DEFAULT_DATA_DIR,
    help: `MNIST-format dataset folder (default {default};
elsewhere needs read permission, see README "syre on images")`,
  },
  train: { kind: "int", min: 10, key: "trainImages", help: "training images (the first N)" },
  test: { kind: "int", min: 10, key: "testImages", help: "test images (the first N)" },
  epochs: { kind: "int", min: 1, help: "most epochs per network" },
  steps: { kind: "int", min: 1, help: "gradient steps per model" },
  batch: { kind: "int", min: 1, help: "mini-batch size" },
  lr: { kind: "positive", key: "learningRate", help: "Adam learning rate" },
  patience: { kind: "int", min: 1, help: "early-stopping patience in epochs" },
  gamma: { kind: "positive", help: "weight decay γ" },
  sigma: { kind: "positive", help: "syre's relative σ₀ (θ₀ ~ N(0, (σ/√fan_in)²); default {default})" },
  seed: { kind: "int", min: 0, default: 1, help: "run seed (default {default})" },
  workers: {
    kind: "int",
    min: 1,
    max: 256,
    default: navigator.hardwareConcurrency || 1,
    help: "parallel workers (default: the number of cores)",
  },
  out: {
    kind: "outDir",
    default: "results",
    help: "output folder (default {default}; the task may write only there)",
  },
  fresh: { kind: "boolean", help: "forget finished cells and start over" },
  shard: {
    kind: "shard",
    help: `run only shard I of N (0-based) of the grid, machines sharing --out;
default: SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX of --shards`,
  },
  shards: { kind: "int", min: 1, max: 100_000, help: "shards of a Kubernetes Indexed Job (its completions)" },
  merge: { kind: "boolean", help: "write the outputs from stored cells only; fail if one is missing" },
  backend: {
    kind: "choice",
    choices: BACKEND_CHOICES,
    default: "wasm",
    help: `tfjs backend networks train on: wasm (default; byte-reproducible), webgpu,
or auto (webgpu where a hardware WebGPU adapter exists, else wasm)`,
  },
  k: { kind: "int", min: 1, max: 64, default: 5, help: "neighbours of K-NN (default {default})" },
  help: { kind: "boolean", help: "print this text" },
} as const satisfies FlagTable;

/**
 * The training flags of the paper's networks with the library's defaults
 * (`FIT_DEFAULTS`): `--epochs`, `--batch`, `--lr`, `--patience`.
 *
 * @example
 * ```ts
 * import { FIT_FLAGS } from "./shared_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([FIT_FLAGS.epochs.default, FIT_FLAGS.batch.default, FIT_FLAGS.lr.key], [100, 64, "learningRate"]);
 * ```
 */
export const FIT_FLAGS = {
  epochs: {
    ...SHARED_FLAGS.epochs,
    default: FIT_DEFAULTS.epochs,
    help: "most epochs per network (default {default})",
  },
  batch: { ...SHARED_FLAGS.batch, default: FIT_DEFAULTS.batch, help: "mini-batch size (default {default})" },
  lr: {
    ...SHARED_FLAGS.lr,
    default: FIT_DEFAULTS.learningRate,
    help: "Adam learning rate (default {default})",
  },
  patience: {
    ...SHARED_FLAGS.patience,
    default: FIT_DEFAULTS.patience,
    help: "early-stopping patience in epochs (default {default})",
  },
} as const satisfies FlagTable;

/**
 * The flags that split a grid over many machines (`--shard`, `--shards`,
 * `--merge`), which every grid task takes after `fresh`.
 *
 * @example
 * ```ts
 * import { SHARD_FLAGS } from "./shared_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(Object.keys(SHARD_FLAGS), ["shard", "shards", "merge"]);
 * ```
 */
export const SHARD_FLAGS = {
  shard: SHARED_FLAGS.shard,
  shards: SHARED_FLAGS.shards,
  merge: SHARED_FLAGS.merge,
} as const satisfies FlagTable;
