import type { FlagTable, TaskSpec } from "../../src/cli/flag_spec.ts";
import { FIT_FLAGS, SHARD_FLAGS, SHARED_FLAGS } from "../../src/cli/shared_flags.ts";
import { UsageError } from "../../src/cli/usage_error.ts";
import { HIO_DEFAULTS } from "../../src/forward/hio.ts";

/**
 * The presets of `deno task fourier`: `default` fits in about 15 minutes on
 * 2 cores; `paper` adds DNN, more pairs and more HIO signals.
 *
 * @example
 * ```ts
 * import { FOURIER_PRESETS } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(FOURIER_PRESETS.default.models, ["nn", "wnn", "knn", "hio"]);
 * ```
 */
export const FOURIER_PRESETS = {
  default: { samples: 4000, models: ["nn", "wnn", "knn", "hio"], epochs: 25, hioSignals: 100 },
  paper: { samples: 20000, models: ["nn", "wnn", "dnn", "knn", "hio"], epochs: 100, hioSignals: 500 },
} as const;

/**
 * The flags of `deno task fourier`; `samples`, `models`, `epochs` and `hioSignals` come from the preset.
 *
 * @example
 * ```ts
 * import { FOURIER_FLAGS } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(FOURIER_FLAGS["hio-restarts"].default, 4);
 * ```
 */
export const FOURIER_FLAGS = {
  preset: {
    ...SHARED_FLAGS.preset,
    help: `default (4000 pairs; nn,wnn,knn,hio; 25 epochs; about 12 min on 2 cores)
or paper (20000 pairs; with dnn; 100 epochs)`,
  },
  settings: {
    kind: "choices",
    choices: ["complex-1d", "real-2d"],
    default: ["complex-1d", "real-2d"],
    help: "complex-1d, real-2d or both (default both)",
  },
  n: { kind: "int", min: 2, max: 28, default: 16, help: "image side of real-2d (default {default})" },
  n1d: {
    kind: "int",
    min: 2,
    max: 256,
    default: 8,
    help: "signal length of complex-1d (default {default})",
  },
  oversample: {
    kind: "int",
    min: 2,
    max: 4,
    default: 2,
    help: "grid size ÷ signal size (default {default})",
  },
  samples: { ...SHARED_FLAGS.samples, help: "pairs per setting (≥ 100; real-2d: at most the images)" },
  models: {
    kind: "choices",
    choices: ["nn", "wnn", "dnn", "knn", "hio"],
    help: "any of nn,wnn,dnn,knn,hio",
  },
  rules: {
    kind: "choices",
    choices: ["reference", "centring"],
    default: ["reference", "centring"],
    help: "canonicalisation rules of variant A (default both)",
  },
  epochs: { ...SHARED_FLAGS.epochs, help: "most epochs per network (default {default})" },
  batch: FIT_FLAGS.batch,
  lr: FIT_FLAGS.lr,
  patience: FIT_FLAGS.patience,
  k: SHARED_FLAGS.k,
  "hio-iterations": {
    kind: "int",
    min: 0,
    key: "hioIterations",
    default: HIO_DEFAULTS.iterations,
    help: "HIO iterations per start, β = 0.9 (default {default})",
  },
  "hio-er": {
    kind: "int",
    min: 0,
    key: "hioEr",
    default: HIO_DEFAULTS.erIterations,
    help: "error-reduction iterations after them (default {default})",
  },
  "hio-restarts": {
    kind: "int",
    min: 1,
    key: "hioRestarts",
    default: HIO_DEFAULTS.restarts,
    help: "random starts per signal, the most consistent kept (default {default})",
  },
  "hio-signals": {
    kind: "int",
    min: 1,
    key: "hioSignals",
    help: "test signals HIO reconstructs (default {default})",
  },
  data: SHARED_FLAGS.data,
  seed: {
    ...SHARED_FLAGS.seed,
    help: "run seed; datasets, weights and HIO starts derive from it (default {default})",
  },
  workers: SHARED_FLAGS.workers,
  out: SHARED_FLAGS.out,
  fresh: SHARED_FLAGS.fresh,
  ...SHARD_FLAGS,
} as const satisfies FlagTable;

/**
 * `deno task fourier`'s command line.
 *
 * @example
 * ```ts
 * import { FOURIER_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags } = parseTaskFlags(["--settings", "complex-1d", "--hio-restarts", "2"], FOURIER_TASK)!;
 * assert.deepEqual([flags.settings, flags.hioRestarts, flags.samples, flags.n], [["complex-1d"], 2, 4000, 16]);
 * assert.throws(() => parseTaskFlags(["--rules", "middle"], FOURIER_TASK), /--rules has unknown value "middle"/);
 * assert.throws(() => parseTaskFlags(["--n", "1"], FOURIER_TASK), /--n must be an integer/);
 * ```
 */
export const FOURIER_TASK: TaskSpec<typeof FOURIER_FLAGS, typeof FOURIER_PRESETS> = {
  task: "fourier",
  summary: `Fourier phase retrieval y = |F x|² on a 2×-oversampled grid, whose symmetry is every circular
shift, the conjugate flip and (complex) the global phase: NN, WNN (and DNN) trained on targets
canonicalised by each rule (A) and on raw targets (B), K-NN, and Fienup's HIO, scored by the
orbit distance. Settings: complex-1d (x uniform in the unit ball of Cⁿ) and real-2d (images from
--data, resized to n × n, unit norm). Writes fourier.csv, fourier.md, fourier_examples.svg, run.json.`,
  flags: FOURIER_FLAGS,
  presets: FOURIER_PRESETS,
  column: 20,
  check: ({ k, samples }) => {
    if (k > Math.floor(0.8 * samples)) throw new UsageError(`--k ${k} is larger than the training set`);
  },
};
