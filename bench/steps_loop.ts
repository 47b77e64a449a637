/**
 * For `bench/side_by_side.sh`: times {@linkcode adamStepMs} again and again
 * for `seconds` (the fused step `fit` runs, then tfjs's op-by-op step, for NN
 * batch 64 and DNN batch 256; for `dnn2`, the fused DNN step with one core
 * lent, on two threads) and prints one JSON line per timing with its
 * wall-clock time, so that a peer timed at the same moments on another core
 * (or, for `dnn2`, just before and after) can be paired with it.
 *
 * `deno run --allow-read=node_modules,src,bench bench/steps_loop.ts SECONDS nn|dnn|dnn2`
 *
 * @module
 */
import { initBackend } from "../src/nn/backend.ts";
import { adamStepMs } from "./threaded_step_worker.ts";
import { helperThreadReady, lendCores, releaseCores } from "../src/nn/spare_cores.ts";

if (import.meta.main) {
  const seconds = Number(Deno.args[0] ?? 60), arg = Deno.args[1] ?? "nn";
  const model = arg === "nn" ? "nn" : "dnn", cores = arg === "dnn2" ? 2 : 1;
  if (!(seconds > 0)) {
    console.error("steps_loop: SECONDS must be a positive number");
    Deno.exit(2);
  }
  await initBackend();
  if (cores > 1) {
    lendCores(cores - 1);
    if (!await helperThreadReady()) {
      console.error("steps_loop: the helper thread did not start");
      Deno.exit(1);
    }
  }
  const [batch, count] = model === "nn" ? [64, 300] : [256, 5];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    for (const ops of cores > 1 ? [false] : [false, true]) {
      const ms = adamStepMs(model, batch, count, ops);
      console.log(
        JSON.stringify({ t: Date.now() / 1000, model: arg, kind: ops ? "ops" : "fused", ms_per_step: ms }),
      );
    }
  }
  releaseCores();
}
