/**
 * Symmetry as a value. A {@linkcode Symmetry} is a group acting on signal
 * rows that a forward model cannot see; the built-ins ({@linkcode signFlip},
 * {@linkcode globalPhase}, {@linkcode cyclicShift}, {@linkcode reflection},
 * {@linkcode finiteGroup}) compose with {@linkcode product}, and each gives
 * canonicalisation into a connected representative set, an exact orbit
 * distance (the rectified metric) and random group actions.
 * {@linkcode defineProblem} declares an inverse problem with its symmetry
 * and {@linkcode checkSymmetry} checks the declaration. The paper's own
 * {@linkcode canonicalize} and {@linkcode rectifiedError} are thin calls on
 * the sign and phase groups; the `*Wasm` versions run the same arithmetic
 * in the kernel.
 *
 * @example A sign flip costs nothing once rectified
 * ```ts
 * import { canonicalize, cyclicShift, product, rectifiedError, signFlip } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const x = new Float32Array([1, -2, 0.5, 0.25]);
 * const options = { field: "real", n: 2 } as const;
 * assert.deepEqual([...canonicalize(x, options)], [-1, 2, 0.5, 0.25]);
 * assert.equal(rectifiedError(x.map((v) => -v), x, options).error, 0);
 * const g = product(signFlip(3), cyclicShift([3]));
 * assert.deepEqual([...g.orbitDistance(Float32Array.of(1, 2, 3), Float32Array.of(-3, -1, -2))], [0]);
 * ```
 *
 * @module
 */
export * from "./align.ts";
export * from "./canonicalize.ts";
export * from "./centring_rule.ts";
export * from "./check_symmetry.ts";
export * from "./conjugate_flip.ts";
export * from "./cyclic_shift.ts";
export * from "./define_problem.ts";
export * from "./field.ts";
export * from "./finite_group.ts";
export * from "./global_phase.ts";
export * from "./product.ts";
export * from "./rectified_error.ts";
export * from "./reflection.ts";
export * from "./sign_flip.ts";
export * from "./symmetry.ts";
export * from "./symmetry_wasm.ts";
