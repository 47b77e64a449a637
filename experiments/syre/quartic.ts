import { EigenvalueDecomposition, Matrix } from "../../src/linalg/ml_matrix.ts";
import { Pcg32 } from "../../src/random/pcg32.ts";
import { fillNormal } from "../../src/random/normal.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { drawWFix } from "../../src/syre/wfix.ts";
import { degreeOfSymmetry } from "../../src/syre/metrics.ts";

/** The two spectra of Figure 4: B = G + Gᵀ (unstructured) or B = diag(v) (structured). */
export type QuarticKind = "unstructured" | "structured";

/** A training method on the quartic benchmark and its one hyperparameter. */
export type QuarticMethod =
  | { name: "vanilla" }
  | { name: "weight-decay"; gamma: number }
  | { name: "syre"; gamma: number; sigma: number }
  | { name: "w-fix"; phi: number; kappa: number }
  | { name: "dropout"; rate: number };

/** One run of {@linkcode runQuartic}. */
export interface QuarticJob {
  /** Which B. */
  kind: QuarticKind;
  /** Dimension d (the paper: 1000). */
  dim: number;
  /** Gradient-descent steps. */
  steps: number;
  /** Learning rate (the paper: 1e-4). */
  learningRate: number;
  /** Standard deviation of the Gaussian initial w. */
  initScale: number;
  /** The method. */
  method: QuarticMethod;
  /** Run seed: B, the initial w and every method's draws derive from it. */
  seed: number;
}

/** The outcome of one quartic run. */
export interface QuarticRow {
  /** Which B. */
  b: QuarticKind;
  /** Method name. */
  method: string;
  /** Name of the method's hyperparameter (gamma, phi, rate; empty for vanilla). */
  param: string;
  /** Its value (0 for vanilla). */
  value: number;
  /** Final objective (wᵀw)² − wᵀBw, without any penalty. */
  objective: number;
  /** Degree of symmetry Σᵢ 1{|vᵢᵀw| < c} over the eigenvectors vᵢ of B. */
  degree: number;
  /** The threshold c (1e-3 unstructured, 1e-1 structured, as in the paper). */
  c: number;
  /** The lowest objective possible, −λ_max²/4, for reference. */
  optimum: number;
  /** Dimension d. */
  dim: number;
  /** Steps run. */
  steps: number;
  /** Run seed. */
  seed: number;
}

/** The paper's thresholds c of the degree of symmetry. */
export const QUARTIC_THRESHOLD: Readonly<Record<QuarticKind, number>> = {
  unstructured: 1e-3,
  structured: 1e-1,
};

/**
 * The matrix B of the benchmark, row-major `dim × dim`: G + Gᵀ with G
 * standard Gaussian (unstructured), or diag(v) with v standard Gaussian
 * (structured), drawn from `deriveSeed(seed, "quartic:B:<kind>")`.
 *
 * @param kind Which spectrum.
 * @param dim Dimension d.
 * @param seed Run seed.
 * @returns B, symmetric.
 *
 * @example B is symmetric
 * ```ts
 * import { quarticMatrix } from "./quartic.ts";
 * import assert from "node:assert/strict";
 *
 * const b = quarticMatrix("unstructured", 3, 1);
 * assert.equal(b[1], b[3]);
 * assert.equal(quarticMatrix("structured", 3, 1)[1], 0);
 * ```
 */
export function quarticMatrix(kind: QuarticKind, dim: number, seed: number): Float64Array {
  const rng = new Pcg32(deriveSeed(seed, `quartic:B:${kind}`));
  const b = new Float64Array(dim * dim);
  if (kind === "structured") {
    const v = fillNormal(rng, new Float64Array(dim));
    for (let i = 0; i < dim; i++) b[i * dim + i] = v[i];
    return b;
  }
  const g = fillNormal(rng, new Float64Array(dim * dim));
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) b[i * dim + j] = g[i * dim + j] + g[j * dim + i];
  }
  return b;
}

/**
 * One run of Figure 4's benchmark: gradient descent on
 * f(w) = (wᵀw)² − wᵀBw from a Gaussian start, with one method, then the
 * final objective and degree of symmetry. Plain Float64Array arithmetic: the
 * problem is one vector and one matrix, and a matrix–vector product per step
 * is faster without tensor round trips.
 *
 * Methods, all on the same B and start: vanilla; weight decay f + γ‖w‖²;
 * syre f(w) + γ‖w − θ₀‖² with θ₀ ~ N(0, σ²) (the trained w is θ + θ₀);
 * W-fix (a fraction φ of the coordinates held at N(0, κ²) values); dropout
 * (each step, f and its gradient at m ⊙ w / (1 − p), m ~ Bernoulli(1 − p)).
 *
 * @param job The run.
 * @param onProgress Called every `steps / 10` steps with the step and objective.
 * @returns The final objective and degree of symmetry.
 *
 * @example Syre breaks more symmetries than vanilla
 * ```ts
 * import { runQuartic } from "./quartic.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { kind: "structured", dim: 50, steps: 2000, learningRate: 1e-3, initScale: 1, seed: 1 } as const;
 * const vanilla = runQuartic({ ...base, method: { name: "vanilla" } });
 * const syre = runQuartic({ ...base, method: { name: "syre", gamma: 1, sigma: 1 } });
 * assert.ok(syre.degree < vanilla.degree);
 * ```
 */
