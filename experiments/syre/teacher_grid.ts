import type { GridJob } from "../../src/runner/run_grid.ts";
import { svgPlot } from "../../src/report/svg_plot.ts";
import type { OutputFile } from "../../src/runner/run_experiment.ts";
import type { TeacherJob, TeacherRow } from "./teacher.ts";
import type { SyrePreset } from "./task_settings.ts";
import { cellHash } from "../../src/runner/cell_store.ts";

/** Bump when a code change alters the result of a teacher job with the same parameters. */
export const TEACHER_RESULTS_VERSION = 1;

/** CSV columns of `syre_teacher.csv`. */
export const TEACHER_COLUMNS = [
  "sweep",
  "method",
  "inputs",
  "label_noise",
  "input_noise",
  "rank",
  "threshold",
  "train_loss",
  "test_accuracy",
  "seed",
] as const;

/** A result with the sweep it belongs to (a run shared by two sweeps appears in both). */
export type TeacherSweepRow = TeacherRow & { sweep: "dimension" | "label-noise" | "input-noise" };

/** The settings of one `syre:teacher` preset: shared run settings and the swept values. */
export interface TeacherPreset {
  /** Network, data and training settings shared by every run. */
  base: Omit<TeacherJob, "inputs" | "sigma" | "labelNoise" | "inputNoise" | "threshold" | "seed">;
  /** Input dimensions of Figure 2. */
  inputs: number[];
  /** Input dimension of the noise sweeps of Figure 10. */
  noiseInputs: number;
  /** Label-noise fractions. */
  labelNoise: number[];
  /** Input-noise standard deviations. */
  inputNoise: number[];
  /** syre's absolute σ₀. */
  sigma: number;
}

const PAPER_BASE = {
  hidden: 300,
  classes: 10,
  train: 10000,
  test: 1000,
  batch: 100,
  learningRate: 0.01,
  gamma: 0.01,
};

/**
 * The presets of `syre:teacher`. The paper gives the network (tanh, 300
 * hidden, 10 outputs), the data (10,000 train, 1,000 test), Adam with
 * learning rate 0.01 and weight decay 0.01, the noise ranges and the rank
 * thresholds (1e-4 in Figure 2, 1e-3 in Figure 10). Ours: batch 100, the
 * epochs, the input dimensions, d = 100 for the noise sweeps, and σ₀ = 0.03
 * absolute. The default preset keeps the paper's sizes and trains 20 epochs
 * instead of 100.
 */
export const TEACHER_PRESETS: Readonly<Record<SyrePreset, TeacherPreset>> = {
  smoke: {
    base: {
      hidden: 20,
      classes: 3,
      train: 500,
      test: 200,
      batch: 50,
      learningRate: 0.01,
      gamma: 0.01,
      epochs: 3,
    },
    inputs: [5, 20],
    noiseInputs: 5,
    labelNoise: [0, 0.5],
    inputNoise: [0, 1],
    sigma: 0.03,
  },
  default: {
    base: { ...PAPER_BASE, epochs: 20 },
    inputs: [10, 30, 100, 300],
    noiseInputs: 100,
    labelNoise: [0, 0.2, 0.4, 0.6, 0.8],
    inputNoise: [0, 0.4, 0.8, 1.2, 1.6],
    sigma: 0.03,
  },
  paper: {
    base: { ...PAPER_BASE, epochs: 100 },
    inputs: [10, 30, 100, 300, 1000],
    noiseInputs: 100,
    labelNoise: [0, 0.2, 0.4, 0.6, 0.8],
    inputNoise: [0, 0.4, 0.8, 1.2, 1.6],
    sigma: 0.03,
  },
};

/**
 * The jobs of `syre:teacher`, vanilla and syre on the same teacher, data
 * and start: the input-dimension sweep (Figure 2) and the label- and
 * input-noise sweeps (Figure 10).
 *
 * @param preset The preset.
 * @param seed Run seed.
 * @returns One grid job per distinct run, each tagged with its sweep.
 *
 * @example
 * ```ts
 * import { teacherJobs } from "./teacher_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const jobs = teacherJobs("smoke", 1);
 * assert.equal(jobs.length, 10); // the noise-free run serves both noise sweeps
 * assert.equal(jobs[0].label, "dimension d=5 vanilla");
 * ```
 */
