/**
 * Forward models, one per file: Gaussian phase retrieval y = |Ax|², real or
 * complex ({@linkcode forwardPR}), and a seeded dataset of it ({@linkcode gaussianPR});
 * Fourier phase retrieval y = |F x|² on an oversampled grid ({@linkcode fourierPR})
 * with its classical solver, Fienup's HIO ({@linkcode hio}).
 *
 * @example The measurements cannot tell x from −x
 * ```ts
 * import { forwardPR, gaussianPR } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const data = gaussianPR({ field: "real", n: 5, samples: 10, seed: 1 });
 * assert.equal(data.y.length, 10 * data.m);
 * assert.deepEqual(forwardPR(data.a, data.x.map((v) => -v), data), data.y);
 * ```
 *
 * @module
 */
export * from "./forward_pr.ts";
export * from "./fourier_pr.ts";
export * from "./gaussian_pr.ts";
export * from "./gaussian_pr_problem.ts";
export * from "./hio.ts";
export * from "./square.ts";
