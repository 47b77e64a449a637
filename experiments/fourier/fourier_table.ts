import type { FourierRule } from "../../src/forward/fourier_pr.ts";
import { layerSizes, parameterCount } from "../../src/nn/architectures.ts";
import { imageGridSvg } from "../../src/report/image_grid_svg.ts";
import { cellHash } from "../../src/runner/cell_store.ts";
import type { GridJob } from "../../src/runner/run_grid.ts";
import { runExperiment } from "../../src/runner/run_experiment.ts";
import type { Shard } from "../../src/runner/shard.ts";
import type { FourierJob, FourierMethod, FourierRow, FourierSetting } from "./fourier_job.ts";

/**
 * Part of every cell key: bump it when a code change alters the result of a cell with the same parameters.
 *
 * @example
 * ```ts
 * import { FOURIER_RESULTS_VERSION } from "./fourier_table.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(Number.isInteger(FOURIER_RESULTS_VERSION));
 * ```
 */
export const FOURIER_RESULTS_VERSION = 1;

/**
 * The columns of `fourier.csv`, long format: one row per setting, method, variant and rule.
 *
 * @example
 * ```ts
 * import { FOURIER_COLUMNS } from "./fourier_table.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(FOURIER_COLUMNS.slice(0, 6), ["setting", "n", "samples", "model", "variant", "error"]);
 * ```
 */
export const FOURIER_COLUMNS = [
  "setting",
  "n",
  "samples",
  "model",
  "variant",
  "error",
  "rule",
  "orbit_distance",
  "seconds_per_signal",
  "train_seconds",
  "signals",
  "epochs",
  "best_epoch",
  "params",
  "val_loss",
  "seed",
] as const satisfies readonly (keyof FourierRow)[];

/** Everything a `deno task fourier` run depends on; the training and HIO settings are every job's. */
export interface FourierConfig extends
  Pick<
    FourierJob,
    | "seed"
    | "epochs"
    | "batch"
    | "learningRate"
    | "patience"
    | "k"
    | "hioIterations"
    | "hioEr"
    | "hioRestarts"
    | "hioSignals"
  > {
  /** Preset the grid came from, recorded in `run.json`. */
  preset: string;
  /** Run only this shard's cells (many machines); not recorded in `run.json`. */
  shard?: Shard;
  /** Kubernetes shard count, read into `shard`; not recorded. */
  shards?: number;
  /** Assemble from stored cells only; not recorded. */
  merge?: boolean;
  /** Settings to run. */
  settings: FourierSetting[];
  /** Image side of `real-2d`. */
  n: number;
  /** Signal length of `complex-1d`. */
  n1d: number;
  /** Grid size ÷ signal size. */
  oversample: number;
  /** Pairs per setting. */
  samples: number;
  /** Methods: networks, `"knn"`, `"hio"`. */
  models: FourierMethod[];
  /** Canonicalisation rules of variant A (and of K-NN). */
  rules: FourierRule[];
  /** Images of `real-2d`, and their fingerprint. */
  data: string;
  /** The image folder's fingerprint (cell keys). */
  dataset?: string;
  /** Module Workers running cells in parallel. */
  workers: number;
  /** Output folder. */
  out: string;
  /** Forget stored cells and rerun them. */
  fresh: boolean;
}

/**
 * The grid: for each setting, each network in variant A (one cell per
 * rule) and B, K-NN in variant A per rule, and HIO.
 *
 * @param config The run.
 * @returns One grid job per row.
 *
 * @example
 * ```ts
 * import { fourierJobs } from "./fourier_table.ts";
 * import assert from "node:assert/strict";
 *
 * const jobs = fourierJobs({
 *   preset: "x", settings: ["complex-1d"], n: 16, n1d: 8, oversample: 2, samples: 1000,
 *   models: ["nn", "knn", "hio"], rules: ["reference", "centring"], seed: 1, epochs: 10, batch: 64,
 *   learningRate: 1e-3, patience: 5, k: 5, hioIterations: 10, hioEr: 5, hioRestarts: 1, hioSignals: 5,
 *   data: "d", workers: 1, out: "o", fresh: false,
 * });
 * assert.deepEqual(jobs.map((j) => j.label), [
 *   "complex-1d nn-A reference", "complex-1d nn-A centring", "complex-1d nn-B",
 *   "complex-1d knn-A reference", "complex-1d knn-A centring", "complex-1d hio",
 * ]);
 * ```
 */
