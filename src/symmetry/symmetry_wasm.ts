import type { Field } from "./field.ts";
import { checkOptions, rowLength } from "./_check.ts";
import type { RectifiedError } from "./rectified_error.ts";
import { kernelInstance, type SimdPath } from "../wasm/kernels.ts";
// Re-exported so that this folder's entry point documents the types its signatures take.
export type { SimdPath };

/** Options of {@linkcode canonicalizeWasm} and {@linkcode rectifiedErrorWasm}. */
export interface SymmetryWasmOptions {
  /** `"real"` (rows of n) or `"complex"` (rows of 2n: real parts, then imaginary parts). */
  field: Field;
  /** Signal length. */
  n: number;
  /** SIMD build of the kernels to run; both give the same result here. */
  simd?: SimdPath;
}

/**
 * {@linkcode canonicalize} of a whole batch in the WebAssembly kernels: the
 * same rows, bit for bit (real sign, or complex phase, with the same cut
 * perturbation), computed without JavaScript's per-element overhead.
 *
 * @param x Row-major samples, `count × d` with d = n (real) or 2n (complex).
 * @param options The field and n.
 * @returns A new array with the canonical rows.
 * @throws {TypeError} If `x` is not a Float32Array or the field is unknown.
 * @throws {RangeError} If n is not a positive integer or `x` does not hold whole rows.
 *
 * @example A real sign flip
 * ```ts
 * import { canonicalizeWasm } from "./symmetry_wasm.ts";
 * import assert from "node:assert/strict";
 *
 * const out = await canonicalizeWasm(new Float32Array([1, -2, 0.5, 0.25]), { field: "real", n: 2 });
 * assert.deepEqual([...out], [-1, 2, 0.5, 0.25]);
 * ```
 */
export async function canonicalizeWasm(x: Float32Array, options: SymmetryWasmOptions): Promise<Float32Array> {
  checkOptions("canonicalize", options);
  const { field, n } = options;
  checkArray("canonicalize", "x", x);
  const d = rowLength("canonicalize", x.length, field, n);
  const { kernels, memory } = await kernelInstance(x.byteLength, options.simd);
  new Float32Array(memory.buffer, 0, x.length).set(x);
  const rows = x.length / d;
  if (field === "real") kernels.canonicalizeReal(0, rows, n);
  else kernels.canonicalizeComplex(0, rows, n);
  return new Float32Array(memory.buffer, 0, x.length).slice();
}

/**
 * {@linkcode rectifiedError} of a whole batch in the WebAssembly kernels:
 * the same float64 sums in the same order, so the same numbers.
 *
 * @param pred Predictions, `count × d`.
 * @param truth True signals, same shape.
 * @param options The field and n.
 * @returns The mean rectified error ÷ n and ÷ n².
 * @throws {TypeError} If an input is not a Float32Array or the field is unknown.
 * @throws {RangeError} For different lengths, partial rows, no rows or a bad n.
 *
 * @example A phase rotation costs nothing
 * ```ts
 * import { rectifiedErrorWasm } from "./symmetry_wasm.ts";
 * import assert from "node:assert/strict";
 *
 * // x = (1, i) and i·x = (i, −1), stored as [re…, im…].
 * const x = new Float32Array([1, 0, 0, 1]);
 * const ix = new Float32Array([0, -1, 1, 0]);
 * const { error } = await rectifiedErrorWasm(ix, x, { field: "complex", n: 2 });
 * assert.ok(error < 1e-12);
 * ```
 */
export async function rectifiedErrorWasm(
  pred: Float32Array,
  truth: Float32Array,
  options: SymmetryWasmOptions,
): Promise<RectifiedError> {
  checkOptions("compute rectified error", options);
  const { field, n } = options;
  checkArray("compute rectified error", "pred", pred);
  checkArray("compute rectified error", "truth", truth);
  if (pred.length !== truth.length) {
    throw new RangeError(
      `Cannot compute rectified error: pred has ${pred.length} values but truth has ${truth.length}`,
    );
  }
  const d = rowLength("compute rectified error", truth.length, field, n);
  const rows = truth.length / d;
  if (rows === 0) throw new RangeError("Cannot compute rectified error: no rows");
  const { kernels, memory } = await kernelInstance(2 * truth.byteLength, options.simd);
  new Float32Array(memory.buffer, 0, pred.length).set(pred);
  new Float32Array(memory.buffer, truth.byteLength, truth.length).set(truth);
  const sum = field === "real"
    ? kernels.rectifiedReal(0, truth.byteLength, rows, n)
    : kernels.rectifiedComplex(0, truth.byteLength, rows, n);
  const mean = sum / rows;
  return { error: mean / n, errorPaperScale: mean / (n * n) };
}

function checkArray(what: string, name: string, a: unknown): void {
  if (!(a instanceof Float32Array)) {
    throw new TypeError(
      `Cannot ${what}: ${name} must be a Float32Array, got ${Object.prototype.toString.call(a)}`,
    );
  }
}
