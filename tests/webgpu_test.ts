// The MLP training on tfjs's WebGPU backend, checked against finite
// differences and against the wasm backend. Without a GPU it runs on Mesa's
// software Vulkan driver (llvmpipe: slow, so every case is small); `.ci/run`
// installs it where no adapter is found. With no adapter at all every case
// is ignored, after one line saying so.
import assert from "node:assert/strict";
import { initBackend, resolveBackend, webgpuAdapter } from "../src/nn/backend.ts";
import { selectBackend } from "../src/cli/select_backend.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { trainStep } from "../src/nn/train_step.ts";
import { tf } from "../src/nn/tf.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { readCsv, runTask } from "./_task.ts";
import { deviceStepMs } from "../bench/step_time.ts";

const adapter = await webgpuAdapter();
if (!adapter) {
  console.log(
    "webgpu_test: skipped, no WebGPU adapter (Debian: apt-get install mesa-vulkan-drivers libvulkan1)",
  );
}
const ignore = !adapter;

function uniform(rng: Pcg32, length: number, lo = -1, hi = 1): Float32Array {
  return Float32Array.from({ length }, () => lo + (hi - lo) * rng.nextFloat());
}

async function read(tensors: readonly tf.Tensor[]): Promise<Float32Array[]> {
  return await Promise.all(tensors.map(async (t) => (await t.data() as Float32Array).slice()));
}

/** Mean squared error of the network on (x, y), read asynchronously (webgpu has no dataSync). */
async function lossOf(net: Mlp, x: Float32Array, y: Float32Array, rows: number): Promise<number> {
  const pred = await net.predictAsync(x, rows);
  let sum = 0;
  for (let i = 0; i < pred.length; i++) sum += (pred[i] - y[i]) ** 2;
  return sum / pred.length;
}

/** The smallest |hidden pre-activation| over the rows, in float64 from the given weights. */
function kinkMargin(sizes: readonly number[], w: Float32Array[], b: Float32Array[], x: Float32Array): number {
  let margin = Infinity;
  for (let r = 0; r < x.length / sizes[0]; r++) {
    let act = Array.from(x.subarray(r * sizes[0], (r + 1) * sizes[0]));
    for (let l = 0; l + 2 < sizes.length; l++) {
      const z = Array.from({ length: sizes[l + 1] }, (_, j) => {
        let s = b[l][j];
        for (let i = 0; i < sizes[l]; i++) s += act[i] * w[l][i * sizes[l + 1] + j];
        return s;
      });
      for (const v of z) margin = Math.min(margin, Math.abs(v));
      act = z.map((v) => Math.max(0, v));
    }
  }
  return margin;
}

Deno.test({
  name: "Mlp.gradients() on webgpu matches central finite differences of the loss",
  ignore,
  async fn() {
    await initBackend({ backend: "webgpu" });
    const sizes = [4, 6, 5, 3], rows = 7, eps = 1e-3;
    const net = new Mlp(sizes, 11);
    const rng = new Pcg32(12);
    net.biases.forEach((b) => b.assign(tf.tensor1d(uniform(rng, b.size, -0.3, 0.3))));
    const w = await read(net.weights), b = await read(net.biases);
    // Rows away from the ReLU kinks, so that a step of eps never crosses one.
    const x = new Float32Array(rows * 4);
    for (let r = 0, tries = 0; r < rows; r++) {
      do {
        x.set(uniform(rng, 4), r * 4);
        assert.ok(++tries < 10_000, "no input rows away from the kinks");
      } while (kinkMargin(sizes, w, b, x.subarray(r * 4, (r + 1) * 4)) < 0.03);
    }
    const y = uniform(rng, rows * 3);
    const xt = tf.tensor2d(x, [rows, 4]), yt = tf.tensor2d(y, [rows, 3]);
    const g = net.gradients(xt, yt);
    try {
      const grads = await read([...g.weights, ...g.biases]);
      const vars = net.variables;
      let checked = 0;
      for (let p = 0; p < vars.length; p++) {
        const v = vars[p], base = (await read([v]))[0];
        // Four entries per variable: each loss is a round trip to the device.
        for (const i of [0, 1, base.length - 2, base.length - 1]) {
          const plus = base.slice(), minus = base.slice();
          plus[i] += eps;
          minus[i] -= eps;
          v.assign(tf.tensor(plus, v.shape));
          const lp = await lossOf(net, x, y, rows);
          v.assign(tf.tensor(minus, v.shape));
          const lm = await lossOf(net, x, y, rows);
          const fd = (lp - lm) / (plus[i] - minus[i]);
          assert.ok(
            Math.abs(grads[p][i] - fd) <= 1e-2 * Math.abs(fd) + 2e-4,
            `variable ${p} [${v.shape}] entry ${i}: gradient ${grads[p][i]}, fd ${fd}`,
          );
          checked++;
        }
        v.assign(tf.tensor(base, v.shape));
      }
      assert.equal(checked, 4 * vars.length);
    } finally {
      tf.dispose([xt, yt, ...g.weights, ...g.biases]);
      net.dispose();
    }
  },
});

/** One Adam step (fit's settings) of a fresh seeded network on the active backend: the weights after it. */
async function oneAdamStep(
  backend: "wasm" | "webgpu",
): Promise<{ before: Float32Array[]; after: Float32Array[] }> {
  await initBackend({ backend });
  const sizes = [12, 32, 16, 3], rows = 64;
  const rng = new Pcg32(5);
  const x = uniform(rng, rows * sizes[0]), y = uniform(rng, rows * sizes[3]);
  const net = new Mlp(sizes, 9);
  const adam = tf.train.adam(1e-2, 0.9, 0.999, 1e-7);
  try {
    const before = await read(net.variables);
    trainStep(net, adam, x, y);
    return { before, after: await read(net.variables) };
  } finally {
    adam.dispose();
    net.dispose();
  }
}

