import type { Field } from "../../src/forward/gaussian_pr.ts";
import type { ModelName } from "../../src/nn/architectures.ts";
import { FIT_DEFAULTS } from "../../src/nn/fit.ts";
import type { PRTableConfig } from "./pr_table.ts";
import { parseChoices, parseInteger, parseIntList, parsePositive } from "../../src/cli/flags.ts";
import { UsageError } from "../../src/cli/usage_error.ts";
import { parseFlags } from "../../src/cli/parse_flags.ts";
import { outDirFlag } from "../../src/cli/output_dir.ts";

/** The smallest dataset a table accepts: enough rows for every split and for K-NN. */
export const MIN_SAMPLES = 100;

const MODELS = ["nn", "wnn", "dnn", "knn"] as const;

/** The presets of a phase-retrieval table. */
export const PR_PRESETS = {
  /** About 10 minutes on 2 cores: every n at 2e4 with NN, WNN and K-NN. */
  default: { n: [5, 10, 15], samples: [20000], models: ["nn", "wnn", "knn"] },
  /** The paper's whole grid. */
  paper: { n: [5, 10, 15], samples: [20000, 50000, 100000, 1000000], models: ["nn", "wnn", "dnn", "knn"] },
} as const satisfies Record<
  string,
  { n: number[]; samples: number[]; models: readonly (ModelName | "knn")[] }
>;

/** Help text of a phase-retrieval table task. */
export function prTableHelp(name: string, field: Field): string {
  return `Usage: deno task ${name} [flags]

Trains NN, WNN and DNN on ${field} Gaussian phase retrieval with (A) and without (B)
symmetry breaking, beside K-NN, and writes ${name}.csv, ${name}.md and run.json.

  --preset NAME     default (n=5,10,15; 2e4 samples; nn,wnn,knn) or paper (full grid)
  --n LIST          signal dimensions, e.g. 5,15
  --samples LIST    dataset sizes (≥ ${MIN_SAMPLES}), e.g. 20000,1e5
  --models LIST     any of nn,wnn,dnn,knn
  --knn-raw         also run K-NN on raw targets (variant B)
  --epochs N        most epochs per network (default ${FIT_DEFAULTS.epochs})
  --batch N         mini-batch size (default ${FIT_DEFAULTS.batch}; the paper gives none)
  --lr X            Adam learning rate (default ${FIT_DEFAULTS.learningRate})
  --patience N      early-stopping patience in epochs (default ${FIT_DEFAULTS.patience})
  --k N             neighbours of the K-NN baseline (default 5)
  --seed N          run seed; dataset and network seeds derive from it (default 1)
  --workers N       parallel workers (default: the number of cores)
  --out DIR         output folder (default results; the task may write only there)
  --fresh           forget finished cells and start over
  --help            print this text
`;
}

/**
 * Parses the flags of a phase-retrieval table task (`table1`, `table2`).
 * Flags override the preset; bad input throws a {@linkcode UsageError}.
 *
 * @param name The task name.
 * @param field The table's field.
 * @param args Command-line arguments.
 * @returns The configuration, or `undefined` after `--help`.
 *
 * @example
 * ```ts
 * import { parsePRTableArgs } from "./pr_table_args.ts";
 * import assert from "node:assert/strict";
 *
 * const c = parsePRTableArgs("table1", "real", ["--n", "5", "--samples", "2e4"])!;
 * assert.deepEqual([c.n, c.samples, c.models], [[5], [20000], ["nn", "wnn", "knn"]]);
 * assert.throws(() => parsePRTableArgs("table1", "real", ["--n", "0"]), /--n/);
 * ```
 */
export function parsePRTableArgs(name: string, field: Field, args: string[]): PRTableConfig | undefined {
  const values = parseFlags(args, {
    preset: { type: "string", default: "default" },
    n: { type: "string" },
    samples: { type: "string" },
    models: { type: "string" },
    "knn-raw": { type: "boolean", default: false },
    epochs: { type: "string", default: String(FIT_DEFAULTS.epochs) },
    batch: { type: "string", default: String(FIT_DEFAULTS.batch) },
    lr: { type: "string", default: String(FIT_DEFAULTS.learningRate) },
    patience: { type: "string", default: String(FIT_DEFAULTS.patience) },
    k: { type: "string", default: "5" },
    seed: { type: "string", default: "1" },
    workers: { type: "string", default: String(navigator.hardwareConcurrency || 1) },
    out: { type: "string", default: "results" },
    fresh: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  });
  if (values.help) {
    console.log(prTableHelp(name, field));
    return undefined;
  }
  const presetName = values.preset as string;
  if (!Object.hasOwn(PR_PRESETS, presetName)) {
    throw new UsageError(
      `--preset must be one of ${Object.keys(PR_PRESETS).join(", ")}, got "${presetName}"`,
    );
  }
  const preset = PR_PRESETS[presetName as keyof typeof PR_PRESETS];
  const samples = values.samples === undefined
    ? [...preset.samples]
    : parseIntList("samples", values.samples, MIN_SAMPLES);
  const k = parseInteger("k", values.k, 1, 64);
  if (k > Math.floor(0.8 * Math.min(...samples))) {
    throw new UsageError(`--k ${k} is larger than the smallest training set`);
  }
  const out = outDirFlag(values.out);
  return {
    name,
    field,
    preset: presetName,
    n: values.n === undefined ? [...preset.n] : parseIntList("n", values.n, 1),
    samples,
    models: values.models === undefined ? [...preset.models] : parseChoices("models", values.models, MODELS),
    knnRaw: values["knn-raw"],
    seed: parseInteger("seed", values.seed, 0),
    epochs: parseInteger("epochs", values.epochs, 1),
    batch: parseInteger("batch", values.batch, 1),
    learningRate: parsePositive("lr", values.lr),
    patience: parseInteger("patience", values.patience, 1),
    k,
    workers: parseInteger("workers", values.workers, 1, 256),
    out,
    fresh: values.fresh,
  };
}
