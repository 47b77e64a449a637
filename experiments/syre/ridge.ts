import { Matrix, pseudoInverse, solve } from "../../src/linalg/ml_matrix.ts";
import { Pcg32 } from "../../src/random/pcg32.ts";
import { fillNormal } from "../../src/random/normal.ts";
import { deriveSeed } from "../../src/random/seed.ts";

/** One run of {@linkcode runRidge}: every training-set size for one teacher. */
export interface RidgeJob {
  /** Input dimension d. */
  dim: number;
  /** Training-set sizes N; d/N is the degree of parameterisation. */
  samples: number[];
  /** Weight decay γ of weight decay and syre. */
  gamma: number;
  /** syre's σ₀ relative to 1/√d (the paper's unit): θ₀ ~ N(0, (sigma/√d)²). */
  sigma: number;
  /** Standard deviation of the label noise. */
  noise: number;
  /** Run seed: teacher, data and θ₀ derive from it. */
  seed: number;
}

/** One point of a test-loss curve. */
export interface RidgeRow {
  /** `"vanilla"` (minimum-norm least squares), `"weight-decay"` or `"syre"`. */
  method: string;
  /** Training-set size N. */
  samples: number;
  /** d/N. */
  ratio: number;
  /** Expected test loss E(wᵀx − y)² = ‖w − w*‖² + noise², exact for x ~ N(0, I). */
  test_loss: number;
  /** Run seed. */
  seed: number;
}

/**
 * Linear regression y = w*ᵀx + ε with x ~ N(0, I_d), w* ~ N(0, I/d) and
 * ε ~ N(0, noise²) (Figure 3 left of the syre paper), solved exactly for
 * each training-set size: vanilla is the minimum-norm least-squares fit
 * (the double-descent peak at N = d); weight decay minimises
 * (1/N)‖Xw − y‖² + γ‖w‖²; syre the same with γ‖w − θ₀‖², whose solution
 * (XᵀX/N + γI)⁻¹(Xᵀy/N + γθ₀) is the paper's Eq. (13). The same draws serve
 * every method, and the training sets are nested (the first N rows).
 *
 * @param job The run.
 * @returns One row per (method, N).
 *
 * @example Weight decay removes the peak at N = d; syre follows it
 * ```ts
 * import { runRidge } from "./ridge.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = runRidge({ dim: 40, samples: [40], gamma: 0.1, sigma: 0.01, noise: 0.5, seed: 1 });
 * const loss = Object.fromEntries(rows.map((r) => [r.method, r.test_loss]));
 * assert.ok(loss["weight-decay"] < loss.vanilla / 5);
 * assert.ok(Math.abs(loss.syre - loss["weight-decay"]) < 0.01 * loss["weight-decay"]);
 * ```
 */
export function runRidge(job: RidgeJob): RidgeRow[] {
  const { dim: d, seed } = job;
  const teacher = fillNormal(
    new Pcg32(deriveSeed(seed, "ridge:teacher")),
    new Float64Array(d),
    1 / Math.sqrt(d),
  );
  const most = Math.max(...job.samples);
  const dataRng = new Pcg32(deriveSeed(seed, "ridge:data"));
  const x = fillNormal(dataRng, new Float64Array(most * d));
  const y = fillNormal(dataRng, new Float64Array(most), job.noise);
  for (let n = 0; n < most; n++) {
    for (let i = 0; i < d; i++) y[n] += teacher[i] * x[n * d + i];
  }
  const theta0 = fillNormal(
    new Pcg32(deriveSeed(seed, "ridge:theta0")),
    new Float64Array(d),
    job.sigma / Math.sqrt(d),
  );
  const rows: RidgeRow[] = [];
  for (const n of job.samples) {
    const xm = new Matrix(n, d);
    for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) xm.set(r, i, x[r * d + i]);
    const ym = Matrix.columnVector(Array.from(y.subarray(0, n)));
    const gram = xm.transpose().mmul(xm).div(n);
    const xty = xm.transpose().mmul(ym).div(n);
    const fits: [string, Matrix][] = [["vanilla", pseudoInverse(xm).mmul(ym)]];
    for (const [method, anchor] of [["weight-decay", 0], ["syre", 1]] as const) {
      const lhs = gram.clone();
      const rhs = xty.clone();
      for (let i = 0; i < d; i++) {
        lhs.set(i, i, lhs.get(i, i) + job.gamma);
        rhs.set(i, 0, rhs.get(i, 0) + anchor * job.gamma * theta0[i]);
      }
      fits.push([method, solve(lhs, rhs)]);
    }
    for (const [method, w] of fits) {
      let err = 0;
      for (let i = 0; i < d; i++) err += (w.get(i, 0) - teacher[i]) ** 2;
      rows.push({ method, samples: n, ratio: d / n, test_loss: err + job.noise ** 2, seed });
    }
  }
  return rows;
}
