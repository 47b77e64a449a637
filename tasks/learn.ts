/**
 * `deno task learn --problem path/to/problem.ts`: the paper's A/B/K-NN
 * comparison on your own inverse problem. This launcher checks the flags,
 * lists the local files of the problem's module graph (`deno info`), and
 * runs `_learn_run.ts` in a child Deno that may read those files, the
 * library and the output folder, and write only the output folder.
 *
 * @module
 */
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import { SHARD_ENV } from "../src/cli/shard_flag.ts";
import { LEARN_TASK } from "./_learn_flags.ts";

const ROOT = new URL("../", import.meta.url);
const path = (rel: string) => decodeURIComponent(new URL(rel, ROOT).pathname).replace(/\/$/, "");

await runMain("learn", async () => {
  const parsed = parseTaskFlags(Deno.args, LEARN_TASK);
  if (!parsed) return;
  const { problem, out } = parsed.flags;
  if (!problem) throw new UsageError("--problem PATH is required: the module that exports your problem");
  const locals = await moduleFiles(problem);
  // The real path: the child's permissions name the folder that is written, not a link to it.
  const real = await prepareOutputDir(out);
  const granted = [path("node_modules"), path("src"), ...locals, real];
  const child = new Deno.Command("deno", {
    args: [
      "run",
      `--allow-read=${granted.join(",")}`,
      `--allow-write=${real}`,
      `--allow-env=${SHARD_ENV.join(",")}`,
      path("tasks/_learn_run.ts"),
      ...Deno.args,
    ],
    stdin: "null",
  }).spawn();
  const stop = () => child.kill("SIGTERM");
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  const status = await child.status;
  Deno.exit(status.code);
});

// The local files of the problem module's graph outside src/ (which the run may read anyway).
async function moduleFiles(problem: string): Promise<string[]> {
  if (!/\.(ts|mts|js|mjs)$/.test(problem)) {
    throw new UsageError(`--problem must be a .ts or .js module, got "${problem}"`);
  }
  const out = await new Deno.Command("deno", { args: ["info", "--json", problem], stderr: "piped" }).output();
  if (!out.success) {
    throw new UsageError(
      `Cannot read --problem "${problem}": ${new TextDecoder().decode(out.stderr).trim()}`,
    );
  }
  const graph = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { specifier: string; local?: string; error?: string }[];
  };
  const broken = graph.modules.find((m) => m.error);
  if (broken) throw new UsageError(`Cannot load --problem "${problem}": ${broken.error}`);
  const src = path("src") + "/";
  return [...new Set(graph.modules.flatMap((m) => (m.local && !m.local.startsWith(src) ? [m.local] : [])))];
}
