/**
 * The experiments of the syre paper (_Remove Symmetries to Control Model
 * Expressivity_, Figures 1–8 and 10): one file per figure with its presets, jobs,
 * cell and figures, run by `src/runner` through this folder's `_worker.ts`. The
 * `deno task syre:*` entry points call it.
 *
 * @example The quartic benchmark's objective
 * ```ts
 * import { quarticMatrix, quarticObjective } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const b = quarticMatrix("structured", 3, 1);
 * assert.equal(b[1], 0);
 * assert.equal(quarticObjective(b, new Float64Array(3), "structured"), 0);
 * ```
 *
 * @module
 */
export * from "./collapse.ts";
export * from "./collapse_job.ts";
export * from "./continual.ts";
export * from "./continual_job.ts";
export * from "./fcn.ts";
export * from "./fcn_job.ts";
export * from "./grid_options.ts";
export * from "./library_types.ts";
export * from "./quartic.ts";
export * from "./quartic_grid.ts";
export * from "./reparam.ts";
export * from "./reparam_grid.ts";
export * from "./ridge.ts";
export * from "./ridge_grid.ts";
export * from "./task_flags.ts";
export * from "./task_settings.ts";
export * from "./teacher.ts";
export * from "./teacher_grid.ts";
export * from "./vae.ts";
export * from "./vae_job.ts";
