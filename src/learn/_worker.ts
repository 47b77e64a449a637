// The grid worker of learnProblem: one job kind, "learn", whose problem the
// worker imports from the module the caller named.
import { serveJobs } from "../runner/serve_jobs.ts";
import { lendCores } from "../nn/spare_cores.ts";
import { type LearnJob, runLearnJob } from "./_learn_job.ts";

serveJobs({ learn: (params: LearnJob, progress) => runLearnJob(params, progress) }, { onCores: lendCores });