export function runQuartic(
  job: QuarticJob,
  onProgress?: (step: number, objective: number) => void,
): QuarticRow {
  const { dim: d, kind, method, seed } = job;
  const b = quarticMatrix(kind, d, seed);
  // One eigendecomposition per run, before training: the eigenvectors define
  // the degree of symmetry and the top eigenvalue the optimum −λ_max²/4.
  const { vectors, top } = spectrum(b, d, kind);
  const w = fillNormal(new Pcg32(deriveSeed(seed, "quartic:init")), new Float64Array(d), job.initScale);
  let anchor: Float64Array | undefined, gamma = 0, fixed: Uint8Array | undefined;
  if (method.name === "weight-decay") gamma = method.gamma;
  if (method.name === "syre") {
    gamma = method.gamma;
    anchor = fillNormal(new Pcg32(deriveSeed(seed, "quartic:theta0")), new Float64Array(d), method.sigma);
    for (let i = 0; i < d; i++) w[i] += anchor[i];
  }
  if (method.name === "w-fix") {
    const part = drawWFix(d, 0, {
      seed: deriveSeed(seed, "quartic:wfix"),
      phi: method.phi,
      kappa: method.kappa,
    });
    fixed = part.mask;
    for (let i = 0; i < d; i++) if (fixed[i]) w[i] = part.values[i];
  }
  const dropRng = new Pcg32(deriveSeed(seed, "quartic:dropout"));
  const keep = method.name === "dropout" ? 1 - method.rate : 1;
  const bw = new Float64Array(d), x = new Float64Array(d), scale = new Float64Array(d).fill(1);
  const every = Math.max(1, Math.floor(job.steps / 10));
  for (let step = 1; step <= job.steps; step++) {
    if (method.name === "dropout") {
      for (let i = 0; i < d; i++) scale[i] = dropRng.nextFloat() < keep ? 1 / keep : 0;
    }
    for (let i = 0; i < d; i++) x[i] = scale[i] * w[i];
    multiply(b, x, bw, kind);
    let norm2 = 0;
    for (let i = 0; i < d; i++) norm2 += x[i] * x[i];
    for (let i = 0; i < d; i++) {
      // ∇f(x) = 4(xᵀx)x − 2Bx, through x = scale ⊙ w.
      let g = scale[i] * (4 * norm2 * x[i] - 2 * bw[i]);
      if (gamma > 0) g += 2 * gamma * (w[i] - (anchor ? anchor[i] : 0));
      if (fixed?.[i]) g = 0;
      w[i] -= job.learningRate * g;
    }
    if (onProgress && step % every === 0) onProgress(step, quarticObjective(b, w, kind));
  }
  const c = QUARTIC_THRESHOLD[kind];
  const [param, value] = method.name === "vanilla"
    ? ["", 0]
    : method.name === "w-fix"
    ? ["phi", method.phi]
    : method.name === "dropout"
    ? ["rate", method.rate]
    : ["gamma", method.gamma];
  return {
    b: kind,
    method: method.name,
    param,
    value,
    objective: quarticObjective(b, w, kind),
    degree: degreeOfSymmetry(w, vectors, c),
    c,
    optimum: -(top ** 2) / 4,
    dim: d,
    steps: job.steps,
    seed,
  };
}

/**
 * The objective (wᵀw)² − wᵀBw.
 *
 * @param b B, row-major `d × d`.
 * @param w The point.
 * @param kind `"structured"` reads only B's diagonal.
 * @returns f(w).
 *
 * @example At zero and on an eigenvector
 * ```ts
 * import { quarticObjective } from "./quartic.ts";
 * import assert from "node:assert/strict";
 *
 * const b = new Float64Array([2, 0, 0, 1]);
 * assert.equal(quarticObjective(b, new Float64Array(2), "structured"), 0);
 * assert.equal(quarticObjective(b, new Float64Array([1, 0]), "unstructured"), 1 - 2);
 * ```
 */
export function quarticObjective(b: Float64Array, w: Float64Array, kind: QuarticKind): number {
  const d = w.length, bw = new Float64Array(d);
  multiply(b, w, bw, kind);
  let norm2 = 0, quad = 0;
  for (let i = 0; i < d; i++) {
    norm2 += w[i] * w[i];
    quad += w[i] * bw[i];
  }
  return norm2 * norm2 - quad;
}

function multiply(b: Float64Array, x: Float64Array, out: Float64Array, kind: QuarticKind): void {
  const d = x.length;
  if (kind === "structured") {
    for (let i = 0; i < d; i++) out[i] = b[i * d + i] * x[i];
    return;
  }
  for (let i = 0; i < d; i++) {
    let s = 0;
    const row = i * d;
    for (let j = 0; j < d; j++) s += b[row + j] * x[j];
    out[i] = s;
  }
}

function spectrum(
  b: Float64Array,
  d: number,
  kind: QuarticKind,
): { vectors: Float64Array[] | "axes"; top: number } {
  if (kind === "structured") {
    let top = -Infinity;
    for (let i = 0; i < d; i++) top = Math.max(top, b[i * d + i]);
    return { vectors: "axes", top };
  }
  const m = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.set(i, j, b[i * d + j]);
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const v = eig.eigenvectorMatrix;
  return {
    vectors: Array.from({ length: d }, (_, k) => Float64Array.from(v.getColumn(k))),
    top: Math.max(...eig.realEigenvalues),
  };
}