export function fourierJobs(config: FourierConfig): GridJob<FourierRow>[] {
  const jobs: GridJob<FourierRow>[] = [];
  for (const setting of config.settings) {
    for (const model of config.models) {
      const cells: [FourierJob["variant"], FourierJob["rule"]][] = model === "hio" ? [["-", "-"]] : [
        ...config.rules.map((r) => ["A", r] as [FourierJob["variant"], FourierRule]),
        ...(model === "knn" ? [] : [["B", "-"] as [FourierJob["variant"], "-"]]),
      ];
      for (const [variant, rule] of cells) jobs.push(fourierGridJob(config, setting, model, variant, rule));
    }
  }
  return jobs;
}

function fourierGridJob(
  c: FourierConfig,
  setting: FourierSetting,
  model: FourierMethod,
  variant: FourierJob["variant"],
  rule: FourierJob["rule"],
): GridJob<FourierRow> {
  const n = setting === "real-2d" ? c.n : c.n1d;
  const params: FourierJob = {
    setting,
    n,
    oversample: c.oversample,
    samples: c.samples,
    model,
    variant,
    rule,
    seed: c.seed,
    epochs: c.epochs,
    batch: c.batch,
    learningRate: c.learningRate,
    patience: c.patience,
    k: c.k,
    hioIterations: c.hioIterations,
    hioEr: c.hioEr,
    hioRestarts: c.hioRestarts,
    hioSignals: c.hioSignals,
    examples: setting === "real-2d" ? 4 : 0,
    ...(setting === "real-2d" ? { data: c.data, dataset: c.dataset } : {}),
  };
  const grid = setting === "real-2d" ? (c.oversample * n) ** 2 : c.oversample * n;
  const dim = setting === "real-2d" ? grid : 2 * grid, train = 0.72 * c.samples;
  // Rough seconds on one core, for scheduling and the ETA only.
  const cost = model === "hio"
    ? (Math.min(c.hioSignals, 0.2 * c.samples) * c.hioRestarts * (c.hioIterations + c.hioEr) * grid * 2e-7)
    : model === "knn"
    ? (0.2 * c.samples * 0.8 * c.samples * grid) / 1e9
    : (6 * parameterCount(layerSizes(model, grid, dim)) * train * c.epochs * 0.5) / 10e9;
  const { data: _data, ...identity } = params;
  return {
    kind: "fourier",
    params,
    key: `${setting}-n${n}-s${c.samples}-${model}-${variant}${rule === "-" ? "" : `-${rule}`}-${
      cellHash(FOURIER_RESULTS_VERSION, identity)
    }`,
    label: `${setting} ${model}${variant === "-" ? "" : `-${variant}`}${rule === "-" ? "" : ` ${rule}`}`,
    cost,
    maxEpochs: model === "knn" || model === "hio" ? 0 : c.epochs,
    summarize: (r) => `error ${r.error.toPrecision(3)}, ${r.seconds_per_signal.toPrecision(2)} s/signal`,
  };
}

const LABEL: Record<string, string> = { nn: "NN", wnn: "WNN", dnn: "DNN", knn: "K-NN", hio: "HIO" };

