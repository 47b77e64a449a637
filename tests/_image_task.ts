// Runs a syre image task as a user would, on the project's tiny IDX fixture:
// its own process, read access to the code, the fixture and `out`, write
// access to `out` only.
import { spawn, type TaskRun } from "./_task.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");

/** The tiny MNIST-format fixture (100 training, 40 test images). */
export const FIXTURE = `${ROOT}/fixtures/idx`;

/** Runs `tasks/<task>.ts --data <fixture> --out <out> ...args` (no `--data <fixture>` when `args` has one). */
export async function runImageTask(task: string, out: string, args: string[]): Promise<TaskRun> {
  return await spawn([
    "run",
    `--allow-read=${ROOT}/node_modules,${ROOT}/src,${ROOT}/experiments,${FIXTURE},${out}`,
    `--allow-write=${out}`,
    `${ROOT}/tasks/${task}.ts`,
    ...(args.includes("--data") ? [] : ["--data", FIXTURE]),
    "--out",
    out,
    ...args,
  ]);
}
