// The grid worker of the symmetry-breaking paper: registers its job
// functions by name (see `serveJobs`); runGrid is handed this module's URL.
import { serveJobs } from "../../src/runner/serve_jobs.ts";
import { lendCores } from "../../src/nn/spare_cores.ts";
import { runPRJob } from "./pr_job.ts";
import { runSqrtJob } from "./sqrt_job.ts";

serveJobs({
  pr: runPRJob,
  sqrt: runSqrtJob,
}, { onCores: lendCores });
