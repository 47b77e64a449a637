/**
 * The field of a signal: x ∈ Rⁿ (`"real"`, rows of n floats) or x ∈ Cⁿ
 * (`"complex"`, rows of 2n floats laid out [real parts…, imaginary parts…]).
 *
 * @example
 * ```ts
 * import type { Field } from "./field.ts";
 * import assert from "node:assert/strict";
 *
 * const rowLength = (field: Field, n: number) => field === "real" ? n : 2 * n;
 * assert.equal(rowLength("complex", 5), 10);
 * ```
 */
export type Field = "real" | "complex";
