import type { Field } from "../../src/forward/gaussian_pr.ts";
import { layerSizes, type ModelName, parameterCount } from "../../src/nn/architectures.ts";
import { checkCellBudget } from "../../src/cli/budget.ts";
import { parseChoices } from "../../src/cli/flags.ts";
import type { FlagTable, TaskSpec } from "../../src/cli/flag_spec.ts";
import { FIT_FLAGS, SHARD_FLAGS, SHARED_FLAGS } from "../../src/cli/shared_flags.ts";
import { UsageError } from "../../src/cli/usage_error.ts";
import type { SweepPreset } from "./sweep_config.ts";
import { DEFAULT_COEFFICIENT, REGULARIZATIONS, TABLE4_PRESETS } from "./regularization_table.ts";
import { FIG4_BATCHES, FIG4_LEARNING_RATES, FIG4_PRESETS } from "./sweep_figure.ts";
import { FIG2_PRESETS } from "./sqrt_figure.ts";

/**
 * The smallest dataset a task accepts: enough rows for every split and for K-NN.
 *
 * @example
 * ```ts
 * import { MIN_SAMPLES } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(MIN_SAMPLES, 100);
 * ```
 */
export const MIN_SAMPLES = 100;

/**
 * The memory estimate of one phase-retrieval cell, by part, for
 * `checkCellBudget`: the dataset (samples × (m + d) × 4 B, m = 4n, d = n
 * or 2n), and for a network its weights (parameters × 16 B: weights,
 * gradients and two Adam moments) and activations (batch × the sum of the
 * layer widths × 8 B, forward and backward).
 *
 * @param cell The cell's sizes; `model` `"knn"` has no network.
 * @returns The parts, `[label, bytes]`.
 *
 * @example
 * ```ts
 * import { prCellBytes } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const parts = prCellBytes({ field: "real", n: 5, samples: 1000, model: "knn", batch: 64 });
 * assert.deepEqual(parts, [["dataset (samples × (m + d) × 4 B)", 1000 * 25 * 4]]);
 * ```
 */
export function prCellBytes(
  cell: { field: Field; n: number; samples: number; model: ModelName | "knn"; batch: number },
): [string, number][] {
  const m = 4 * cell.n, d = cell.field === "real" ? cell.n : 2 * cell.n;
  const parts: [string, number][] = [["dataset (samples × (m + d) × 4 B)", cell.samples * (m + d) * 4]];
  if (cell.model !== "knn") {
    const sizes = layerSizes(cell.model, m, d);
    parts.push(
      [`${cell.model} weights (parameters × 16 B)`, parameterCount(sizes) * 16],
      [`activations (batch × layer widths × 8 B)`, cell.batch * sizes.reduce((a, b) => a + b, 0) * 8],
    );
  }
  return parts;
}

/** Checks every cell of a phase-retrieval grid against the cell budget, largest first. */
function checkPRBudget(
  field: Field,
  ns: readonly number[],
  samples: readonly number[],
  models: readonly (ModelName | "knn")[],
  batches: readonly number[],
  batchFlag = "--batch",
): void {
  const batch = Math.max(...batches);
  for (const n of ns) {
    for (const s of samples) {
      for (const model of models) {
        checkCellBudget(
          `--n ${n} --samples ${s}${model === "knn" ? "" : ` ${batchFlag} ${batch} (${model})`}`,
          prCellBytes({ field, n, samples: s, model, batch }),
        );
      }
    }
  }
}

/**
 * The presets of a phase-retrieval table.
 *
 * @example
 * ```ts
 * import { PR_PRESETS } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(PR_PRESETS.default.samples, [20000]);
 * ```
 */
export const PR_PRESETS = {
  /** About 10 minutes on 2 cores: every n at 2e4 with NN, WNN and K-NN. */
  default: { n: [5, 10, 15], samples: [20000], models: ["nn", "wnn", "knn"] },
  /** The paper's whole grid. */
  paper: { n: [5, 10, 15], samples: [20000, 50000, 100000, 1000000], models: ["nn", "wnn", "dnn", "knn"] },
} as const satisfies Record<
  string,
  { n: number[]; samples: number[]; models: readonly (ModelName | "knn")[] }
>;

/**
 * The flags of a phase-retrieval table task (`table1`, `table2`); `n`, `samples` and `models` come from the preset.
 *
 * @example
 * ```ts
 * import { PR_TABLE_FLAGS } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([PR_TABLE_FLAGS.k.default, PR_TABLE_FLAGS["knn-raw"].key], [5, "knnRaw"]);
 * ```
 */
