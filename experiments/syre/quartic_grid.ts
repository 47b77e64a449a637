import type { GridJob } from "../../src/runner/run_grid.ts";
import { type MarkerShape, PLOT_PALETTE, svgPlot } from "../../src/report/svg_plot.ts";
import type { OutputFile } from "../../src/runner/run_experiment.ts";
import type { QuarticJob, QuarticKind, QuarticMethod, QuarticRow } from "./quartic.ts";
import type { SyrePreset } from "./task_settings.ts";
import { cellHash } from "../../src/runner/cell_store.ts";

/** Bump when a code change alters the result of a quartic job with the same parameters. */
export const QUARTIC_RESULTS_VERSION = 1;

/** CSV columns of `syre_quartic.csv`. */
export const QUARTIC_COLUMNS = [
  "b",
  "method",
  "param",
  "value",
  "objective",
  "degree",
  "c",
  "optimum",
  "dim",
  "steps",
  "seed",
] as const satisfies readonly (keyof QuarticRow)[];

const GRID = {
  gamma: [0.1, 0.3, 1, 3, 10],
  phi: [0.001, 0.003, 0.01, 0.03, 0.1],
  rate: [0.01, 0.03, 0.1, 0.3, 0.6],
};

/**
 * The presets of `syre:quartic`. The paper gives d, the learning rate and
 * the hyperparameter ranges but not the number of steps, σ₀ of syre or κ of
 * W-fix: σ₀ = κ = 0.1 (the same noise scale for both; about 3/√d, so the
 * bias reaches the structured threshold c = 0.1) and the initial w ~ N(0, 1/d).
 */
export const QUARTIC_PRESETS: Readonly<
  Record<SyrePreset, {
    dim: number;
    steps: Record<QuarticKind, number>;
    learningRate: number;
    grid: { gamma: number[]; phi: number[]; rate: number[] };
    sigma: number;
  }>
> = {
  smoke: {
    dim: 100,
    steps: { unstructured: 2000, structured: 2000 },
    learningRate: 1e-3,
    grid: { gamma: [10], phi: [0.01], rate: [0.1] },
    sigma: 0.1,
  },
  default: {
    dim: 1000,
    steps: { unstructured: 5000, structured: 100000 },
    learningRate: 1e-4,
    grid: GRID,
    sigma: 0.1,
  },
  paper: {
    dim: 1000,
    steps: { unstructured: 20000, structured: 200000 },
    learningRate: 1e-4,
    grid: GRID,
    sigma: 0.1,
  },
};

/**
 * The jobs of `syre:quartic`: for each B, vanilla, then weight decay and
 * syre over γ, W-fix over φ and dropout over the rate, all on the same B
 * and the same initial w.
 *
 * @param preset The preset.
 * @param seed Run seed.
 * @returns One grid job per run.
 *
 * @example The smoke preset
 * ```ts
 * import { quarticJobs } from "./quartic_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const jobs = quarticJobs("smoke", 1);
 * assert.equal(jobs.length, 10);
 * assert.equal(jobs[0].label, "unstructured vanilla");
 * ```
 */
