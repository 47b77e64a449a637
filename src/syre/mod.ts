/**
 * syre, the method of Ziyin et al. (_Remove Symmetries to Control Model
 * Expressivity_): {@linkcode Syre} trains ℓ(θ + θ₀) + γ‖θ‖² with a fixed random
 * θ₀; {@linkcode WFix} is the W-fix baseline; {@linkcode covarianceRank} and
 * {@linkcode degreeOfSymmetry} measure what symmetry is left.
 *
 * @example Rows on a line have covariance rank 1
 * ```ts
 * import { covarianceRank, degreeOfSymmetry } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(covarianceRank(new Float32Array([1, 2, 3, 2, 4, 6, -1, -2, -3, 0, 0, 0]), 4, 3), 1);
 * assert.equal(degreeOfSymmetry([0, 0.5, 1e-4], "axes", 1e-3), 2);
 * ```
 *
 * @module
 */
export * from "./metrics.ts";
export * from "./syre.ts";
export * from "./syre_trainer.ts";
export * from "./wfix.ts";
