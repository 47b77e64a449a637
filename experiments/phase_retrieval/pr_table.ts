import type { ModelName } from "../../src/nn/architectures.ts";
import type { BackendName } from "../../src/nn/backend.ts";
import { prMarkdown, sampleLabel } from "./pr_markdown.ts";
import type { PRJob, PRRow, Variant } from "./pr_job.ts";
import type { GridJob } from "../../src/runner/run_grid.ts";
import { prGridOptions } from "./grid_options.ts";
import { runExperiment } from "../../src/runner/run_experiment.ts";
import { prGridJob } from "./pr_grid_job.ts";

/**
 * The CSV columns of a phase-retrieval table; the first nine are fixed by the issue.
 *
 * @example The keys of a row, in order
 * ```ts
 * import { PR_COLUMNS } from "./pr_table.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(PR_COLUMNS.length, 13);
 * assert.deepEqual(PR_COLUMNS.slice(0, 4), ["n", "samples", "model", "variant"]);
 * ```
 */
export const PR_COLUMNS = [
  "n",
  "samples",
  "model",
  "variant",
  "error",
  "error_paper_scale",
  "epochs",
  "train_seconds",
  "seed",
  "field",
  "params",
  "best_epoch",
  "val_loss",
] as const;

/** Everything a phase-retrieval table run depends on; the training settings are shared by every job. */
export interface PRTableConfig
  extends Pick<PRJob, "field" | "seed" | "epochs" | "batch" | "learningRate" | "patience" | "k"> {
  /** Output base name and cell folder, e.g. `"table1"`. */
  name: string;
  /** Name of the preset the grid came from (`"default"` or `"paper"`), recorded in `run.json`. */
  preset: string;
  /** Signal dimensions n of the grid. */
  n: number[];
  /** Dataset sizes of the grid (whole dataset: train, validation and test). */
  samples: number[];
  /** Networks and/or `"knn"`. */
  models: (ModelName | "knn")[];
  /** Also run K-NN on raw targets (variant B). */
  knnRaw: boolean;
  /** Module Workers running jobs in parallel. */
  workers: number;
  /** Output folder for the CSV, Markdown, `run.json` and `.cells/`. */
  out: string;
  /** Forget stored cells and run every job again. */
  fresh: boolean;
  /** The backend networks train on (`selectBackend` settles `--backend`); absent: wasm. */
  backend?: BackendName;
  /** The WebGPU adapter's description, recorded in `run.json` beside a WebGPU backend. */
  adapter?: string;
}

/**
 * The jobs of a table, in the paper's order: for each (n, samples), every
 * network in variants A and B, then K-NN.
 *
 * @param config The grid and its settings.
 * @returns One grid job per row, with its cell key, label and cost estimate.
 *
 * @example Two networks and K-NN on one cell
 * ```ts
 * import { prTableJobs } from "./pr_table.ts";
 * import assert from "node:assert/strict";
 *
 * const jobs = prTableJobs({
 *   name: "t", field: "real", preset: "x", n: [5], samples: [20000], models: ["nn", "knn"],
 *   knnRaw: false, seed: 1, epochs: 100, batch: 64, learningRate: 1e-3, patience: 10, k: 5,
 *   workers: 1, out: "results", fresh: false,
 * });
 * assert.deepEqual(jobs.map((j) => j.label), ["n=5 s=2e4 nn-A", "n=5 s=2e4 nn-B", "n=5 s=2e4 knn-A"]);
 * ```
 */
export function prTableJobs(config: PRTableConfig): GridJob<PRRow>[] {
  const jobs: GridJob<PRRow>[] = [];
  for (const n of config.n) {
    for (const samples of config.samples) {
      for (const model of config.models) {
        const variants: Variant[] = model !== "knn" || config.knnRaw ? ["A", "B"] : ["A"];
        for (const variant of variants) jobs.push(tableJob(config, n, samples, model, variant));
      }
    }
  }
  return jobs;
}

function tableJob(
  c: PRTableConfig,
  n: number,
  samples: number,
  model: ModelName | "knn",
  variant: Variant,
): GridJob<PRRow> {
  const { field, seed, epochs, batch, learningRate, patience, k, backend } = c;
  const params: PRJob = {
    field,
    n,
    samples,
    model,
    variant,
    seed,
    epochs,
    batch,
    learningRate,
    patience,
    k,
    backend,
  };
  return prGridJob(params, `n=${n} s=${sampleLabel(samples)} ${model}-${variant}`);
}

/**
 * Runs a phase-retrieval table (Table 1 real, Table 2 complex) and writes
 * `<name>.csv`, `<name>.md` and `run.json` into the output folder. Finished
 * cells are kept under `<out>/.cells/<name>` and reused by the next run of
 * the same configuration; the CSV and Markdown are rewritten atomically after
 * every finished cell.
 *
 * @param config The grid and its settings.
 * @returns The rows in grid order.
 *
 * @example A tiny K-NN table in a temporary folder
 * ```ts
 * import { PR_COLUMNS, runPRTable } from "./pr_table.ts";
 * import assert from "node:assert/strict";
 *
 * const out = await Deno.makeTempDir();
 * const rows = await runPRTable({
 *   name: "demo", preset: "default", field: "real", n: [2], samples: [100], models: ["knn"],
 *   knnRaw: true, seed: 1, epochs: 1, batch: 64, learningRate: 1e-3, patience: 10, k: 5,
 *   workers: 1, out, fresh: false,
 * });
 * assert.deepEqual(rows.map((r) => `${r.model}-${r.variant}`), ["knn-A", "knn-B"]);
 * const csv = (await Deno.readTextFile(`${out}/demo.csv`)).trimEnd().split("\n");
 * assert.equal(csv[0], PR_COLUMNS.join(","));
 * assert.equal(csv.length, 3);
 * assert.ok("demo" in JSON.parse(await Deno.readTextFile(`${out}/run.json`)));
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function runPRTable(config: PRTableConfig): Promise<PRRow[]> {
  const jobs = prTableJobs(config);
  const title = `${config.name}: ${config.field} Gaussian phase retrieval`;
  const result = await runExperiment({
    ...prGridOptions(config),
    jobs,
    csv: [{ file: `${config.name}.csv`, columns: PR_COLUMNS, blank: ["val_loss"] }],
    tables: [{ file: `${config.name}.md`, text: (rows) => prMarkdown(rows, title) }],
  });
  return result.rows;
}