/**
 * `fourier.md`: per setting, one line per method, its error with
 * canonicalised targets (one column per rule), with raw targets, and HIO's,
 * beside seconds per reconstruction.
 *
 * @param rows Finished rows.
 * @returns Markdown text.
 *
 * @example
 * ```ts
 * import { fourierMarkdown } from "./fourier_table.ts";
 * import assert from "node:assert/strict";
 *
 * const row = { setting: "complex-1d", n: 8, samples: 100, orbit_distance: 0, train_seconds: 1, signals: 20,
 *   epochs: 0, best_epoch: 0, params: 0, val_loss: null, seed: 1 } as const;
 * const md = fourierMarkdown([
 *   { ...row, model: "knn", variant: "A", rule: "reference", error: 0.5, seconds_per_signal: 1e-4 },
 *   { ...row, model: "hio", variant: "-", rule: "-", error: 0.25, seconds_per_signal: 0.01 },
 * ]);
 * assert.match(md, /\| K-NN \| 0\.500 \| – \| – \| – \| 0\.000100 \|/);
 * assert.match(md, /\| HIO \| – \| – \| – \| 0\.250 \| 0\.0100 \|/);
 * ```
 */
export function fourierMarkdown(rows: readonly FourierRow[]): string {
  const lines = [
    "## Fourier phase retrieval: learning with and without symmetry breaking, against HIO",
    "",
    "Error: mean orbit distance min_g ‖g·x̂ − x‖² over shifts, the conjugate flip (and the phase) ÷ mean ‖x‖²",
    "on raw test signals (0 is perfect, 1 is as bad as predicting 0). Seconds: one reconstruction (a forward",
    "pass, a K-NN query, or one HIO run with all its starts), after training.",
  ];
  for (const setting of [...new Set(rows.map((r) => r.setting))]) {
    const mine = rows.filter((r) => r.setting === setting);
    const { n, samples } = mine[0];
    lines.push(
      "",
      `### ${setting}: ${setting === "real-2d" ? `${n}×${n} images` : `n = ${n}`}, ${samples} pairs`,
      "",
      "| model | A, reference rule | A, centring rule | B, raw targets | HIO | seconds per signal |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const model of [...new Set(mine.map((r) => r.model))]) {
      const find = (variant: string, rule: string) =>
        mine.find((r) => r.model === model && r.variant === variant && r.rule === rule);
      const cell = (r: FourierRow | undefined) =>
        r === undefined ? "–" : Number.isFinite(r.error) ? r.error.toPrecision(3) : String(r.error);
      const timed = find("A", "reference") ?? find("-", "-") ?? mine.find((r) => r.model === model)!;
      lines.push(
        `| ${LABEL[model] ?? model} | ${cell(find("A", "reference"))} | ${cell(find("A", "centring"))} | ${
          cell(find("B", "-"))
        } | ${cell(find("-", "-"))} | ${timed.seconds_per_signal.toPrecision(3)} |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * `fourier_examples.svg`: for the first test images of `real-2d`, the truth
 * beside each method's reconstruction aligned to it by the optimal group
 * element (`alignTo`), then a second panel with NN-B's raw outputs, whose
 * symmetric blur is the "ghost" of an averaged orbit. Each image is scaled by
 * its truth's largest pixel. Undefined when no row has examples.
 *
 * @param rows Finished rows.
 * @param grid The padded image side.
 * @returns The SVG text, or undefined.
 *
 * @example
 * ```ts
 * import { fourierExamplesSvg } from "./fourier_table.ts";
 * import assert from "node:assert/strict";
 *
 * const img = Array.from({ length: 16 }, (_, i) => i / 16);
 * const row = { setting: "real-2d", n: 2, samples: 100, orbit_distance: 0, train_seconds: 1, signals: 20,
 *   epochs: 0, best_epoch: 0, params: 0, val_loss: null, seed: 1, error: 0, seconds_per_signal: 0 } as const;
 * const svg = fourierExamplesSvg([
 *   { ...row, model: "nn", variant: "B", rule: "-", examples: { truth: img, aligned: img, raw: img } },
 * ], 4)!;
 * assert.match(svg, /NN-B, raw output/);
 * ```
 */
export function fourierExamplesSvg(rows: readonly FourierRow[], grid: number): string | undefined {
  const shown = rows.filter((r) => r.setting === "real-2d" && r.examples);
  if (shown.length === 0) return undefined;
  const per = grid * grid;
  const count = Math.min(...shown.map((r) => r.examples!.truth.length / per)); // HIO may show fewer
  const cut = (images: number[]) => images.slice(0, count * per), truth = cut(shown[0].examples!.truth);
  const peaks = Array.from(
    { length: count },
    (_, e) => Math.max(...truth.slice(e * per, (e + 1) * per)) || 1,
  );
  const scaled = (images: number[]) => cut(images).map((v, i) => v / peaks[Math.floor(i / per)]);
  const name = (r: FourierRow) =>
    `${LABEL[r.model] ?? r.model}${r.variant === "-" ? "" : `-${r.variant}`}${
      r.rule === "-" ? "" : ` (${r.rule})`
    }`;
  const aligned = imageGridSvg([
    { label: "truth", images: scaled(truth) },
    ...shown.map((r) => ({ label: `${name(r)}, aligned`, images: scaled(r.examples!.aligned) })),
  ], {
    title: "Test images and reconstructions, each aligned to the truth by the optimal shift/flip",
    height: grid,
    width: grid,
  });
  const ghosts = shown.filter((r) => r.variant === "B");
  if (ghosts.length === 0) return aligned;
  const raw = imageGridSvg([
    { label: "truth", images: scaled(truth) },
    ...ghosts.map((r) => ({ label: `${name(r)}, raw output`, images: scaled(r.examples!.raw) })),
  ], { title: "Raw targets (B), unaligned: the averaged orbit's ghost", height: grid, width: grid });
  return stack([aligned, raw]);
}

// Two SVGs one above the other, as one SVG.
function stack(svgs: string[]): string {
  let y = 0, width = 0;
  const parts = svgs.map((svg) => {
    const w = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 0),
      h = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    const part = `<g transform="translate(0 ${y})">${svg.replace(/^<\?xml[^>]*>\s*/, "")}</g>`;
    y += h + 10;
    width = Math.max(width, w);
    return part;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y - 10}">${
    parts.join("")
  }</svg>\n`;
}

/**
 * Runs the comparison and writes `fourier.csv`, `fourier.md`,
 * `fourier_examples.svg` and `run.json` into the output folder, with
 * resumable cells under `.cells/fourier`.
 *
 * @param config The run.
 * @returns The rows in grid order.
 *
 * @example A tiny complex 1-D run
 * ```ts
 * import { runFourier } from "./fourier_table.ts";
 * import assert from "node:assert/strict";
 *
 * const out = await Deno.makeTempDir();
 * const rows = await runFourier({
 *   preset: "x", settings: ["complex-1d"], n: 16, n1d: 4, oversample: 2, samples: 200,
 *   models: ["knn", "hio"], rules: ["reference"], seed: 1, epochs: 1, batch: 64, learningRate: 1e-3,
 *   patience: 5, k: 5, hioIterations: 20, hioEr: 5, hioRestarts: 1, hioSignals: 4, data: "none",
 *   workers: 1, out, fresh: false,
 * }, () => {});
 * assert.deepEqual(rows.map((r) => r.model), ["knn", "hio"]);
 * assert.match(await Deno.readTextFile(`${out}/fourier.md`), /\| HIO \|/);
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function runFourier(
  config: FourierConfig,
  write?: (text: string) => void,
): Promise<FourierRow[]> {
  const result = await runExperiment<FourierRow>({
    worker: new URL("./_worker.ts", import.meta.url),
    name: "fourier",
    outDir: config.out,
    workers: config.workers,
    fresh: config.fresh,
    shard: config.shard,
    merge: config.merge,
    record: { task: "fourier", config: { ...config } },
    jobs: fourierJobs(config),
    ...(write ? { write, live: false } : {}),
    csv: [{ file: "fourier.csv", columns: FOURIER_COLUMNS }],
    tables: [{ file: "fourier.md", text: fourierMarkdown }],
    figures: (rows) => {
      const svg = fourierExamplesSvg(rows, config.oversample * config.n);
      return svg ? [{ file: "fourier_examples.svg", text: svg }] : [];
    },
  });
  return result.rows;
}
