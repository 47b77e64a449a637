import { type PRJob, type PRRow, runPRJob } from "./pr_job.ts";
import { runSqrtJob, type SqrtJob, type SqrtRow } from "./sqrt_job.ts";

/** Reports progress from inside a job: an epoch finished, with its validation loss. */
export type JobProgress = (info: { epoch: number; valLoss: number }) => void;

/**
 * Every kind of job a grid worker can run, by name. A job is plain data, so
 * it can cross a Worker boundary; an experiment adds its kind here.
 *
 * @example Run a phase-retrieval job directly, without a Worker
 * ```ts
 * import { JOB_KINDS } from "./jobs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok("pr" in JOB_KINDS);
 * const row = await JOB_KINDS.pr({
 *   field: "real", n: 2, samples: 100, model: "knn", variant: "A", seed: 1,
 *   epochs: 1, batch: 64, learningRate: 1e-3, patience: 10, k: 5,
 * }, () => {});
 * assert.equal(row.model, "knn");
 * assert.equal(row.samples, 100);
 * ```
 */
export const JOB_KINDS: {
  readonly pr: (params: PRJob, progress: JobProgress) => Promise<PRRow>;
  readonly sqrt: (params: SqrtJob, progress: JobProgress) => Promise<SqrtRow>;
} = {
  pr: (params, progress) => runPRJob(params, progress),
  sqrt: (params, progress) => runSqrtJob(params, progress),
};

/** The name of a registered job kind. */
export type JobKind = keyof typeof JOB_KINDS;