export function teacherJobs(preset: SyrePreset, seed: number): GridJob<TeacherSweepRow>[] {
  const p = TEACHER_PRESETS[preset];
  const runs: { sweep: TeacherSweepRow["sweep"]; inputs: number; labelNoise: number; inputNoise: number }[] =
    [
      ...p.inputs.map((inputs) => ({ sweep: "dimension" as const, inputs, labelNoise: 0, inputNoise: 0 })),
      ...p.labelNoise.map((labelNoise) => ({
        sweep: "label-noise" as const,
        inputs: p.noiseInputs,
        labelNoise,
        inputNoise: 0,
      })),
      // The noise-free run is the label-noise sweep's first point; the input-noise figure reuses it.
      ...p.inputNoise.filter((s) => s > 0 || !p.labelNoise.includes(0)).map((inputNoise) => ({
        sweep: "input-noise" as const,
        inputs: p.noiseInputs,
        labelNoise: 0,
        inputNoise,
      })),
    ];
  const jobs: GridJob<TeacherSweepRow>[] = [];
  for (const run of runs) {
    for (const sigma of [0, p.sigma]) {
      const params: TeacherJob & { sweep: TeacherSweepRow["sweep"] } = {
        ...p.base,
        inputs: run.inputs,
        sigma,
        labelNoise: run.labelNoise,
        inputNoise: run.inputNoise,
        threshold: run.sweep === "dimension" ? 1e-4 : 1e-3,
        seed,
        sweep: run.sweep,
      };
      const hash = cellHash(TEACHER_RESULTS_VERSION, params);
      const method = sigma === 0 ? "vanilla" : "syre";
      const at = run.sweep === "dimension"
        ? `d=${run.inputs}`
        : run.sweep === "label-noise"
        ? `p=${run.labelNoise}`
        : `s=${run.inputNoise}`;
      jobs.push({
        kind: "syre-teacher",
        params,
        key: `${run.sweep}-${at}-${method}-${hash}`,
        label: `${run.sweep} ${at} ${method}`,
        cost: (p.base.epochs * p.base.train * p.base.hidden * (3 * run.inputs + 40)) / 3e9,
        maxEpochs: 0,
        summarize: (r) => `rank ${r.rank}, test accuracy ${r.test_accuracy.toFixed(3)}`,
      });
    }
  }
  return jobs;
}

/**
 * Figures 2 and 10: the rank of the first-layer output covariance against
 * the input dimension, the label noise and the input noise, vanilla vs syre.
 *
 * @param rows Every run.
 * @returns `syre_teacher_dimension.svg`, `syre_teacher_label_noise.svg`, `syre_teacher_input_noise.svg`
 *   (those whose sweep has rows).
 *
 * @example
 * ```ts
 * import { teacherFigures } from "./teacher_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const row = { sweep: "dimension", method: "syre", inputs: 10, label_noise: 0, input_noise: 0, rank: 5,
 *   threshold: 1e-4, train_loss: 1, test_accuracy: 0.5, seed: 1 } as const;
 * assert.deepEqual(teacherFigures([row]).map((f) => f.file), ["syre_teacher_dimension.svg"]);
 * ```
 */
export function teacherFigures(rows: readonly TeacherSweepRow[]): OutputFile[] {
  const sweeps = [
    { sweep: "dimension", file: "dimension", title: "input dimension", x: "input dimension", key: "inputs" },
    {
      sweep: "label-noise",
      file: "label_noise",
      title: "label noise",
      x: "fraction of training labels changed",
      key: "label_noise",
    },
    {
      sweep: "input-noise",
      file: "input_noise",
      title: "input noise",
      x: "standard deviation of the input noise",
      key: "input_noise",
    },
  ] as const;
  const figures: OutputFile[] = [];
  for (const s of sweeps) {
    const shared = (r: TeacherSweepRow) =>
      s.sweep === "input-noise" && r.sweep === "label-noise" && r.label_noise === 0;
    const mine = rows.filter((r) => r.sweep === s.sweep || shared(r));
    if (mine.length === 0) continue;
    const first = mine[0];
    figures.push({
      file: `syre_teacher_${s.file}.svg`,
      text: svgPlot({
        title: `Teacher–student: first-layer rank against ${s.title}`,
        subtitle:
          `student's tanh layer on the test inputs; eigenvalues below ${first.threshold} count as zero` +
          (s.sweep === "dimension" ? "" : `; input dimension ${first.inputs}`),
        x: { label: s.x, ...(s.sweep === "dimension" ? { scale: "log" as const } : {}) },
        y: { label: "rank of the covariance", min: 0 },
        series: ["vanilla", "syre"].filter((m) => mine.some((r) => r.method === m)).map((m) => {
          const pts = mine.filter((r) => r.method === m).sort((a, b) => a[s.key] - b[s.key]);
          return { label: m, x: pts.map((r) => r[s.key]), y: pts.map((r) => r.rank) };
        }),
      }),
    });
  }
  return figures;
}
