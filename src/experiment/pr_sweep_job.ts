import { layerSizes, parameterCount } from "../nn/architectures.ts";
import type { PRJob, PRRow } from "./pr_job.ts";
import { PR_RESULTS_VERSION } from "./pr_table.ts";
import type { GridJob } from "./run_grid.ts";
import { cellHash } from "./cell_store.ts";

/**
 * A grid job for one network row of a hyperparameter study (Table 4, Fig. 4):
 * a phase-retrieval job ({@linkcode PRJob}, job kind `"pr"`) whose cell key
 * hashes every parameter, so two settings never share a cell and a changed
 * setting is recomputed, while the same setting is reused across runs.
 *
 * @param params The job; `model` must be a network.
 * @param label Shown in progress lines.
 * @returns The grid job.
 * @throws {RangeError} If the model is K-NN.
 *
 * @example Different learning rates, different cells
 * ```ts
 * import { prSweepJob } from "./pr_sweep_job.ts";
 * import assert from "node:assert/strict";
 *
 * const base = {
 *   field: "real", n: 5, samples: 20000, model: "nn", variant: "B", seed: 1, epochs: 100,
 *   batch: 64, learningRate: 1e-3, patience: 10, k: 5,
 * } as const;
 * const a = prSweepJob(base, "lr 1e-3"), b = prSweepJob({ ...base, learningRate: 1e-4 }, "lr 1e-4");
 * assert.notEqual(a.key, b.key);
 * assert.equal(a.key, prSweepJob({ ...base }, "again").key);
 * assert.match(a.key, /^real-n5-s20000-nn-B-[0-9a-f]{8}$/);
 * ```
 */
export function prSweepJob(params: PRJob, label: string): GridJob<PRRow> {
  if (params.model === "knn") throw new RangeError("Cannot sweep K-NN: a sweep job trains a network");
  const m = 4 * params.n, d = params.field === "real" ? params.n : 2 * params.n;
  const train = Math.floor(0.8 * params.samples);
  // Rough seconds on one core, for scheduling and the ETA only: a step costs at least ~0.4 ms.
  const steps = Math.ceil(train / params.batch) * params.epochs * (params.variant === "A" ? 0.6 : 0.2);
  const flops = 6 * parameterCount(layerSizes(params.model, m, d)) * train * params.epochs *
    (params.variant === "A" ? 0.6 : 0.2);
  const hash = cellHash(PR_RESULTS_VERSION, params);
  return {
    kind: "pr",
    params,
    key: `${params.field}-n${params.n}-s${params.samples}-${params.model}-${params.variant}-${hash}`,
    label,
    cost: flops / 15e9 + steps * 4e-4,
    maxEpochs: params.epochs,
    summarize: (r) =>
      `error_paper_scale ${r.error_paper_scale.toPrecision(3)}, ${r.epochs} epochs, ${r.train_seconds}s`,
  };
}
