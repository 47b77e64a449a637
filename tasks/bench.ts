/**
 * `deno task bench`: milliseconds per Adam step of NN (n = 15, batch 64) and
 * DNN (n = 15, batch 256), and seconds of the K-NN baseline on the n = 5,
 * 2e4-sample cell, 1 worker and all workers. `--json` prints one JSON object
 * per line. A benchmark, not a test: nothing here can fail on speed.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend } from "../src/nn/backend.ts";
import { layerSizes, type ModelName } from "../src/nn/architectures.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { trainStep } from "../src/nn/train_step.ts";
import { gaussianPR } from "../src/forward/gaussian_pr.ts";
import { splitDataset } from "../src/data/split.ts";
import { knnRegress } from "../src/knn/knn_regress.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { runMain } from "../src/cli/run_main.ts";
import { UsageError } from "../src/cli/usage_error.ts";

await runMain("bench", async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: Deno.args,
      options: { json: { type: "boolean", default: false }, quick: { type: "boolean", default: false } },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split(". ")[0]);
  }
  const report = (o: Record<string, unknown>) => {
    if (values.json) console.log(JSON.stringify(o));
    else {
      const v = "ms_per_step" in o ? `${(o.ms_per_step as number).toFixed(2)} ms/step` : `${o.seconds} s`;
      console.log(`${String(o.name).padEnd(28)} ${v}`);
    }
  };
  const tf = await initBackend();
  const steps = values.quick ? 0.2 : 1;
  for (const [model, batch, count] of [["nn", 64, 500], ["dnn", 256, 20]] as const) {
    report({
      name: `adam_step_${model}_n15_b${batch}`,
      ms_per_step: stepMs(tf, model, batch, Math.ceil(count * steps)),
    });
  }
  const data = gaussianPR({ field: "real", n: 5, samples: 20000, seed: 1 });
  const split = splitDataset(data.y, data.x, data.samples);
  const cores = navigator.hardwareConcurrency || 1;
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

/** Median milliseconds of one Adam step over `count` steps, after a warm-up. */
function stepMs(
  tf: Awaited<ReturnType<typeof initBackend>>,
  model: ModelName,
  batch: number,
  count: number,
): number {
  const sizes = layerSizes(model, 60, 15);
  const net = new Mlp(sizes, 1);
  const rng = new Pcg32(2);
  const x = fillNormal(rng, new Float32Array(batch * 60));
  const y = fillNormal(rng, new Float32Array(batch * 15));
  const adam = tf.train.adam(1e-3);
  for (let i = 0; i < Math.max(3, count / 10); i++) trainStep(net, adam, x, y);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    trainStep(net, adam, x, y);
    times.push(performance.now() - t0);
  }
  adam.dispose();
  net.dispose();
  times.sort((a, b) => a - b);
  return +times[Math.floor(times.length / 2)].toFixed(3);
}
