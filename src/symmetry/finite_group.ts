import type { GroupElement, Symmetry } from "./symmetry.ts";
import { checkCount, describe } from "./_check.ts";
import { chooseReference, type Element, makeSymmetry, probe } from "./_group.ts";

/** Options of {@linkcode finiteGroup}. */
export interface FiniteGroupOptions {
  /** The reference w of the canonicalisation rule; default: the first generic row no element but the identity fixes. */
  reference?: Float32Array;
}

/** Groups up to this order are checked for closure when declared (|G|² compositions). */
export const CLOSURE_CHECK_LIMIT = 256;

/**
 * Any finite group acting on rows of length `dim`, given all its elements
 * as functions on one row (the identity included). The elements must be
 * isometries (they keep ‖x‖), so that the orbit distance is a distance.
 *
 * Canonicalisation is the reference rule: each row becomes the g·x that
 * maximises ⟨w, g·x⟩. Its set {x : ⟨w − gᵀw, x⟩ ≥ 0 for every g} (for
 * linear g) is an intersection of half-spaces, so convex and connected, and
 * it holds one representative of every orbit off the measure-zero set of
 * ties; w is chosen so that no element but the identity fixes it. The
 * orbit distance enumerates the elements.
 *
 * @param name A readable name.
 * @param dim Floats per row.
 * @param elements Every element of the group, each returning a new Float32Array of length `dim`.
 * @param options The reference w.
 * @returns The symmetry.
 * @throws {TypeError} If an element is not a function or does not return a Float32Array of length `dim`.
 * @throws {RangeError} If the identity is missing, the list is not closed, or an element changes norms.
 *
 * @example Swapping two coordinates
 * ```ts
 * import { finiteGroup } from "./finite_group.ts";
 * import assert from "node:assert/strict";
 *
 * const swap = finiteGroup("swap", 2, [(r) => r.slice(), (r) => Float32Array.of(r[1], r[0])]);
 * assert.deepEqual([...swap.orbitDistance(Float32Array.of(1, 2), Float32Array.of(2, 1))], [0]);
 * const c = swap.canonicalize(Float32Array.of(1, 2, 2, 1));
 * assert.deepEqual([...c.slice(0, 2)], [...c.slice(2)]);
 * assert.throws(() => finiteGroup("bad", 2, [(r) => r.slice(), 3 as never]), /elements\[1\] must be a function/);
 * ```
 */
export function finiteGroup(
  name: string,
  dim: number,
  elements: readonly GroupElement[],
  options: FiniteGroupOptions = {},
): Symmetry {
  const what = "declare finite group";
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`Cannot ${what}: name must be a non-empty string, got ${describe(name)}`);
  }
  checkCount(what, "dim", dim);
  if (!Array.isArray(elements) || elements.length === 0) {
    throw new TypeError(`Cannot ${what} "${name}": elements must be a non-empty array of functions`);
  }
  const p = probe(dim), pp = norm2(p);
  const images: Float32Array[] = elements.map((g, k) => {
    if (typeof g !== "function") {
      throw new TypeError(`Cannot ${what} "${name}": elements[${k}] must be a function, got ${describe(g)}`);
    }
    const v = g(p.slice());
    if (!(v instanceof Float32Array) || v.length !== dim) {
      throw new TypeError(
        `Cannot ${what} "${name}": elements[${k}] must return a Float32Array of length ${dim}, got ${
          describe(v)
        }`,
      );
    }
    if (Math.abs(norm2(v) - pp) > 1e-5 * pp) {
      throw new RangeError(
        `Cannot ${what} "${name}": elements[${k}] changes the norm of a row (not an isometry)`,
      );
    }
    return v;
  });
  const id = images.findIndex((v) => close(v, p));
  if (id < 0) throw new RangeError(`Cannot ${what} "${name}": elements must include the identity`);
  const order = [id, ...[...elements.keys()].filter((k) => k !== id)];
  const unique = order.filter((k, i) => order.findIndex((j) => close(images[j], images[k])) === i);
  if (unique.length <= CLOSURE_CHECK_LIMIT) checkClosure(name, elements, unique, images);
  const els: Element[] = unique.map((k) => ({ kind: "fn", fn: elements[k] }));
  const reference = options.reference === undefined
    ? chooseReference(name, dim, els, false, [])
    : checkedReference(name, dim, options.reference);
  return makeSymmetry({ name, dim, elements: els, phase: false, reference });
}

function checkClosure(
  name: string,
  elements: readonly GroupElement[],
  unique: number[],
  images: Float32Array[],
): void {
  for (const i of unique) {
    for (const j of unique) {
      const v = elements[i](images[j].slice());
      if (!unique.some((k) => close(images[k], v))) {
        throw new RangeError(
          `Cannot declare finite group "${name}": elements[${i}] ∘ elements[${j}] is not among the elements ` +
            `(list the whole group, not generators)`,
        );
      }
    }
  }
}

/** Checks a user-given reference row. */
export function checkedReference(name: string, dim: number, w: unknown): Float32Array {
  if (!(w instanceof Float32Array) || w.length !== dim) {
    throw new TypeError(
      `Cannot declare "${name}": reference must be a Float32Array of length ${dim}, got ${describe(w)}`,
    );
  }
  if (!w.every(Number.isFinite) || norm2(w) === 0) {
    throw new RangeError(`Cannot declare "${name}": reference must be finite and non-zero`);
  }
  return w.slice();
}

function norm2(v: Float32Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return s;
}

function close(a: Float32Array, b: Float32Array): boolean {
  let d = 0, s = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - b[i]) ** 2;
    s += b[i] * b[i];
  }
  return d <= 1e-10 * s;
}
