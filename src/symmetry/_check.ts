import type { Field } from "./field.ts";

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

/** Checks a batch argument: a Float32Array of whole rows of `dim`, finite; returns the row count. */
export function checkRows(what: string, name: string, x: unknown, dim: number): number {
  if (!(x instanceof Float32Array)) {
    throw new TypeError(`Cannot ${what}: ${name} must be a Float32Array, got ${describe(x)}`);
  }
  if (x.length % dim !== 0) {
    throw new RangeError(
      `Cannot ${what}: ${name} has ${x.length} values, not a multiple of the row length ${dim}`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(`Cannot ${what}: ${name}[${i}] is ${x[i]}, not a finite number`);
    }
  }
  return x.length / dim;
}

/** Checks a positive integer argument. */
export function checkCount(what: string, name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new RangeError(`Cannot ${what}: ${name} must be a positive integer, got ${describe(value)}`);
  }
  return value as number;
}

/** A short description of a value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "object") return (v as object).constructor?.name ?? "an object";
  if (typeof v === "string") return `"${v}"`;
  return String(v);
}

/** Checks that `options` is an object, so a missing one is named rather than "Cannot read properties of undefined". */
export function checkOptions(what: string, options: unknown): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot ${what}: options { field, n } must be an object, got ${
        options === null ? "null" : typeof options
      }`,
    );
  }
}
