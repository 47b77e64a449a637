// The command line of `deno task learn`, shared by the launcher and the run it starts.
import type { TaskSpec } from "../src/cli/flag_spec.ts";
import { FIT_FLAGS, SHARD_FLAGS, SHARED_FLAGS } from "../src/cli/shared_flags.ts";
import { FIT_DEFAULTS } from "../src/nn/fit.ts";

/** Presets of `deno task learn`: `quick` (a minute on 2 cores for a small problem) and `default`. */
export const LEARN_PRESETS = {
  quick: { samples: 2000, models: ["nn", "knn"], epochs: 20 },
  default: { samples: 10000, models: ["nn", "wnn", "knn"], epochs: FIT_DEFAULTS.epochs },
} as const;

/** Flags and presets of `deno task learn`. */
export const LEARN_TASK = {
  task: "learn",
  summary: `Learns your own inverse problem: trains NN, WNN (and DNN) on canonicalised (A) and raw (B)
targets beside K-NN, scores them with the problem's orbit distance, and writes
learn-<problem>.csv, learn-<problem>.md and run.json. The module's export must be a
problem from defineProblem (see README "Your own inverse problem"); it gets read access.`,
  flags: {
    problem: {
      kind: "string",
      arg: "PATH",
      help: "module whose export is the problem (required), e.g. my_problem.ts",
    },
    export: {
      kind: "string",
      key: "exportName",
      arg: "NAME",
      default: "default",
      help: "the export (default {default})",
    },
    preset: {
      ...SHARED_FLAGS.preset,
      help: "quick (2000 samples; nn,knn; epochs≤20) or default (1e4; nn,wnn,knn)",
    },
    samples: { ...SHARED_FLAGS.samples, help: "pairs drawn from the problem (≥ 100)" },
    models: { kind: "choices", choices: ["nn", "wnn", "dnn", "knn"], help: "any of nn,wnn,dnn,knn" },
    epochs: { ...SHARED_FLAGS.epochs, help: "most epochs per network" },
    batch: FIT_FLAGS.batch,
    lr: FIT_FLAGS.lr,
    patience: FIT_FLAGS.patience,
    k: SHARED_FLAGS.k,
    seed: {
      ...SHARED_FLAGS.seed,
      help: "run seed; dataset and network seeds derive from it (default {default})",
    },
    workers: SHARED_FLAGS.workers,
    out: SHARED_FLAGS.out,
    fresh: SHARED_FLAGS.fresh,
    backend: SHARED_FLAGS.backend,
    ...SHARD_FLAGS,
  },
  presets: LEARN_PRESETS,
} as const satisfies TaskSpec;