Deno.test({
  name: "one Adam step on webgpu gives wasm's weights within float32 tolerance",
  ignore,
  async fn() {
    const cpu = await oneAdamStep("wasm"), gpu = await oneAdamStep("webgpu");
    assert.deepEqual(gpu.before, cpu.before, "the same initial weights on both backends");
    let worst = 0;
    cpu.after.forEach((a, p) => {
      a.forEach((v, i) => {
        // Adam's first step moves each weight by about lr = 1e-2; float32 noise is ~1e-7 of that.
        const err = Math.abs(gpu.after[p][i] - v);
        worst = Math.max(worst, err);
        assert.ok(
          err <= 1e-5 * Math.abs(v) + 1e-6,
          `variable ${p} entry ${i}: wasm ${v}, webgpu ${gpu.after[p][i]}`,
        );
      });
      assert.notDeepEqual(a, cpu.before[p], `variable ${p} moved`);
    });
    console.log(`  largest |webgpu − wasm| after one step: ${worst.toExponential(2)}`);
  },
});

Deno.test({
  name: "a tiny table1 on webgpu matches wasm's errors within 2% and keeps NN-A < K-NN < NN-B",
  ignore,
  async fn() {
    // n = 3, 3000 samples, batch 256, 15 epochs: 150 steps per network, about 30 s on llvmpipe.
    const args = [
      "--n",
      "3",
      "--samples",
      "3000",
      "--models",
      "nn,knn",
      "--batch",
      "256",
      "--epochs",
      "15",
      "--lr",
      "3e-3",
      "--workers",
      "2",
    ];
    const errors: Record<string, Record<string, number>> = {};
    for (const backend of ["wasm", "webgpu"]) {
      const out = await Deno.makeTempDir();
      try {
        const run = await runTask("table1", out, [...args, "--backend", backend]);
        assert.equal(run.code, 0, run.stderr);
        if (backend === "webgpu") {
          assert.match(run.stderr, /table1: backend webgpu \(.+\)/);
          const record = JSON.parse(await Deno.readTextFile(`${out}/run.json`)).table1;
          assert.equal(record.config.backend, "webgpu");
          assert.equal(record.config.adapter, adapter);
          const cells = [...Deno.readDirSync(`${out}/.cells/table1`)].map((e) => e.name).sort();
          assert.ok(cells.some((c) => /^real-n3-s3000-nn-A-webgpu-/.test(c)), cells.join(" "));
          assert.ok(
            cells.some((c) => /^real-n3-s3000-knn-A-[0-9a-f]{8}/.test(c)),
            "K-NN cells keep their keys",
          );
        }
        const rows = readCsv(await Deno.readTextFile(`${out}/table1.csv`));
        errors[backend] = Object.fromEntries(
          rows.map((r) => [`${r.model}-${r.variant}`, Number(r.error_paper_scale)]),
        );
      } finally {
        await Deno.remove(out, { recursive: true });
      }
    }
    const { wasm, webgpu } = errors;
    for (const row of ["nn-A", "knn-A", "nn-B"]) {
      assert.ok(
        Math.abs(webgpu[row] - wasm[row]) <= 0.02 * wasm[row],
        `${row}: webgpu ${webgpu[row]}, wasm ${wasm[row]}`,
      );
    }
    assert.ok(
      webgpu["nn-A"] < webgpu["knn-A"] && webgpu["knn-A"] < webgpu["nn-B"],
      `NN-A ${webgpu["nn-A"]}, K-NN ${webgpu["knn-A"]}, NN-B ${webgpu["nn-B"]}`,
    );
  },
});

Deno.test({
  name: "bench's device step timer runs on webgpu and stays within its time budget",
  ignore,
  async fn() {
    await initBackend({ backend: "webgpu" });
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    const { msPerStep, steps } = await deviceStepMs({ model: "nn", batch: 8, count: 1000, budgetMs: 300 });
    assert.ok(msPerStep > 0 && steps >= 3 && steps < 1000, `${msPerStep} ms × ${steps}`);
    assert.ok(performance.now() - t0 < 20 * 300 + 10 * msPerStep, "the budget bounds the timed steps");
    assert.equal(tf.memory().numTensors, before, "no tensors leak");
  },
});

Deno.test({
  name: "--backend auto takes webgpu on a hardware adapter and wasm on a software one, and says so",
  ignore,
  async fn() {
    const software = adapter!.endsWith(", software");
    assert.equal(await resolveBackend("auto"), software ? "wasm" : "webgpu");
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => void lines.push(line);
    try {
      assert.deepEqual(
        await selectBackend("demo", "auto"),
        software ? { backend: "wasm" } : { backend: "webgpu", adapter },
      );
      assert.deepEqual(await selectBackend("demo", "webgpu"), { backend: "webgpu", adapter });
    } finally {
      console.error = original;
    }
    assert.deepEqual(lines, [
      software
        ? `demo: --backend auto took wasm (the only WebGPU adapter is ${adapter})`
        : `demo: --backend auto took webgpu (${adapter})`,
      `demo: backend webgpu (${adapter})`,
    ]);
  },
});
