import { type PRJob, type PRRow, runPRJob } from "./pr_job.ts";

/** Reports progress from inside a job: an epoch finished, with its validation loss. */
export type JobProgress = (info: { epoch: number; valLoss: number }) => void;

/**
 * Every kind of job a grid worker can run, by name. A job is plain data, so
 * it can cross a Worker boundary; an experiment adds its kind here.
 */
export const JOB_KINDS: {
  readonly pr: (params: PRJob, progress: JobProgress) => Promise<PRRow>;
} = {
  pr: (params, progress) => runPRJob(params, progress),
};

/** The name of a registered job kind. */
export type JobKind = keyof typeof JOB_KINDS;
