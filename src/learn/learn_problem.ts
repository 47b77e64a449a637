import type { InverseProblem } from "../symmetry/define_problem.ts";
import { FIT_DEFAULTS } from "../nn/fit.ts";
import { HIDDEN } from "../nn/architectures.ts";
import { cellHash } from "../runner/cell_store.ts";
import type { GridJob } from "../runner/run_grid.ts";
import type { Shard } from "../runner/shard.ts";
import type { BackendName } from "../nn/backend.ts";
import { runExperiment } from "../runner/run_experiment.ts";
import { type LearnJob, runLearnJob } from "./_learn_job.ts";
import type { LearnerName } from "./learn_cell.ts";
import { LEARN_COLUMNS, learnMarkdown, type LearnRow } from "./learn_table.ts";

/** Options of {@linkcode learnProblem}. */
export interface LearnOptions {
  /** Pairs drawn from the problem: 72 % train, 8 % validation, 20 % test. */
  samples: number;
  /** Learners to compare: `"nn"`, `"wnn"`, `"dnn"` (the paper's MLPs) and `"knn"`. */
  models: readonly LearnerName[];
  /** Run seed; the dataset, weights and batch orders derive from it. */
  seed: number;
  /** Most epochs per network (default 100). */
  epochs?: number;
  /** Mini-batch size (default 64). */
  batch?: number;
  /** Adam learning rate (default 0.001). */
  learningRate?: number;
  /** Early-stopping patience in epochs (default 10). */
  patience?: number;
  /** Neighbours of K-NN (default 5). */
  k?: number;
  /** Cells in parallel on module Workers (default 1: in this thread). */
  workers?: number;
  /** Output folder for `learn-<name>.csv`, `learn-<name>.md`, `run.json` (entry `learn:<name>`) and the cells in `.cells/learn`. */
  out?: string;
  /** The module the problem can be imported from (`import.meta.url` of its file): needed with `workers > 1` or `out`. */
  module?: string | URL;
  /** The export of `module` holding the problem (default `"default"`). */
  exportName?: string;
  /** Forget stored cells (with `out`). */
  fresh?: boolean;
  /** The backend networks train on (`"wasm"` or `"webgpu"`; settle `"auto"` first); default wasm. */
  backend?: BackendName;
  /** Run only this shard's cells (machines sharing `out`; see `runGrid`). */
  shard?: Shard;
  /** Assemble the tables from stored cells only, failing if any is missing. */
  merge?: boolean;
  /** Where progress lines go, with the runner (default standard error). */
  write?: (text: string) => void;
}

/**
 * Part of every cell key of `learnProblem`: bump it when a code change
 * alters the result of a cell with the same parameters.
 *
 * @example
 * ```ts
 * import { LEARN_RESULTS_VERSION } from "./learn_problem.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(Number.isInteger(LEARN_RESULTS_VERSION));
 * ```
 */
export const LEARN_RESULTS_VERSION = 1;

/**
 * The paper's A/B/K-NN comparison on any declared inverse problem: each
 * network is trained on one dataset drawn from the problem with
 * canonicalised targets (variant A) and raw targets (B), K-NN is fit on
 * canonicalised targets, and every learner is scored on raw test signals
 * with the problem's orbit distance (error = mean orbit distance ÷
 * signalDim, the paper's formula 4.1 for any group). The training backend
 * is initialised here.
 *
 * By default the cells run one after another in this thread. With
 * `workers > 1` or `out` they go through the runner (module Workers,
 * resumable cells, a progress line, `learn-<name>.csv` and `learn-<name>.md` rewritten as
 * cells finish): the workers import the problem again, so `module` must
 * name where it is exported (with `exportName`).
 *
 * @param problem The problem, from `defineProblem`.
 * @param options Sizes, learners, seed, training settings; workers and output folder.
 * @returns One row per learner and variant: model, variant, error, epochs, seconds.
 * @throws {TypeError} For a missing or mistyped option, or `workers > 1`/`out` without `module`.
 * @throws {RangeError} For a size, count or setting out of range.
 *
 * @example NN and K-NN on y = x²
 * ```ts
 * import { learnProblem } from "./learn_problem.ts";
 * import { squareProblem } from "../forward/square.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = await learnProblem(squareProblem(), { samples: 2000, models: ["nn", "knn"], seed: 1, epochs: 20 });
 * assert.deepEqual(rows.map((r) => `${r.model}-${r.variant}`), ["nn-A", "nn-B", "knn-A"]);
 * const error = (m: string, v: string) => rows.find((r) => r.model === m && r.variant === v)!.error;
 * assert.ok(error("nn", "A") < error("nn", "B"));
 * ```
 */
