/// <reference lib="deno.worker" />
// One cell in flight for bench/gpu_fill.ts: selects its own backend, warms
// up, says "ready", then on "go" trains for the given wall time and answers
// how many steps it finished (the last awaited, so they ran, not just queued).
import { initBackend } from "../src/nn/backend.ts";
import { tf } from "../src/nn/tf.ts";
import type { Tensor1D, Tensor2D } from "../src/nn/tf.ts";
import { layerSizes, type ModelName } from "../src/nn/architectures.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { trainStep } from "../src/nn/train_step.ts";
import { createAdam } from "../src/nn/fused_adam.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";

interface Setup {
  backend: "wasm" | "webgpu";
  model: ModelName;
  batch: number;
  seconds: number;
}

let setup: Setup | undefined;
let run: ((seconds: number) => Promise<number>) | undefined;

self.onmessage = async (e: MessageEvent<Setup | "go">) => {
  try {
    if (e.data !== "go") {
      setup = e.data;
      await initBackend({ backend: setup.backend });
      run = await prepare(setup.model, setup.batch);
      self.postMessage({ ready: true });
    } else {
      self.postMessage({ steps: await run!(setup!.seconds) });
    }
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};

async function prepare(model: ModelName, batch: number): Promise<(seconds: number) => Promise<number>> {
  const rows = 8192;
  const net = new Mlp(layerSizes(model, 60, 15), 1);
  const rng = new Pcg32(2);
  const x = tf.tensor2d(fillNormal(rng, new Float32Array(rows * 60)), [rows, 60]);
  const y = tf.tensor2d(fillNormal(rng, new Float32Array(rows * 15)), [rows, 15]);
  const order = tf.tensor1d(Int32Array.from({ length: rows }, (_, i) => (i * 7919) % rows), "int32");
  const adam = createAdam(1e-3); // as fit() configures it
  let start = 0;
  const step = () => {
    if (start + batch > rows) start = 0;
    const ids = tf.slice(order, start, batch) as Tensor1D;
    const bx = tf.gather(x, ids) as Tensor2D, by = tf.gather(y, ids) as Tensor2D;
    trainStep(net, adam, bx, by);
    tf.dispose([ids, bx, by]);
    start += batch;
  };
  const bias = net.biases[net.biases.length - 1];
  for (let i = 0; i < 3; i++) step();
  await bias.data();
  return async (seconds) => {
    const end = performance.now() + 1000 * seconds;
    let steps = 0;
    // A read every 32 steps bounds the queue without a sync per step; the last one waits for them all.
    while (performance.now() < end) {
      step();
      if (++steps % 32 === 0) await bias.data();
    }
    await bias.data();
    return steps;
  };
}
