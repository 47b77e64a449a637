/**
 * `deno task bench`: milliseconds per Adam step of NN (n = 15, batch 64) and
 * DNN (n = 15, batch 256 and 64), as `fit` runs it (the fused one-kernel step) and
 * op by op in tfjs (`…_ops`, the step it replaced), the fused DNN step at batch 256 with one core
 * lent (`…_cores2`, two threads, as a grid's last cell runs), and seconds of the K-NN baseline on the n = 5,
 * 2e4-sample cell, 1 worker and all workers. The DNN step is timed again on
 * the threaded wasm backend, with 1 and 2 (or all, up to 8) threads, each in a
 * module Worker of its own: this thread's backend is already single-threaded.
 * If the threaded backend cannot start, its lines report the error instead.
 * With `--backend webgpu` (or `auto` on a hardware adapter) it also times
 * the step as `fit` takes it (data set on the device, batches gathered
 * there) for NN batch 64 and DNN batches 256 and 64, on WebGPU and on wasm,
 * in one run.
 * `--json` prints one JSON object per line. A benchmark, not a test: nothing
 * here can fail on speed.
 *
 * @module
 */
import { initBackend } from "../src/nn/backend.ts";
import { selectBackend } from "../src/cli/select_backend.ts";
import { deviceStepMs } from "../bench/step_time.ts";
import type { ModelName } from "../src/nn/architectures.ts";
import { adamStepMs, pairedCoresMs } from "../bench/threaded_step_worker.ts";
import { gaussianPR } from "../src/forward/gaussian_pr.ts";
import { splitDataset } from "../src/data/split.ts";
import { knnRegress } from "../src/knn/knn_regress.ts";
import { runMain } from "../src/cli/run_main.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { SHARED_FLAGS } from "../src/cli/shared_flags.ts";

const TASK = {
  task: "bench",
  summary: `Milliseconds per Adam step of NN (n = 15, batch 64) and DNN (n = 15, batch 256), fused as fit
runs it and op by op (_ops), the fused DNN step on two cores (_cores2), the DNN step again on the threaded wasm backend (1 and 2 or more threads), and seconds of the K-NN baseline
on the n = 5, 2e4-sample cell, 1 worker and all workers. With --backend webgpu, the step as fit
takes it (batches on the device) on WebGPU and on wasm, in one run. Nothing fails on speed.`,
  flags: {
    json: { kind: "boolean", help: "print one JSON object per line" },
    quick: { kind: "boolean", help: "a fifth of the Adam steps" },
    backend: {
      ...SHARED_FLAGS.backend,
      help:
        "wasm (default), or webgpu/auto: also time the step on WebGPU and on wasm with batches on the device",
    },
    "only-steps": { kind: "boolean", key: "onlySteps", help: "with --backend webgpu: only those step times" },
  },
} as const;

await runMain("bench", async () => {
  const parsed = parseTaskFlags(Deno.args, TASK);
  if (!parsed) return;
  const values = parsed.flags;
  const report = (o: Record<string, unknown>) => {
    if (values.json) console.log(JSON.stringify(o));
    else {
      const v = "error" in o
        ? `not measured: ${o.error}`
        : "ms_per_step" in o
        ? `${(o.ms_per_step as number).toFixed(2)} ms/step`
        : `${o.seconds} s`;
      console.log(`${String(o.name).padEnd(32)} ${v}`);
    }
  };
  const steps = values.quick ? 0.2 : 1;
  const selected = await selectBackend("bench", values.backend);
  if (selected.backend === "webgpu") {
    // Each step time is held to about 10 s (3 steps at least): llvmpipe takes seconds per DNN step.
    for (const [model, batch, count] of [["nn", 64, 500], ["dnn", 256, 50], ["dnn", 64, 200]] as const) {
      for (const backend of ["webgpu", "wasm"] as const) {
        await initBackend({ backend });
        const t = await deviceStepMs({
          model,
          batch,
          count: Math.ceil(count * steps),
          budgetMs: 10_000 * steps,
        });
        report({
          name: `fit_step_${model}_n15_b${batch}_${backend}`,
          backend,
          ...(backend === "webgpu" ? { adapter: selected.adapter } : {}),
          ms_per_step: t.msPerStep,
          steps: t.steps,
        });
      }
    }
    if (values.onlySteps) return;
  }
  await initBackend();
  // DNN at batch 64 too: the step behind the README's paper-preset estimate.
  for (const [model, batch, count] of [["nn", 64, 500], ["dnn", 256, 20], ["dnn", 64, 20]] as const) {
    // The step fit runs (one fused kernel), then tfjs's op-by-op step it replaced, in the same run.
    for (const ops of [false, true]) {
      report({
        name: `adam_step_${model}_n15_b${batch}${ops ? "_ops" : ""}`,
        ms_per_step: adamStepMs(model, batch, Math.ceil(count * steps), ops),
      });
    }
  }
  const cores = navigator.hardwareConcurrency || 1;
  if (cores >= 2) {
    // The fused DNN step with one core lent (as a grid's last cell gets a finished worker's core),
    // alternating with the one-core step in the same loop.
    const paired = await pairedCoresMs("dnn", 256, Math.ceil(10 * steps)).catch((e: Error) => ({
      error: e.message,
    }));
    report({
      name: "adam_step_dnn_n15_b256_cores2",
      threads: 2,
      ...("error" in paired ? paired : {
        ms_per_step: paired.twoCoresMs,
        one_core_ms_per_step: paired.oneCoreMs,
        paired_speedup: paired.ratio,
      }),
    });
  }
  for (const threads of [...new Set([1, Math.min(8, Math.max(2, cores))])]) {
    report({
      name: `adam_step_dnn_n15_b256_threads${threads}`,
      ...await threadedStepMs({ threads, model: "dnn", batch: 256, count: Math.ceil(20 * steps) }),
    });
  }
  const data = gaussianPR({ field: "real", n: 5, samples: 20000, seed: 1 });
  const split = splitDataset(data.y, data.x, data.samples);
  for (const workers of [...new Set([1, cores])]) {
    const t0 = performance.now();
    await knnRegress({
      reference: split.trainAll.x,
      targets: split.trainAll.y,
      queries: split.test.x,
      dim: data.m,
      targetDim: data.d,
      workers,
    });
    const seconds = (performance.now() - t0) / 1000;
    const gflops = (2 * split.trainAll.rows * split.test.rows * data.m) / seconds / 1e9;
    report({
      name: `knn_n5_s2e4_w${workers}`,
      workers,
      seconds: +seconds.toFixed(3),
      gflops: +gflops.toFixed(2),
    });
  }
});

/**
 * {@linkcode adamStepMs} on the threaded wasm backend, in a module Worker that
 * is terminated afterwards; failures (and a stuck start) come back as
 * `{ error }`.
 */
function threadedStepMs(
  job: { threads: number; model: ModelName; batch: number; count: number },
): Promise<{ threads: number; ms_per_step: number } | { error: string }> {
  const url = new URL("../bench/threaded_step_worker.ts", import.meta.url);
  let worker: Worker;
  try {
    worker = new Worker(url, { type: "module" });
  } catch (e) {
    return Promise.resolve({ error: (e as Error).message });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<{ threads: number; ms_per_step: number } | { error: string }>((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      resolve({ error: e.message });
    };
    timer = setTimeout(() => resolve({ error: "Timed out after 120 s" }), 120_000);
    worker.postMessage(job);
  }).finally(() => {
    clearTimeout(timer);
    worker.terminate();
  });
}
