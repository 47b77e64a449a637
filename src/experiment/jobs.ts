import { type PRJob, type PRRow, runPRJob } from "./pr_job.ts";
import { type CollapseJob, type CollapseRow, runCollapseJob } from "./syre_collapse_job.ts";
import { type FcnJob, type FcnRow, runFcnJob } from "./syre_fcn_job.ts";

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
  readonly "syre-collapse": (params: CollapseJob, progress: JobProgress) => Promise<CollapseRow>;
  readonly "syre-fcn": (params: FcnJob, progress: JobProgress) => Promise<FcnRow>;
} = {
  pr: (params, progress) => runPRJob(params, progress),
  "syre-collapse": (params, progress) => runCollapseJob(params, progress),
  "syre-fcn": (params, progress) => runFcnJob(params, progress),
};

/** The name of a registered job kind. */
export type JobKind = keyof typeof JOB_KINDS;
