/**
 * Wall time of one full-size phase-retrieval cell on a backend, split into
 * its parts: the data set (drawn and canonicalised on the CPU), each epoch
 * of `fit` (steps plus the one validation read), and the test prediction.
 * Runs a few epochs and extrapolates per epoch: a paper cell stops early
 * somewhere before 100 epochs. Prints one JSON object.
 *
 * `deno run --allow-read=node_modules,src bench/full_cell.ts [--backend webgpu] [--model dnn]
 *  [--variant A] [--n 15] [--samples 1e6] [--epochs 3] [--batch 64]`
 *
 * @module
 */
import { gaussianPR } from "../src/forward/gaussian_pr.ts";
import { canonicalizeWasm } from "../src/symmetry/symmetry_wasm.ts";
import { splitDataset } from "../src/data/split.ts";
import { layerSizes, type ModelName, parameterCount } from "../src/nn/architectures.ts";
import { initBackend } from "../src/nn/backend.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { fit } from "../src/nn/fit.ts";
import { selectBackend } from "../src/cli/select_backend.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { SHARED_FLAGS } from "../src/cli/shared_flags.ts";
import { runMain } from "../src/cli/run_main.ts";

const TASK = {
  task: "full_cell",
  summary: "Times one full-size phase-retrieval cell: data, each epoch of fit, test prediction (JSON).",
  flags: {
    backend: { ...SHARED_FLAGS.backend, default: "webgpu", help: "tfjs backend (default {default})" },
    model: {
      kind: "choice",
      choices: ["nn", "wnn", "dnn"],
      default: "dnn",
      help: "network (default {default})",
    },
    variant: {
      kind: "choice",
      choices: ["A", "B"],
      default: "A",
      help: "A (canonicalised) or B (default {default})",
    },
    n: { kind: "int", min: 1, default: 15, help: "signal dimension (default {default})" },
    samples: { kind: "int", min: 100, default: 1_000_000, help: "dataset size (default {default})" },
    epochs: { kind: "int", min: 1, default: 3, help: "epochs to time (default {default})" },
    batch: { kind: "int", min: 1, default: 64, help: "mini-batch size (default {default})" },
  },
} as const;

await runMain("full_cell", async () => {
  const parsed = parseTaskFlags(Deno.args, TASK);
  if (!parsed) return;
  const f = parsed.flags;
  const { backend, adapter } = await selectBackend("full_cell", f.backend);
  const t0 = performance.now();
  const data = gaussianPR({ field: "real", n: f.n, samples: f.samples, seed: 1 });
  const targets = f.variant === "A" ? await canonicalizeWasm(data.x, data) : data.x;
  const split = splitDataset(data.y, targets, data.samples);
  const dataSeconds = (performance.now() - t0) / 1000;
  console.error(
    `full_cell: data set in ${dataSeconds.toFixed(1)} s; training ${f.model}-${f.variant} on ${backend}`,
  );
  await initBackend({ backend });
  const sizes = layerSizes(f.model as ModelName, data.m, data.d);
  const net = new Mlp(sizes, 1);
  const epochSeconds: number[] = [];
  let mark = performance.now();
  const fitStart = mark;
  try {
    await fit(net, {
      x: split.train.x,
      y: split.train.y,
      valX: split.val.x,
      valY: split.val.y,
      seed: 2,
      epochs: f.epochs,
      batch: f.batch,
      patience: f.epochs + 1,
      backend,
      onEpoch: () => {
        const now = performance.now();
        epochSeconds.push(+((now - mark) / 1000).toFixed(2));
        // Progress on stderr, so a run cut short by a time limit still tells its epoch times.
        console.error(`full_cell: epoch ${epochSeconds.length}: ${epochSeconds.at(-1)} s`);
        mark = now;
      },
    });
    const fitSeconds = (performance.now() - fitStart) / 1000;
    const p0 = performance.now();
    await net.predictAsync(split.test.x, split.test.rows);
    const predictSeconds = (performance.now() - p0) / 1000;
    const stepsPerEpoch = Math.ceil(split.train.rows / f.batch);
    // The first epoch carries the upload and the shader compiles: the later ones are the steady state.
    const steady = epochSeconds.length > 1 ? epochSeconds.slice(1) : epochSeconds;
    const perEpoch = steady.reduce((a, b) => a + b, 0) / steady.length;
    console.log(JSON.stringify({
      name: `full_cell_${f.model}_${f.variant}_n${f.n}_s${f.samples}_b${f.batch}_${backend}`,
      backend,
      ...(adapter ? { adapter } : {}),
      params: parameterCount(sizes),
      train_rows: split.train.rows,
      steps_per_epoch: stepsPerEpoch,
      data_seconds: +dataSeconds.toFixed(2),
      epoch_seconds: epochSeconds,
      fit_seconds: +fitSeconds.toFixed(2),
      predict_seconds: +predictSeconds.toFixed(2),
      seconds_per_epoch: +perEpoch.toFixed(2),
      ms_per_step: +(1000 * perEpoch / stepsPerEpoch).toFixed(3),
      cell_seconds_at_100_epochs: +(dataSeconds + epochSeconds[0] + 99 * perEpoch + predictSeconds).toFixed(
        0,
      ),
    }));
  } finally {
    net.dispose();
  }
});
