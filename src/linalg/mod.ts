/**
 * Dense linear algebra (symmetric eigendecomposition, solves, pseudo-inverses)
 * from ml-matrix, named in one place so that a project importing symbreak by
 * URL resolves it without this project's import map; and a float64 FFT of
 * any length ({@linkcode fft}, {@linkcode fftn}).
 *
 * @example Solve a 2 × 2 system
 * ```ts
 * import { Matrix, solve } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const x = solve(new Matrix([[2, 0], [0, 4]]), Matrix.columnVector([2, 8]));
 * assert.deepEqual(x.to1DArray(), [1, 2]);
 * ```
 *
 * @module
 */
export * from "./fft.ts";
export * from "./ml_matrix.ts";