export const PR_TABLE_FLAGS = {
  preset: {
    ...SHARED_FLAGS.preset,
    help: "default (n=5,10,15; 2e4 samples; nn,wnn,knn) or paper (full grid)",
  },
  n: SHARED_FLAGS.n,
  samples: {
    ...SHARED_FLAGS.samples,
    kind: "intList",
    min: MIN_SAMPLES,
    arg: "LIST",
    help: `dataset sizes (≥ ${MIN_SAMPLES}), e.g. 20000,1e5`,
  },
  models: { kind: "choices", choices: ["nn", "wnn", "dnn", "knn"], help: "any of nn,wnn,dnn,knn" },
  "knn-raw": { kind: "boolean", key: "knnRaw", help: "also run K-NN on raw targets (variant B)" },
  ...FIT_FLAGS,
  batch: { ...FIT_FLAGS.batch, help: "mini-batch size (default {default}; the paper gives none)" },
  k: {
    kind: "int",
    min: 1,
    max: 64,
    default: 5,
    help: "neighbours of the K-NN baseline (default {default})",
  },
  seed: {
    ...SHARED_FLAGS.seed,
    help: "run seed; dataset and network seeds derive from it (default {default})",
  },
  workers: SHARED_FLAGS.workers,
  backend: SHARED_FLAGS.backend,
  out: SHARED_FLAGS.out,
  fresh: SHARED_FLAGS.fresh,
  ...SHARD_FLAGS,
} as const satisfies FlagTable;

/**
 * The command line of a phase-retrieval table task: its help, flags and
 * presets, and the check that K-NN has `--k` neighbours in every training set.
 *
 * @param name The task name, e.g. `"table1"`.
 * @param field The table's field.
 * @returns The task's spec, for `parseTaskFlags`.
 *
 * @example
 * ```ts
 * import { prTableTask } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags } = parseTaskFlags(["--n", "5", "--samples", "2e4"], prTableTask("table1", "real"))!;
 * assert.deepEqual([flags.n, flags.samples, flags.models], [[5], [20000], ["nn", "wnn", "knn"]]);
 * assert.throws(() => parseTaskFlags(["--n", "0"], prTableTask("table1", "real")), /--n/);
 * assert.throws(() => parseTaskFlags(["--k", "65"], prTableTask("table1", "real")), /--k must be an integer in \[1, 64\]/);
 * ```
 */
export function prTableTask(name: string, field: Field): TaskSpec<typeof PR_TABLE_FLAGS, typeof PR_PRESETS> {
  return {
    task: name,
    summary: `Trains NN, WNN and DNN on ${field} Gaussian phase retrieval with (A) and without (B)
symmetry breaking, beside K-NN, and writes ${name}.csv, ${name}.md and run.json.`,
    flags: PR_TABLE_FLAGS,
    presets: PR_PRESETS,
    check: ({ k, samples, n, models, batch }) => {
      if (k > Math.floor(0.8 * Math.min(...samples))) {
        throw new UsageError(`--k ${k} is larger than the smallest training set`);
      }
      checkPRBudget(field, n, samples, models, [batch]);
    },
  };
}

/**
 * Table 3's command line: no grid, and both presets name the paper's n = 15.
 *
 * @example
 * ```ts
 * import { TABLE3_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseTaskFlags(["--preset", "paper"], TABLE3_TASK)!.flags, { preset: "paper", n: 15, out: "results" });
 * assert.throws(() => parseTaskFlags(["--n", "10001"], TABLE3_TASK), /--n must be an integer in \[1, 10000\]/);
 * ```
 */
export const TABLE3_TASK = {
  task: "table3",
  summary: `Counts the trainable parameters of NN, WNN and DNN, real and complex, and writes
table3.csv (model,field,params) and table3.md. Instant: nothing to resume.`,
  flags: {
    preset: { ...SHARED_FLAGS.preset, help: "default or paper (both n = 15, the paper's table)" },
    n: { kind: "int", min: 1, max: 10_000, default: 15, help: "signal dimension (default {default})" },
    out: SHARED_FLAGS.out,
  },
  presets: { default: {}, paper: {} },
  column: 18,
} as const satisfies TaskSpec;

/**
 * Fig. 2's flags, as its task spec FIG2_TASK has them.
 *
 * @example
 * ```ts
 * import { FIG2_FLAGS } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(FIG2_FLAGS.seed.default, 1);
 * ```
 */
