import { writeTextAtomic } from "../report/atomic_write.ts";
import { tf } from "../nn/_tf.ts";
import denoJson from "../../deno.json" with { type: "json" };

/** Records a task's run in `<out>/run.json` under its name, keeping other tasks' records. */
export async function recordRun(
  out: string,
  task: string,
  config: unknown,
  result: { seconds: number; ran: number; resumed: number; total: number },
  started: string,
): Promise<void> {
  const path = `${out}/run.json`;
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(await Deno.readTextFile(path));
  } catch { /* missing or unreadable: start afresh */ }
  all[task] = {
    task,
    config,
    versions: {
      symbreak: denoJson.version,
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      "tfjs-core": tf.version_core,
      "tfjs-backend": "wasm (SIMD, one thread per worker)",
    },
    started,
    seconds: Math.round(result.seconds * 10) / 10,
    cells: { total: result.total, ran: result.ran, resumed: result.resumed },
  };
  await writeTextAtomic(path, JSON.stringify(all, null, 2) + "\n");
}
