// The grid worker of the Fourier phase-retrieval comparison: one job kind,
// "fourier" (see `serveJobs`); runExperiment is handed this module's URL.
import { serveJobs } from "../../src/runner/serve_jobs.ts";
import { lendCores } from "../../src/nn/spare_cores.ts";
import { runFourierJob } from "./fourier_job.ts";

serveJobs({ fourier: runFourierJob }, { onCores: lendCores });
