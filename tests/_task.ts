// Helpers for tests that run a task as a user would: a separate Deno process
// with the task's own narrow permissions, writing into a temporary folder.

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");

/** The result of a finished task process. */
export interface TaskRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tasks/<task>.ts` with read access to the code and `out`, write access to `out` only. */
export async function runTask(task: string, out: string, args: string[]): Promise<TaskRun> {
  return await spawn([
    "run",
    `--allow-read=${ROOT}/node_modules,${ROOT}/src,${ROOT}/experiments,${out}`,
    `--allow-write=${out}`,
    `${ROOT}/tasks/${task}.ts`,
    "--out",
    out,
    ...args,
  ]);
}

/** Runs `deno <args>` in the project root. */
export async function spawn(args: string[]): Promise<TaskRun> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code, stdout: dec.decode(stdout), stderr: dec.decode(stderr) };
}

/** Parses a CSV without quoted fields into objects keyed by header. */
export function readCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split("\n");
  const cols = header.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}
