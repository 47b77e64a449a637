/**
 * Fourier phase retrieval, the symmetry-breaking paper's future work: the
 * grid of `deno task fourier` (networks with canonicalised and raw targets,
 * K-NN and Fienup's HIO on complex 1-D signals and real 2-D images), one
 * cell's job, the CSV columns, the wide Markdown table and the example
 * figure. Everything goes through `fourierPR` and the `Symmetry` API.
 *
 * @example The grid of one setting
 * ```ts
 * import { fourierJobs } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const jobs = fourierJobs({
 *   preset: "x", settings: ["real-2d"], n: 16, n1d: 8, oversample: 2, samples: 1000,
 *   models: ["nn", "hio"], rules: ["reference"], seed: 1, epochs: 10, batch: 64, learningRate: 1e-3,
 *   patience: 5, k: 5, hioIterations: 10, hioEr: 5, hioRestarts: 1, hioSignals: 5, data: "d",
 *   workers: 1, out: "o", fresh: false,
 * });
 * assert.deepEqual(jobs.map((j) => j.label), ["real-2d nn-A reference", "real-2d nn-B", "real-2d hio"]);
 * ```
 *
 * @module
 */
export * from "./fourier_job.ts";
export * from "./fourier_table.ts";
export * from "./task_flags.ts";