export async function learnProblem(problem: InverseProblem, options: LearnOptions): Promise<LearnRow[]> {
  const jobs = learnJobs(problem, options, await fingerprint(problem));
  const workers = options.workers ?? 1;
  if (workers <= 1 && options.out === undefined && !options.shard && !options.merge) {
    const rows: LearnRow[] = [];
    for (const job of jobs) rows.push(await runLearnJob(job.params, () => {}, problem));
    return rows;
  }
  const out = options.out ?? await Deno.makeTempDir({ prefix: "symbreak-learn-" });
  const title = `learn: ${problem.name} (${problem.symmetry.name})`;
  try {
    const result = await runExperiment({
      worker: new URL("./_worker.ts", import.meta.url),
      name: "learn",
      outDir: out,
      jobs,
      workers,
      fresh: options.fresh,
      shard: options.shard,
      merge: options.merge,
      ...(options.write ? { write: options.write, live: false } : {}),
      ...(options.out === undefined ? {} : {
        csv: [{ file: `learn-${problem.name}.csv`, columns: LEARN_COLUMNS, blank: ["val_loss"] }],
        tables: [{
          file: `learn-${problem.name}.md`,
          text: (rows: LearnRow[]) => learnMarkdown(rows, title),
        }],
        record: {
          task: `learn:${problem.name}`,
          config: { problem: problem.name, ...options, module: String(options.module) },
        },
      }),
    });
    return result.rows;
  } finally {
    if (options.out === undefined) await Deno.remove(out, { recursive: true });
  }
}

// What the problem does, as a digest of a few sampled signals, their measurements and representatives: a stored
// cell is reused only while the sampler, the forward model and the symmetry behave as they did.
async function fingerprint(problem: InverseProblem): Promise<string> {
  const x = problem.sample(8, 0x5eed);
  const parts = [
    x,
    problem.forward(x),
    problem.symmetry.canonicalize(x),
    new TextEncoder().encode(problem.symmetry.name),
  ];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o);
    o += p.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function learnJobs(
  problem: InverseProblem,
  options: LearnOptions,
  behaviour: string,
): (GridJob<LearnRow> & { params: LearnJob })[] {
  const what = "Cannot learn problem";
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${what}: options must be an object`);
  }
  const o = {
    epochs: options.epochs ?? FIT_DEFAULTS.epochs,
    batch: options.batch ?? FIT_DEFAULTS.batch,
    learningRate: options.learningRate ?? FIT_DEFAULTS.learningRate,
    patience: options.patience ?? FIT_DEFAULTS.patience,
    k: options.k ?? 5,
  };
  for (
    const [name, v, min] of [
      ["samples", options.samples, 100],
      ["epochs", o.epochs, 1],
      ["batch", o.batch, 1],
      ["patience", o.patience, 1],
      ["k", o.k, 1],
      ["workers", options.workers ?? 1, 1],
    ] as const
  ) {
    if (!Number.isSafeInteger(v) || (v as number) < min) {
      throw new RangeError(`${what}: ${name} must be an integer ≥ ${min}, got ${v}`);
    }
  }
  if (!Number.isSafeInteger(options.seed)) {
    throw new TypeError(`${what}: seed must be a safe integer, got ${options.seed}`);
  }
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) {
    throw new RangeError(`${what}: learningRate must be a positive number, got ${o.learningRate}`);
  }
  if (!Array.isArray(options.models) || options.models.length === 0) {
    throw new TypeError(`${what}: models must be a non-empty array of "nn", "wnn", "dnn" or "knn"`);
  }
  for (const m of options.models) {
    if (m !== "knn" && !Object.hasOwn(HIDDEN, m)) {
      throw new RangeError(`${what}: unknown model "${m}" (use "nn", "wnn", "dnn" or "knn")`);
    }
  }
  if (
    ((options.workers ?? 1) > 1 || options.out !== undefined || options.shard) && options.module === undefined
  ) {
    throw new TypeError(
      `${what}: with workers > 1 or out, options.module must name the module that exports the problem ` +
        `(e.g. import.meta.url), so that workers can import it`,
    );
  }
  const module = options.module === undefined ? undefined : new URL(options.module).href;
  const exportName = options.exportName ?? "default";
  const { name, signalDim, measurementDim } = problem;
  const models = [...new Set(options.models)];
  return models.flatMap((model) =>
    (model === "knn" ? ["A" as const] : ["A" as const, "B" as const]).map((variant) => {
      const params: LearnJob = {
        ...(module ? { module } : {}),
        exportName,
        expect: { name, signalDim, measurementDim },
        samples: options.samples,
        model,
        variant,
        seed: options.seed,
        ...o,
        ...(options.backend && options.backend !== "wasm" && model !== "knn"
          ? { backend: options.backend }
          : {}),
      };
      const identity = { ...params, module: undefined, exportName: undefined, behaviour };
      const cost = model === "knn" ? 0.1 : (model === "dnn" ? 20 : model === "wnn" ? 3 : 1) * o.epochs;
      return {
        kind: "learn",
        params,
        key: `${name}-s${options.samples}-${model}-${variant}-${cellHash(LEARN_RESULTS_VERSION, identity)}`,
        label: `${name} ${model}-${variant}`,
        cost: (cost * options.samples) / 1e4,
        maxEpochs: model === "knn" ? 0 : o.epochs,
        summarize: (row: LearnRow) => `error ${row.error.toPrecision(3)}`,
      };
    })
  );
}
