// The grid worker of the syre paper: registers its job functions by name
// (see `serveJobs`); runGrid is handed this module's URL.
import { serveJobs } from "../../src/runner/serve_jobs.ts";
import { lendCores } from "../../src/nn/spare_cores.ts";
import type { TeacherSweepRow } from "./teacher_grid.ts";
import { runTeacher, type TeacherJob } from "./teacher.ts";
import { type RidgeJob, runRidge } from "./ridge.ts";
import { type ReparamJob, runReparam } from "./reparam.ts";
import { type QuarticJob, runQuartic } from "./quartic.ts";
import { runCollapseJob } from "./collapse_job.ts";
import { runFcnJob } from "./fcn_job.ts";
import { runContinualJob } from "./continual_job.ts";
import { runVaeJob } from "./vae_job.ts";

serveJobs({
  "syre-quartic": (params: QuarticJob) => runQuartic(params),
  "syre-reparam": (params: ReparamJob) => runReparam(params),
  "syre-ridge": (params: RidgeJob) => runRidge(params),
  "syre-teacher": async ({ sweep, ...params }: TeacherJob & { sweep: TeacherSweepRow["sweep"] }) => ({
    sweep,
    ...(await runTeacher(params)),
  }),
  "syre-collapse": runCollapseJob,
  "syre-fcn": runFcnJob,
  "syre-continual": runContinualJob,
  "syre-vae": runVaeJob,
}, { onCores: lendCores });
