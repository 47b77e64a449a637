import { type PRJob, type PRRow, runPRJob } from "./pr_job.ts";
import { runSqrtJob, type SqrtJob, type SqrtRow } from "./sqrt_job.ts";
import { runTeacher, type TeacherJob } from "../syre/teacher.ts";
import type { TeacherSweepRow } from "../syre/teacher_grid.ts";
import { type RidgeJob, type RidgeRow, runRidge } from "../syre/ridge.ts";
import { type ReparamJob, type ReparamResult, runReparam } from "../syre/reparam.ts";
import { type QuarticJob, type QuarticRow, runQuartic } from "../syre/quartic.ts";
import { type CollapseJob, type CollapseRow, runCollapseJob } from "./syre_collapse_job.ts";
import { type FcnJob, type FcnRow, runFcnJob } from "./syre_fcn_job.ts";
import { type ContinualJob, type ContinualRow, runContinualJob } from "./syre_continual_job.ts";
import { runVaeJob, type VaeJob, type VaeRow } from "./syre_vae_job.ts";

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
  readonly "syre-quartic": (params: QuarticJob, progress: JobProgress) => Promise<QuarticRow>;
  readonly "syre-reparam": (params: ReparamJob, progress: JobProgress) => Promise<ReparamResult>;
  readonly "syre-ridge": (params: RidgeJob, progress: JobProgress) => Promise<RidgeRow[]>;
  readonly "syre-teacher": (
    params: TeacherJob & { sweep: TeacherSweepRow["sweep"] },
    progress: JobProgress,
  ) => Promise<TeacherSweepRow>;
  readonly "syre-collapse": (params: CollapseJob, progress: JobProgress) => Promise<CollapseRow>;
  readonly "syre-fcn": (params: FcnJob, progress: JobProgress) => Promise<FcnRow>;
  readonly "syre-continual": (params: ContinualJob, progress: JobProgress) => Promise<ContinualRow>;
  readonly "syre-vae": (params: VaeJob, progress: JobProgress) => Promise<VaeRow>;
} = {
  pr: (params, progress) => runPRJob(params, progress),
  sqrt: (params, progress) => runSqrtJob(params, progress),
  "syre-quartic": (params) => Promise.resolve(runQuartic(params)),
  "syre-reparam": (params) => Promise.resolve(runReparam(params)),
  "syre-ridge": (params) => Promise.resolve(runRidge(params)),
  "syre-teacher": async ({ sweep, ...params }) => ({ sweep, ...(await runTeacher(params)) }),
  "syre-collapse": (params, progress) => runCollapseJob(params, progress),
  "syre-fcn": (params, progress) => runFcnJob(params, progress),
  "syre-continual": (params, progress) => runContinualJob(params, progress),
  "syre-vae": (params, progress) => runVaeJob(params, progress),
};

/** The name of a registered job kind. */
export type JobKind = keyof typeof JOB_KINDS;
