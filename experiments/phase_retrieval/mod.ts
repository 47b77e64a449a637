/**
 * The experiments of the symmetry-breaking paper (Tables 1–4, Figures 2 and 4):
 * each is a declarative grid of cells plus a function for one cell, run by
 * `src/runner` through this folder's `_worker.ts`, with its presets, rows,
 * columns and markdown. The `deno task table1` … `fig4` entry points call it.
 *
 * @example Table 3: trainable parameters for n = 15
 * ```ts
 * import { parameterMarkdown, parameterRows } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = parameterRows(15);
 * assert.deepEqual(rows[0], { model: "nn", field: "real", params: 57743 });
 * assert.match(parameterMarkdown(rows, 15), /\| Neural Network \| 57,743 \| 58,718 \|/);
 * ```
 *
 * @module
 */
export * from "./library_types.ts";
export * from "./parameter_table.ts";
export * from "./grid_options.ts";
export * from "./pr_grid_job.ts";
export * from "./pr_job.ts";
export * from "./pr_markdown.ts";
export * from "./pr_table.ts";
export * from "./regularization_table.ts";
export * from "./sqrt_figure.ts";
export * from "./sqrt_job.ts";
export * from "./sweep_config.ts";
export * from "./task_flags.ts";
export * from "./sweep_figure.ts";
