/**
 * How many cells in flight fill the GPU: K module Workers (K = 1, 2, 4, …),
 * each with its own backend and network, train together for the same wall
 * time; the summed steps per second stop rising once the GPU (or the CPU
 * that feeds it) is full. Prints one JSON object per K, each followed by the
 * best K so far.
 *
 * `deno run --allow-read=node_modules,src,bench bench/gpu_fill.ts [--backend webgpu] [--model dnn]
 *  [--batch 64] [--cells 1,2,4,8,16] [--seconds 8]`
 *
 * @module
 */
import { selectBackend } from "../src/cli/select_backend.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { SHARED_FLAGS } from "../src/cli/shared_flags.ts";
import { runMain } from "../src/cli/run_main.ts";

const TASK = {
  task: "gpu_fill",
  summary: "Summed Adam steps per second of K cells in flight at once, for each K (JSON lines).",
  flags: {
    backend: { ...SHARED_FLAGS.backend, default: "webgpu", help: "tfjs backend (default {default})" },
    model: {
      kind: "choice",
      choices: ["nn", "wnn", "dnn"],
      default: "dnn",
      help: "network, n = 15 (default {default})",
    },
    batch: { kind: "int", min: 1, default: 64, help: "mini-batch size (default {default})" },
    cells: {
      kind: "intList",
      min: 1,
      default: [1, 2, 4, 8, 16],
      help: "cells in flight to try (default {default})",
    },
    seconds: { kind: "positive", default: 8, help: "timed wall seconds per K (default {default})" },
  },
} as const;

await runMain("gpu_fill", async () => {
  const parsed = parseTaskFlags(Deno.args, TASK);
  if (!parsed) return;
  const f = parsed.flags;
  const { backend, adapter } = await selectBackend("gpu_fill", f.backend);
  let best = { cells: 0, stepsPerSecond: 0 };
  for (const k of f.cells) {
    const workers = Array.from(
      { length: k },
      () => new Worker(new URL("./_fill_worker.ts", import.meta.url), { type: "module" }),
    );
    try {
      const ask = (w: Worker, message: unknown) =>
        new Promise<Record<string, number | string>>((resolve, reject) => {
          w.onmessage = (e) => e.data.error ? reject(new Error(e.data.error)) : resolve(e.data);
          w.onerror = (e) => {
            e.preventDefault();
            reject(new Error(e.message));
          };
          w.postMessage(message);
        });
      await Promise.all(
        workers.map((w) => ask(w, { backend, model: f.model, batch: f.batch, seconds: f.seconds })),
      );
      const t0 = performance.now();
      const answers = await Promise.all(workers.map((w) => ask(w, "go")));
      const wall = (performance.now() - t0) / 1000;
      const steps = answers.reduce((a, r) => a + (r.steps as number), 0);
      const stepsPerSecond = steps / wall;
      if (stepsPerSecond > best.stepsPerSecond) best = { cells: k, stepsPerSecond };
      console.log(JSON.stringify({
        name: `gpu_fill_${f.model}_n15_b${f.batch}_${backend}_cells${k}`,
        backend,
        ...(adapter ? { adapter } : {}),
        cells: k,
        wall_seconds: +wall.toFixed(2),
        steps,
        steps_per_second: +stepsPerSecond.toFixed(1),
        ms_per_step_per_cell: +(1000 * k / stepsPerSecond).toFixed(3),
      }));
      // The best so far after every K, so that a run cut short still has one.
      console.log(JSON.stringify({
        name: `gpu_fill_${f.model}_n15_b${f.batch}_${backend}_best`,
        cells: best.cells,
        steps_per_second: +best.stepsPerSecond.toFixed(1),
      }));
    } catch (err) {
      console.log(JSON.stringify({ name: `gpu_fill_cells${k}`, cells: k, error: (err as Error).message }));
      break;
    } finally {
      for (const w of workers) w.terminate();
    }
  }
});
