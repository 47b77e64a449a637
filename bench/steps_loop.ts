/**
 * For `bench/side_by_side.sh`: times {@linkcode adamStepMs} again and again
 * for `seconds` (the fused step `fit` runs, then tfjs's op-by-op step, for NN
 * batch 64 and DNN batch 256) and prints one JSON line per timing with its
 * wall-clock time, so that a peer timed at the same moments on another core
 * can be paired with it.
 *
 * `deno run --allow-read=node_modules,src,bench bench/steps_loop.ts SECONDS MODEL`
 *
 * @module
 */
import { initBackend } from "../src/nn/backend.ts";
import { adamStepMs } from "./threaded_step_worker.ts";

if (import.meta.main) {
  const seconds = Number(Deno.args[0] ?? 60), model = Deno.args[1] === "dnn" ? "dnn" : "nn";
  if (!(seconds > 0)) {
    console.error("steps_loop: SECONDS must be a positive number");
    Deno.exit(2);
  }
  await initBackend();
  const [batch, count] = model === "nn" ? [64, 300] : [256, 5];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    for (const ops of [false, true]) {
      const ms = adamStepMs(model, batch, count, ops);
      console.log(
        JSON.stringify({ t: Date.now() / 1000, model, kind: ops ? "ops" : "fused", ms_per_step: ms }),
      );
    }
  }
}
