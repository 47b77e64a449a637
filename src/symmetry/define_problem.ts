import type { Symmetry } from "./symmetry.ts";
import { checkCount, checkRows, describe } from "./_check.ts";

/** The declaration of an inverse problem, as {@linkcode defineProblem} takes it. */
export interface ProblemDeclaration {
  /** A readable, file-name-safe name (letters, digits, `_`, `.`, `-`), e.g. `"shifted-pulse"`. */
  name: string;
  /** Floats per signal row x. */
  signalDim: number;
  /** Floats per measurement row y. */
  measurementDim: number;
  /** Draws `count` signals, row-major, from `seed` (the same seed gives the same rows). */
  sample(count: number, seed: number): Float32Array;
  /** The forward model, row by row: measurements y of a batch of signals x. */
  forward(x: Float32Array): Float32Array;
  /** The group the forward model cannot see, acting on signal rows. */
  symmetry: Symmetry;
}

/** An inverse problem whose declaration has been checked; `sample` and `forward` check what they return. */
export type InverseProblem = Readonly<ProblemDeclaration>;

const DEFINED = new WeakSet<object>();

/**
 * Declares an inverse problem y = forward(x) with a symmetry: what
 * {@linkcode checkSymmetry} checks and `learnProblem` learns. The
 * declaration is checked at once (a `TypeError` or `RangeError` naming the
 * field), and the returned problem's `sample` and `forward` check their
 * results each time (type, length, finite values), so a wrong declaration
 * fails at its source rather than deep inside training.
 *
 * @param declaration Name, sizes, sampler, forward model and symmetry.
 * @returns The checked problem (frozen).
 *
 * @example |x|² of a real signal with a sign symmetry
 * ```ts
 * import { defineProblem } from "./define_problem.ts";
 * import { signFlip } from "./sign_flip.ts";
 * import { Pcg32 } from "../random/pcg32.ts";
 * import assert from "node:assert/strict";
 *
 * const problem = defineProblem({
 *   name: "square-norm",
 *   signalDim: 2,
 *   measurementDim: 1,
 *   sample: (count, seed) => {
 *     const rng = new Pcg32(seed);
 *     return Float32Array.from({ length: count * 2 }, () => rng.nextFloat() - 0.5);
 *   },
 *   forward: (x) => Float32Array.from({ length: x.length / 2 }, (_, r) => x[2 * r] ** 2 + x[2 * r + 1] ** 2),
 *   symmetry: signFlip(2),
 * });
 * assert.equal(problem.forward(problem.sample(3, 1)).length, 3);
 * assert.throws(() => defineProblem({ ...problem, signalDim: 3 }), /symmetry\.dim is 2 but signalDim is 3/);
 * ```
 */
export function defineProblem(declaration: ProblemDeclaration): InverseProblem {
  // A problem this function returned is checked already: wrapping it again would check every result twice.
  if (DEFINED.has(declaration)) return declaration;
  const what = "define problem";
  if (typeof declaration !== "object" || declaration === null) {
    throw new TypeError(`Cannot ${what}: the declaration must be an object, got ${describe(declaration)}`);
  }
  const { name, signalDim, measurementDim, sample, forward, symmetry } = declaration;
  if (typeof name !== "string" || !/^[\w.-]+$/.test(name)) {
    throw new TypeError(
      `Cannot ${what}: name must be a non-empty string of letters, digits, "_", "." and "-", got ${
        describe(name)
      }`,
    );
  }
  const label = `Cannot ${what} "${name}"`;
  checkCount(`define problem "${name}"`, "signalDim", signalDim);
  checkCount(`define problem "${name}"`, "measurementDim", measurementDim);
  for (const [field, f] of [["sample", sample], ["forward", forward]] as const) {
    if (typeof f !== "function") {
      throw new TypeError(`${label}: ${field} must be a function, got ${describe(f)}`);
    }
  }
  checkSymmetryShape(label, symmetry);
  if (symmetry.dim !== signalDim) {
    throw new RangeError(`${label}: symmetry.dim is ${symmetry.dim} but signalDim is ${signalDim}`);
  }
  const problem: InverseProblem = Object.freeze({
    name,
    signalDim,
    measurementDim,
    symmetry,
    sample(count: number, seed: number): Float32Array {
      checkCount(`sample problem "${name}"`, "count", count);
      if (!Number.isSafeInteger(seed)) {
        throw new TypeError(`Cannot sample problem "${name}": seed must be a safe integer`);
      }
      const x = sample(count, seed);
      checkResult(`problem "${name}": sample(${count}, ${seed})`, x, count, signalDim);
      return x;
    },
    forward(x: Float32Array): Float32Array {
      const rows = checkRows(`measure problem "${name}"`, "x", x, signalDim);
      const y = forward(x);
      checkResult(`problem "${name}": forward of ${rows} rows`, y, rows, measurementDim);
      return y;
    },
  });
  DEFINED.add(problem);
  return problem;
}

function checkSymmetryShape(label: string, s: unknown): asserts s is Symmetry {
  if (typeof s !== "object" || s === null) {
    throw new TypeError(`${label}: symmetry must be a Symmetry (e.g. signFlip(n)), got ${describe(s)}`);
  }
  const sym = s as Record<string, unknown>;
  if (typeof sym.name !== "string") throw new TypeError(`${label}: symmetry.name must be a string`);
  if (!Number.isSafeInteger(sym.dim)) throw new TypeError(`${label}: symmetry.dim must be an integer`);
  for (const m of ["canonicalize", "orbitDistance", "act"]) {
    if (typeof sym[m] !== "function") throw new TypeError(`${label}: symmetry.${m} must be a function`);
  }
}

function checkResult(what: string, v: unknown, rows: number, dim: number): void {
  if (!(v instanceof Float32Array)) {
    throw new TypeError(`Bad ${what}: expected a Float32Array, got ${describe(v)}`);
  }
  if (v.length !== rows * dim) {
    throw new RangeError(
      `Bad ${what}: returned ${v.length} values, expected ${rows} × ${dim} = ${rows * dim}`,
    );
  }
  const bad = v.findIndex((e) => !Number.isFinite(e));
  if (bad >= 0) throw new RangeError(`Bad ${what}: value ${bad} is ${v[bad]}, not a finite number`);
}
