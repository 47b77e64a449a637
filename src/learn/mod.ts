/**
 * The paper's comparison on any declared inverse problem:
 * {@linkcode learnProblem} trains the networks on canonicalised (A) and raw
 * (B) targets beside K-NN and scores them with the problem's orbit
 * distance; {@linkcode learnCell} is one such cell, the one every
 * phase-retrieval table runs through; {@linkcode importProblem} loads a
 * problem from a module.
 *
 * @example K-NN with and without symmetry breaking on y = x²
 * ```ts
 * import { learnProblem } from "./mod.ts";
 * import { squareProblem } from "../forward/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = await learnProblem(squareProblem(), { samples: 1000, models: ["knn"], seed: 1 });
 * assert.deepEqual(rows.map((r) => r.variant), ["A"]);
 * assert.ok(rows[0].error < 0.01);
 * ```
 *
 * @module
 */
export * from "./import_problem.ts";
export * from "./learn_cell.ts";
export * from "./learn_problem.ts";
export * from "./learn_table.ts";