export function quarticJobs(preset: SyrePreset, seed: number): GridJob<QuarticRow>[] {
  const p = QUARTIC_PRESETS[preset];
  const methods: QuarticMethod[] = [
    { name: "vanilla" },
    ...p.grid.gamma.map((gamma) => ({ name: "weight-decay" as const, gamma })),
    ...p.grid.gamma.map((gamma) => ({ name: "syre" as const, gamma, sigma: p.sigma })),
    ...p.grid.phi.map((phi) => ({ name: "w-fix" as const, phi, kappa: p.sigma })),
    ...p.grid.rate.map((rate) => ({ name: "dropout" as const, rate })),
  ];
  const jobs: GridJob<QuarticRow>[] = [];
  for (const kind of ["unstructured", "structured"] as const) {
    for (const method of methods) {
      const params: QuarticJob = {
        kind,
        dim: p.dim,
        steps: p.steps[kind],
        learningRate: p.learningRate,
        initScale: 1 / Math.sqrt(p.dim),
        method,
        seed,
      };
      const hash = cellHash(QUARTIC_RESULTS_VERSION, params);
      const value = "gamma" in method
        ? method.gamma
        : "phi" in method
        ? method.phi
        : "rate" in method
        ? method.rate
        : "";
      const perStep = kind === "unstructured"
        ? p.dim * p.dim / 1e9
        : p.dim * (method.name === "dropout" ? 3e-8 : 3e-9);
      jobs.push({
        kind: "syre-quartic",
        params,
        key: `${kind}-${method.name}${value === "" ? "" : `-${value}`}-${hash}`,
        label: `${kind} ${method.name}${value === "" ? "" : ` ${value}`}`,
        cost: perStep * p.steps[kind] + (kind === "unstructured" ? p.dim ** 3 / 4e8 : 0),
        maxEpochs: 0,
        summarize: (r) => `objective ${r.objective.toPrecision(5)}, degree ${r.degree}`,
      });
    }
  }
  return jobs;
}

const MARKS: Record<string, { shape: MarkerShape; color: string }> = {
  "weight-decay": { shape: "square", color: PLOT_PALETTE[1] },
  syre: { shape: "triangle", color: PLOT_PALETTE[2] },
  "w-fix": { shape: "diamond", color: PLOT_PALETTE[3] },
  dropout: { shape: "circle", color: PLOT_PALETTE[4] },
  vanilla: { shape: "circle", color: PLOT_PALETTE[6] },
};

/**
 * Figure 4: degree of symmetry against the final objective, one scatter per
 * B, one series per method (points of a method ordered by its hyperparameter).
 *
 * @param rows The results.
 * @returns `syre_quartic_unstructured.svg` and `syre_quartic_structured.svg`.
 *
 * @example
 * ```ts
 * import { quarticFigures } from "./quartic_grid.ts";
 * import assert from "node:assert/strict";
 *
 * const row = { b: "structured", method: "vanilla", param: "", value: 0, objective: -1, degree: 9,
 *   c: 0.1, optimum: -1, dim: 10, steps: 1, seed: 1 } as const;
 * const figs = quarticFigures([row]);
 * assert.deepEqual(figs.map((f) => f.file), ["syre_quartic_structured.svg"]);
 * ```
 */
export function quarticFigures(rows: readonly QuarticRow[]): OutputFile[] {
  const figures: OutputFile[] = [];
  for (const kind of ["unstructured", "structured"] as const) {
    const mine = rows.filter((r) => r.b === kind);
    if (mine.length === 0) continue;
    // Vanilla last, so that it is drawn on top of the weight-decay points it sits among.
    const methods = [...new Set(mine.map((r) => r.method))].sort((a, b) =>
      Number(a === "vanilla") - Number(b === "vanilla")
    );
    const { c, dim, optimum } = mine[0];
    figures.push({
      file: `syre_quartic_${kind}.svg`,
      text: svgPlot({
        title: `Quartic benchmark, ${kind} B (d = ${dim})`,
        subtitle: `degree of symmetry with c = ${c}; best objective −λmax²/4 = ${optimum.toPrecision(5)}`,
        x: { label: "final objective (wᵀw)² − wᵀBw" },
        y: { label: "degree of symmetry", unit: "coordinates" },
        series: methods.map((m) => {
          const pts = mine.filter((r) => r.method === m).sort((a, b) => a.value - b.value);
          return {
            label: m === "vanilla" ? m : `${m} (${pts[0].param} ${pts[0].value}–${pts.at(-1)!.value})`,
            x: pts.map((r) => r.objective),
            y: pts.map((r) => r.degree),
            kind: "scatter" as const,
            // svgPlot draws scatter crosses without a stroke (invisible), so only filled shapes.
            shape: MARKS[m]?.shape ?? "circle",
            color: MARKS[m]?.color,
            markerSize: m === "vanilla" ? 6 : 5,
          };
        }),
      }),
    });
  }
  return figures;
}