export const FIG2_FLAGS = {
  preset: {
    ...SHARED_FLAGS.preset,
    help: "default (2000 pairs) or paper (10000 pairs); the paper gives no setting",
  },
  samples: { ...SHARED_FLAGS.samples, help: "pairs (x, x²) drawn, x uniform in [−1, 1] (≥ 100)" },
  epochs: { ...SHARED_FLAGS.epochs, help: "most epochs (default {default})" },
  batch: { ...FIT_FLAGS.batch, default: 32 },
  lr: FIT_FLAGS.lr,
  patience: FIT_FLAGS.patience,
  seed: SHARED_FLAGS.seed,
  workers: SHARED_FLAGS.workers,
  backend: SHARED_FLAGS.backend,
  out: SHARED_FLAGS.out,
  fresh: SHARED_FLAGS.fresh,
  ...SHARD_FLAGS,
} as const satisfies FlagTable;

/**
 * Fig. 2's command line; `samples` and `epochs` come from its presets.
 *
 * @example
 * ```ts
 * import { FIG2_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags } = parseTaskFlags(["--preset", "paper", "--epochs", "5"], FIG2_TASK)!;
 * assert.deepEqual([flags.samples, flags.epochs, flags.batch, flags.learningRate], [10000, 5, 32, 0.001]);
 * ```
 */
export const FIG2_TASK: TaskSpec<typeof FIG2_FLAGS, typeof FIG2_PRESETS> = {
  task: "fig2",
  summary: `Trains the paper's NN to recover x from x², on raw x (B) and on |x| (A, sign symmetry broken),
and writes fig2.csv (the two test errors), fig2.svg and run.json.`,
  flags: FIG2_FLAGS,
  presets: FIG2_PRESETS,
  // The pairs (x, x²) are n = 1 data: one input, one output.
  check: ({ samples, batch }) =>
    checkCellBudget(`--samples ${samples} --batch ${batch}`, sqrtCellBytes(samples, batch)),
};

// Fig. 2's cell: the pairs (samples × 2 × 4 B), the NN on one input and one output, its activations.
function sqrtCellBytes(samples: number, batch: number): [string, number][] {
  const sizes = layerSizes("nn", 1, 1);
  return [
    ["pairs (samples × 2 × 4 B)", samples * 2 * 4],
    ["nn weights (parameters × 16 B)", parameterCount(sizes) * 16],
    ["activations (batch × layer widths × 8 B)", batch * sizes.reduce((a, b) => a + b, 0) * 8],
  ];
}

/**
 * The `--preset` help of a study: each preset's grid.
 *
 * @param presets The study's presets.
 * @returns One line.
 *
 * @example
 * ```ts
 * import { sweepPresetHelp } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sweepPresetHelp({ default: { n: [5], samples: 20000, epochs: 10 } }), "default (n=5; 20000 samples; epochs≤10)");
 * ```
 */
export function sweepPresetHelp(presets: Record<string, SweepPreset>): string {
  return Object.entries(presets).map(([k, p]) =>
    `${k} (n=${p.n.join(",")}; ${p.samples} samples; epochs≤${p.epochs})`
  )
    .join(" or ");
}

/** The flags every study (Table 4, Fig. 4) shares after its own; `n`, `samples` and `epochs` come from its preset. */
const SWEEP_FLAGS = {
  n: SHARED_FLAGS.n,
  samples: { ...SHARED_FLAGS.samples, min: MIN_SAMPLES, help: `dataset size (≥ ${MIN_SAMPLES})` },
  epochs: SHARED_FLAGS.epochs,
  batch: { ...FIT_FLAGS.batch, help: "mini-batch size where not swept (default {default})" },
  lr: { ...FIT_FLAGS.lr, help: "Adam learning rate where not swept (default {default})" },
  patience: FIT_FLAGS.patience,
  seed: SHARED_FLAGS.seed,
  workers: SHARED_FLAGS.workers,
  backend: SHARED_FLAGS.backend,
  out: SHARED_FLAGS.out,
  fresh: SHARED_FLAGS.fresh,
  ...SHARD_FLAGS,
} as const satisfies FlagTable;

// Explicitly typed, so that the task specs below keep types a reader of the published module can see.
const TABLE4_PRESET_HELP: string = sweepPresetHelp(TABLE4_PRESETS);
const FIG4_PRESET_HELP: string = sweepPresetHelp(FIG4_PRESETS);
const SCHEMES_HELP: string = `any of ${REGULARIZATIONS.join(",")} (default: all)`;

