// The one place that names the ml-matrix package (symmetric eigendecomposition,
// linear solves). Full npm: specifier for the same reason as src/nn/tf.ts: the
// file must resolve when another project imports mod.ts by URL.
// deno-lint-ignore no-import-prefix
import * as ml from "npm:ml-matrix@6.15.1";

// The exports below are ml-matrix's own objects under their own names, typed
// through aliases: re-exported as they are, ml-matrix's declarations (and their
// private AbstractMatrix, MaybeMatrix) would fall under `deno doc --lint`, and
// deno doc's private-type-ref check follows `typeof` but not a plain alias.
type MlMatrixClass = typeof ml.Matrix;
type MlEigenvalueDecompositionClass = typeof ml.EigenvalueDecomposition;

/** The constructor and static methods of {@linkcode Matrix} (`typeof Matrix` in ml-matrix). */
export type MatrixConstructor = MlMatrixClass;
/** A dense matrix of float64 values: ml-matrix 6.15.1's `Matrix`. */
export type Matrix = ml.Matrix;
/**
 * ml-matrix 6.15.1's `Matrix` class itself (`new Matrix(rows, columns)`,
 * `Matrix.columnVector(values)`, `a.mmul(b)`, …).
 *
 * @example A 2 × 2 product
 * ```ts
 * import { Matrix } from "./ml_matrix.ts";
 * import assert from "node:assert/strict";
 *
 * const a = new Matrix([[1, 2], [3, 4]]);
 * assert.deepEqual(a.mmul(Matrix.eye(2)).to2DArray(), [[1, 2], [3, 4]]);
 * ```
 */
export const Matrix: MatrixConstructor = ml.Matrix;

/** The constructor of {@linkcode EigenvalueDecomposition} (`typeof EigenvalueDecomposition` in ml-matrix). */
export type EigenvalueDecompositionConstructor = MlEigenvalueDecompositionClass;
/** An eigendecomposition: ml-matrix 6.15.1's `EigenvalueDecomposition`. */
export type EigenvalueDecomposition = ml.EigenvalueDecomposition;
/**
 * ml-matrix 6.15.1's `EigenvalueDecomposition` class itself:
 * `new EigenvalueDecomposition(m, { assumeSymmetric: true })` gives
 * `realEigenvalues` (ascending) and `eigenvectorMatrix`.
 *
 * @example A diagonal matrix's eigenvalues
 * ```ts
 * import { EigenvalueDecomposition, Matrix } from "./ml_matrix.ts";
 * import assert from "node:assert/strict";
 *
 * const eig = new EigenvalueDecomposition(new Matrix([[2, 0], [0, 1]]), { assumeSymmetric: true });
 * assert.deepEqual(eig.realEigenvalues, [1, 2]);
 * ```
 */
export const EigenvalueDecomposition: EigenvalueDecompositionConstructor = ml.EigenvalueDecomposition;

/**
 * Solves `a · x = b` by LU decomposition (QR when `a` is not square): ml-matrix's
 * `solve(a, b)`.
 *
 * @param a The left-hand side.
 * @param b The right-hand side, one column per system.
 * @returns `x`.
 *
 * @example A diagonal system
 * ```ts
 * import { Matrix, solve } from "./ml_matrix.ts";
 * import assert from "node:assert/strict";
 *
 * const x = solve(new Matrix([[2, 0], [0, 4]]), Matrix.columnVector([2, 8]));
 * assert.deepEqual(x.to1DArray(), [1, 2]);
 * ```
 */
export function solve(a: Matrix, b: Matrix): Matrix {
  return ml.solve(a, b);
}

/**
 * The Moore–Penrose pseudo-inverse by SVD: ml-matrix's `pseudoInverse(m)`.
 *
 * @param m The matrix.
 * @returns Its pseudo-inverse, `columns × rows`.
 *
 * @example The pseudo-inverse of a column
 * ```ts
 * import { Matrix, pseudoInverse } from "./ml_matrix.ts";
 * import assert from "node:assert/strict";
 *
 * const p = pseudoInverse(Matrix.columnVector([2, 0]));
 * assert.deepEqual([p.rows, p.columns], [1, 2]);
 * assert.ok(Math.abs(p.get(0, 0) - 0.5) < 1e-12);
 * ```
 */
export function pseudoInverse(m: Matrix): Matrix {
  return ml.pseudoInverse(m);
}
