import { layerSizes, parameterCount } from "../../src/nn/architectures.ts";
import type { PRJob, PRRow } from "./pr_job.ts";
import type { GridJob } from "../../src/runner/run_grid.ts";
import { cellHash } from "../../src/runner/cell_store.ts";

/**
 * Part of every cell key: bump it when a code change alters the result of a
 * job with the same parameters, so stored cells from older code are not
 * reused. 2: separate seeds for initial weights and batch order. 3: K-NN
 * in the float32 WebAssembly kernel, which may order near-ties differently.
 *
 * @example Cell keys end in a hash that includes it
 * ```ts
 * import { PR_RESULTS_VERSION } from "./pr_grid_job.ts";
 * import { prTableJobs } from "./pr_table.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(Number.isInteger(PR_RESULTS_VERSION) && PR_RESULTS_VERSION >= 1);
 * const [job] = prTableJobs({
 *   name: "t", field: "real", preset: "x", n: [5], samples: [200], models: ["knn"], knnRaw: false,
 *   seed: 1, epochs: 1, batch: 64, learningRate: 1e-3, patience: 10, k: 5, workers: 1, out: "o", fresh: false,
 * });
 * assert.match(job.key, /^real-n5-s200-knn-A-[0-9a-f]{8}$/);
 * ```
 */
export const PR_RESULTS_VERSION = 3;

/**
 * The grid job of one phase-retrieval cell (job kind `"pr"`), shared by the
 * tables and the hyperparameter studies (Table 4, Fig. 4): its cell key
 * hashes every parameter of the {@linkcode PRJob} with the results version,
 * so two settings never share a cell, a changed setting is recomputed, and
 * the same setting is reused across runs and tasks. A backend other than
 * wasm enters the key (GPU results are not bit-identical to wasm's) and
 * the key's name (`…-nn-A-webgpu-…`); wasm, or any backend for K-NN (which
 * does not use tfjs), leaves the key as it was before backends existed.
 *
 * @param params The job.
 * @param label Shown in progress lines.
 * @returns The grid job.
 *
 * @example Different learning rates, different cells
 * ```ts
 * import { prGridJob } from "./pr_grid_job.ts";
 * import assert from "node:assert/strict";
 *
 * const base = {
 *   field: "real", n: 5, samples: 20000, model: "nn", variant: "B", seed: 1, epochs: 100,
 *   batch: 64, learningRate: 1e-3, patience: 10, k: 5,
 * } as const;
 * const a = prGridJob(base, "lr 1e-3"), b = prGridJob({ ...base, learningRate: 1e-4 }, "lr 1e-4");
 * assert.notEqual(a.key, b.key);
 * assert.equal(a.key, prGridJob({ ...base }, "again").key);
 * assert.match(a.key, /^real-n5-s20000-nn-B-[0-9a-f]{8}$/);
 * assert.equal(prGridJob({ ...base, backend: "wasm" }, "wasm").key, a.key);
 * assert.match(prGridJob({ ...base, backend: "webgpu" }, "gpu").key, /^real-n5-s20000-nn-B-webgpu-[0-9a-f]{8}$/);
 * ```
 */
export function prGridJob(job: PRJob, label: string): GridJob<PRRow> {
  const { backend, ...rest } = job;
  const params: PRJob = backend && backend !== "wasm" && job.model !== "knn" ? job : rest;
  const m = 4 * params.n, d = params.field === "real" ? params.n : 2 * params.n;
  const train = Math.floor(0.8 * params.samples);
  // Rough seconds on one core, for scheduling and the ETA only: a step costs at least ~0.4 ms.
  const share = params.variant === "A" ? 0.6 : 0.2;
  const cost = params.model === "knn"
    ? (3 * train * (params.samples - train) * m) / 1.5e9
    : (6 * parameterCount(layerSizes(params.model, m, d)) * train * params.epochs * share) / 15e9 +
      Math.ceil(train / params.batch) * params.epochs * share * 4e-4;
  return {
    kind: "pr",
    params,
    key: `${params.field}-n${params.n}-s${params.samples}-${params.model}-${params.variant}${
      params.backend ? `-${params.backend}` : ""
    }-${cellHash(PR_RESULTS_VERSION, params)}`,
    label,
    cost,
    maxEpochs: params.model === "knn" ? 0 : params.epochs,
    summarize: (r) =>
      `error_paper_scale ${r.error_paper_scale.toPrecision(3)}` +
      (r.epochs ? `, ${r.epochs} epochs` : "") + `, ${r.train_seconds}s`,
  };
}
