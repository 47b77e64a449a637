import { EigenvalueDecomposition, Matrix } from "../linalg/ml_matrix.ts";

/**
 * The eigenvalues, ascending, of the `dim × dim` sample covariance of `count`
 * rows (each row centred by the column means, divided by `count − 1`).
 *
 * @param rows Row-major data, `count × dim`.
 * @param count Number of rows (at least 2).
 * @param dim Number of columns.
 * @returns `dim` eigenvalues in ascending order.
 * @throws {RangeError} If the sizes do not fit or there are fewer than two rows.
 *
 * @example Two independent columns with variances 4 and 1
 * ```ts
 * import { covarianceEigenvalues } from "./metrics.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = new Float32Array([2, 1, -2, -1, 2, -1, -2, 1]); // 4 rows, 2 columns
 * const ev = covarianceEigenvalues(rows, 4, 2);
 * assert.ok(Math.abs(ev[0] - 4 / 3) < 1e-12 && Math.abs(ev[1] - 16 / 3) < 1e-12);
 * ```
 */
export function covarianceEigenvalues(rows: ArrayLike<number>, count: number, dim: number): Float64Array {
  if (!Number.isInteger(count) || !Number.isInteger(dim) || count < 2 || dim < 1) {
    throw new RangeError(`Cannot compute covariance: need at least 2 rows and 1 column, got ${count}×${dim}`);
  }
  if (rows.length !== count * dim) {
    throw new RangeError(`Cannot compute covariance: expected ${count}×${dim} values, got ${rows.length}`);
  }
  const mean = new Float64Array(dim);
  for (let r = 0; r < count; r++) for (let j = 0; j < dim; j++) mean[j] += rows[r * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= count;
  const centred = new Float64Array(count * dim);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < dim; j++) centred[r * dim + j] = rows[r * dim + j] - mean[j];
  }
  const cov = new Matrix(dim, dim);
  const colI = new Float64Array(count);
  for (let i = 0; i < dim; i++) {
    for (let r = 0; r < count; r++) colI[r] = centred[r * dim + i];
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = 0; r < count; r++) s += colI[r] * centred[r * dim + j];
      s /= count - 1;
      cov.set(i, j, s);
      cov.set(j, i, s);
    }
  }
  const values = new EigenvalueDecomposition(cov, { assumeSymmetric: true }).realEigenvalues;
  return Float64Array.from(values).sort();
}

/**
 * The rank of a representation the way the paper reads it: the number of
 * eigenvalues of the sample covariance of `rows` (see
 * {@linkcode covarianceEigenvalues}) that are at least `threshold`. The
 * threshold is absolute, as in the paper ("we set eigenvalues smaller than
 * 10⁻⁴ to 0"), so it depends on the scale of the representation.
 *
 * @param rows Row-major data, `count × dim` (e.g. a layer's output on a batch).
 * @param count Number of rows (at least 2).
 * @param dim Width of the representation.
 * @param threshold Eigenvalues below it count as zero; default 1e-3.
 * @returns An integer in [0, dim].
 * @throws {RangeError} If the sizes do not fit or the threshold is negative.
 *
 * @example Rows on a line in 3-D have rank 1
 * ```ts
 * import { covarianceRank } from "./metrics.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = new Float32Array([1, 2, 3, 2, 4, 6, -1, -2, -3, 0, 0, 0]);
 * assert.equal(covarianceRank(rows, 4, 3), 1);
 * ```
 */
export function covarianceRank(
  rows: ArrayLike<number>,
  count: number,
  dim: number,
  threshold = 1e-3,
): number {
  if (!(threshold >= 0)) {
    throw new RangeError(`Cannot compute rank: threshold must be non-negative, got ${threshold}`);
  }
  return covarianceEigenvalues(rows, count, dim).filter((v) => v >= threshold).length;
}

/**
 * The degree of symmetry Σᵢ 1{|vᵢᵀw| < c}: how many of the mirror
 * symmetries w ↦ w − 2(vᵢᵀw)vᵢ the point `w` (nearly) sits on. With
 * `"axes"` the vᵢ are the coordinate axes, so it counts |wᵢ| < c.
 *
 * @param w The parameter vector.
 * @param vectors The unit vectors vᵢ, each of `w.length`, or `"axes"`.
 * @param c The threshold (the paper uses 1e-3 and 1e-1).
 * @returns The count, an integer in [0, number of vectors].
 * @throws {RangeError} If a vector's length differs from `w`'s or `c` is not positive.
 *
 * @example Coordinates and a rotated basis
 * ```ts
 * import { degreeOfSymmetry } from "./metrics.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(degreeOfSymmetry([0, 0.5, 1e-4], "axes", 1e-3), 2);
 * const s = Math.SQRT1_2;
 * assert.equal(degreeOfSymmetry([1, 1], [[s, s], [s, -s]], 1e-3), 1);
 * ```
 */
export function degreeOfSymmetry(
  w: ArrayLike<number>,
  vectors: readonly ArrayLike<number>[] | "axes",
  c: number,
): number {
  if (!(c > 0)) throw new RangeError(`Cannot count symmetries: c must be positive, got ${c}`);
  let count = 0;
  if (vectors === "axes") {
    for (let i = 0; i < w.length; i++) if (Math.abs(w[i]) < c) count++;
    return count;
  }
  for (const v of vectors) {
    if (v.length !== w.length) {
      throw new RangeError(`Cannot count symmetries: vector of length ${v.length}, expected ${w.length}`);
    }
    let dot = 0;
    for (let i = 0; i < w.length; i++) dot += v[i] * w[i];
    if (Math.abs(dot) < c) count++;
  }
  return count;
}
