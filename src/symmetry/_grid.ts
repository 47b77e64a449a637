// Index maps on rows laid out row-major in a shape, for the shift and
// reflection groups; complex rows carry the same map on both halves.
import type { Field } from "./field.ts";
import type { Element } from "./_group.ts";
import { describe } from "./_check.ts";

/** Checks a shape (positive integers) and returns the entries per row, N = Π shape. */
export function checkShape(what: string, shape: unknown): number {
  if (!Array.isArray(shape) || shape.length === 0) {
    throw new TypeError(
      `Cannot declare ${what}: shape must be a non-empty array of sizes, got ${describe(shape)}`,
    );
  }
  for (const [k, s] of shape.entries()) {
    if (!Number.isSafeInteger(s) || s < 1) {
      throw new RangeError(
        `Cannot declare ${what}: shape[${k}] must be a positive integer, got ${describe(s)}`,
      );
    }
  }
  return shape.reduce((a: number, b: number) => a * b, 1);
}

/** Checks the field option. */
export function checkField(what: string, field: unknown): Field {
  if (field !== "real" && field !== "complex") {
    throw new TypeError(`Cannot declare ${what}: field must be "real" or "complex", got ${describe(field)}`);
  }
  return field;
}

/** The signed permutation with (g·x)[t] = x[source(t)] for every multi-index t, on real or complex rows. */
export function gridPermutation(
  shape: readonly number[],
  field: Field,
  source: (t: number[]) => number[],
  conjugate = false,
): Element {
  const count = shape.reduce((a, b) => a * b, 1);
  const dim = field === "real" ? count : 2 * count;
  const index = new Int32Array(dim), sign = new Float32Array(dim).fill(1);
  const t = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    const s = source(t);
    let j = 0;
    for (let k = 0; k < shape.length; k++) j = j * shape[k] + s[k];
    index[i] = j;
    if (field === "complex") {
      index[count + i] = count + j;
      if (conjugate) sign[count + i] = -1;
    }
    for (let k = shape.length - 1; k >= 0; k--) { // next multi-index, row-major
      if (++t[k] < shape[k]) break;
      t[k] = 0;
    }
  }
  return { kind: "perm", index, sign };
}

/** Every shift vector of a shape, row-major, the zero shift first. */
export function allShifts(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of shape) out = out.flatMap((s) => Array.from({ length: n }, (_, k) => [...s, k]));
  return out;
}

/** The shape as text, e.g. "[4×4]". */
export function shapeLabel(shape: readonly number[]): string {
  return `[${shape.join("×")}]`;
}