/**
 * Table 4's flags, as its task spec TABLE4_TASK has them.
 *
 * @example
 * ```ts
 * import { TABLE4_FLAGS } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(TABLE4_FLAGS.seed.default, 1);
 * ```
 */
export const TABLE4_FLAGS = {
  coefficient: {
    kind: "positive",
    default: DEFAULT_COEFFICIENT,
    help: "λ of each penalty term (default {default}; the paper gives none)",
  },
  schemes: {
    kind: "choices",
    choices: REGULARIZATIONS,
    default: REGULARIZATIONS,
    help: SCHEMES_HELP,
  },
  preset: { ...SHARED_FLAGS.preset, help: TABLE4_PRESET_HELP },
  ...SWEEP_FLAGS,
} as const satisfies FlagTable;

/**
 * Table 4's command line: its own flags, then the study's.
 *
 * @example
 * ```ts
 * import { TABLE4_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags } = parseTaskFlags(["--schemes", "l1,l2", "--samples", "2e4"], TABLE4_TASK)!;
 * assert.deepEqual([flags.schemes, flags.samples, flags.coefficient], [["l1", "l2"], 20000, 1e-4]);
 * assert.throws(() => parseTaskFlags(["--schemes", "l3"], TABLE4_TASK), /--schemes has unknown value "l3"/);
 * ```
 */
export const TABLE4_TASK: TaskSpec<typeof TABLE4_FLAGS, typeof TABLE4_PRESETS> = {
  task: "table4",
  summary: `Retrains NN-B (raw targets, real Gaussian PR) with L1, L2 and L1+L2 weight penalties,
beside the unregularised NN-B, and writes table4.csv, table4.md and run.json.`,
  flags: TABLE4_FLAGS,
  presets: TABLE4_PRESETS,
  check: ({ n, samples, batch }) => checkPRBudget("real", n, [samples], ["nn"], [batch]),
};

/**
 * Fig. 4's flags, as its task spec FIG4_TASK has them.
 *
 * @example
 * ```ts
 * import { FIG4_FLAGS } from "./task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(FIG4_FLAGS.seed.default, 1);
 * ```
 */
export const FIG4_FLAGS = {
  batches: {
    kind: "intList",
    min: 1,
    default: FIG4_BATCHES,
    help: "mini-batch sizes (default {default}; learning rate from --lr)",
  },
  lrs: {
    kind: "numberList",
    min: 1e-12,
    max: 10,
    key: "learningRates",
    default: FIG4_LEARNING_RATES,
    help: "learning rates (default {default}; batch from --batch)",
  },
  variants: {
    kind: "custom",
    arg: "LIST",
    default: ["A", "B"],
    parse: (flag: string, text: string): ("A" | "B")[] =>
      parseChoices(flag, text.toLowerCase(), ["a", "b"] as const).map((v) => v.toUpperCase() as "A" | "B"),
    help: "A, B or both (default {default}: the paper does not say which it swept)",
  },
  preset: { ...SHARED_FLAGS.preset, help: FIG4_PRESET_HELP },
  ...SWEEP_FLAGS,
} as const satisfies FlagTable;

/**
 * Fig. 4's command line: the swept values, then the study's flags.
 *
 * @example
 * ```ts
 * import { FIG4_TASK } from "./task_flags.ts";
 * import { parseTaskFlags } from "../../src/cli/parse_task_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const { flags } = parseTaskFlags(["--variants", "b", "--lrs", "0.1,0.01"], FIG4_TASK)!;
 * assert.deepEqual([flags.variants, flags.learningRates, flags.epochs], [["B"], [0.1, 0.01], 10]);
 * ```
 */
export const FIG4_TASK: TaskSpec<typeof FIG4_FLAGS, typeof FIG4_PRESETS> = {
  task: "fig4",
  summary: `Trains NN on real Gaussian PR with canonicalised (A) and raw (B) targets, sweeping the
mini-batch size and the learning rate, and writes fig4_batch.csv, fig4_lr.csv, one SVG
per panel (fig4_batch_A.svg, fig4_batch_B.svg, fig4_lr_A.svg, fig4_lr_B.svg) and run.json.`,
  flags: FIG4_FLAGS,
  presets: FIG4_PRESETS,
  check: ({ n, samples, batch, batches }) =>
    checkPRBudget(
      "real",
      n,
      [samples],
      ["nn"],
      [batch, ...batches],
      Math.max(...batches) > batch ? "--batches" : "--batch",
    ),
};
