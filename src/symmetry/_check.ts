import type { Field } from "../forward/gaussian_pr.ts";

/** Checks field and n, and that `length` holds whole rows; returns the row length d. */
export function rowLength(what: string, length: number, field: Field, n: number): number {
  if (field !== "real" && field !== "complex") {
    throw new TypeError(`Cannot ${what}: field must be "real" or "complex", got "${field}"`);
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`Cannot ${what}: n must be a positive integer, got ${n}`);
  }
  const d = field === "real" ? n : 2 * n;
  if (length % d !== 0) {
    throw new RangeError(`Cannot ${what}: length ${length} is not a multiple of the row length ${d}`);
  }
  return d;
}
