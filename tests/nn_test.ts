import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { layerSizes, type ModelName, parameterCount } from "../src/nn/architectures.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { fit } from "../src/nn/fit.ts";
import { Pcg32 } from "../src/random/pcg32.ts";

const tf = await initBackend();

function uniform(rng: Pcg32, length: number, lo = -1, hi = 1): Float32Array {
  return Float32Array.from({ length }, () => lo + (hi - lo) * rng.nextFloat());
}

function values(net: Mlp): Float32Array[] {
  return net.variables.map((v) => v.dataSync() as Float32Array).map((a) => a.slice());
}

/** The smallest |pre-activation| of any hidden unit over the batch, in float64. */
function kinkMargin(net: Mlp, x: Float32Array, rows: number): number {
  const w = net.weights.map((v) => v.dataSync()), b = net.biases.map((v) => v.dataSync());
  let margin = Infinity;
  for (let r = 0; r < rows; r++) {
    let act = Array.from(x.subarray(r * net.sizes[0], (r + 1) * net.sizes[0]));
    for (let l = 0; l + 2 < net.sizes.length; l++) {
      const inDim = net.sizes[l], outDim = net.sizes[l + 1];
      const z = Array.from({ length: outDim }, (_, j) => {
        let s = b[l][j];
        for (let i = 0; i < inDim; i++) s += act[i] * w[l][i * outDim + j];
        return s;
      });
      for (const v of z) margin = Math.min(margin, Math.abs(v));
      act = z.map((v) => Math.max(0, v));
    }
  }
  return margin;
}

function setEntry(v: { assign(t: ReturnType<typeof tf.tensor>): void }, data: Float32Array, shape: number[]) {
  const t = tf.tensor(data, shape);
  v.assign(t);
  t.dispose();
}

Deno.test("parameterCount() reproduces the paper's Table 3 for n = 15", async (t) => {
  const table: [string, number, number, Record<ModelName, number>][] = [
    ["real", 60, 15, { nn: 57_743, wnn: 197_391, dnn: 2_914_063 }],
    ["complex", 60, 30, { nn: 58_718, wnn: 199_326, dnn: 2_915_998 }],
  ];
  for (const [field, m, d, counts] of table) {
    for (const model of ["nn", "wnn", "dnn"] as const) {
      await t.step(`${field} ${model}`, () => {
        assert.equal(parameterCount(layerSizes(model, m, d)), counts[model]);
      });
    }
  }
  await t.step("layerSizes() rejects an unknown model", () => {
    assert.throws(() => layerSizes("cnn" as ModelName, 4, 2), TypeError);
  });
});

Deno.test("Mlp has parameterCount() trainable values, Glorot-uniform weights and zero biases", () => {
  const sizes = [7, 11, 5, 2];
  const net = new Mlp(sizes, 3);
  try {
    assert.equal(net.variables.reduce((s, v) => s + v.size, 0), parameterCount(sizes));
    net.weights.forEach((w, l) => {
      assert.deepEqual(w.shape, [sizes[l], sizes[l + 1]]);
      const limit = Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
      assert.ok(w.dataSync().every((v) => Math.abs(v) <= limit));
    });
    for (const b of net.biases) assert.ok(b.dataSync().every((v) => v === 0));
  } finally {
    net.dispose();
  }
});

Deno.test("Mlp constructor rejects bad layer sizes", () => {
  for (const sizes of [[], [3], [3, 0], [3, -1], [3, 1.5], [3, NaN, 2]]) {
    assert.throws(() => new Mlp(sizes, 1), RangeError, `[${sizes}]`);
  }
});

Deno.test("Mlp.gradients() matches central finite differences of Mlp.loss()", async (t) => {
  const sizes = [4, 6, 5, 3], rows = 7, eps = 1e-3;
  const net = new Mlp(sizes, 11);
  // Non-zero biases, so that their gradients are tested away from the initial point too.
  const rng = new Pcg32(12);
  net.biases.forEach((b) => setEntry(b, uniform(rng, b.size, -0.3, 0.3), b.shape));
  // Keep every hidden pre-activation well away from the ReLU kink, so that a step of eps never crosses it.
  const x = new Float32Array(rows * 4);
  for (let r = 0, tries = 0; r < rows; r++) {
    do {
      x.set(uniform(rng, 4), r * 4);
      assert.ok(++tries < 10_000, "no input rows away from the kinks");
    } while (kinkMargin(net, x.subarray(r * 4, (r + 1) * 4), 1) < 0.03);
  }
  const y = uniform(rng, rows * 3);
  const xt = tf.tensor2d(x, [rows, 4]), yt = tf.tensor2d(y, [rows, 3]);
  const g = net.gradients(xt, yt);
  try {
    const grads = [...g.weights, ...g.biases].map((v) => v.dataSync());
    const vars = net.variables;
    for (let p = 0; p < vars.length; p++) {
      const kind = p < net.weights.length ? `weights[${p}]` : `biases[${p - net.weights.length}]`;
      await t.step(`${kind}, every entry`, () => {
        const v = vars[p], base = v.dataSync().slice() as Float32Array;
        for (let i = 0; i < base.length; i++) {
          const plus = base.slice(), minus = base.slice();
          plus[i] += eps;
          minus[i] -= eps;
          setEntry(v, plus, v.shape);
          const lp = net.loss(x, y, rows);
          setEntry(v, minus, v.shape);
          const lm = net.loss(x, y, rows);
          // The step actually taken in float32.
          const fd = (lp - lm) / (plus[i] - minus[i]);
          const err = Math.abs(grads[p][i] - fd);
          assert.ok(err <= 1e-2 * Math.abs(fd) + 2e-4, `${kind}[${i}]: gradient ${grads[p][i]}, fd ${fd}`);
        }
        setEntry(v, base, v.shape);
      });
    }
  } finally {
    tf.dispose([xt, yt, ...g.weights, ...g.biases]);
    net.dispose();
  }
});

/** Training targets 2, validation targets 1: validation improves while the output rises towards 1, then worsens. */
function divergingTask() {
  const rng = new Pcg32(21);
  const x = uniform(rng, 64 * 2), valX = uniform(rng, 32 * 2);
  return { x, y: new Float32Array(64).fill(2), valX, valY: new Float32Array(32).fill(1) };
}

Deno.test("fit() stops early and restores the weights of the best epoch", async () => {
  const data = divergingTask();
  const net = new Mlp([2, 8, 1], 5);
  try {
    const patience = 4;
    const before = tf.memory().numTensors;
    const result = await fit(net, { ...data, seed: 1, epochs: 200, batch: 16, learningRate: 1e-2, patience });
    assert.equal(tf.memory().numTensors, before, "fit() leaks no tensors");
    assert.ok(result.bestEpoch > 1, `best epoch ${result.bestEpoch}: validation loss never improved`);
    assert.ok(result.bestEpoch < result.epochs);
    assert.equal(result.epochs, result.bestEpoch + patience);
    assert.equal(result.valLoss.length, result.epochs);
    assert.equal(result.bestValLoss, Math.min(...result.valLoss));
    assert.equal(result.valLoss.indexOf(result.bestValLoss), result.bestEpoch - 1);
    assert.ok(result.valLoss[result.epochs - 1] > result.bestValLoss, "validation loss got worse");
    const restored = net.loss(data.valX, data.valY, 32);
    assert.ok(Math.abs(restored - result.bestValLoss) <= 1e-6 * result.bestValLoss, `${restored}`);
  } finally {
    net.dispose();
  }
});

Deno.test("fit() reports every epoch and runs all of them when validation keeps improving", async () => {
  const rng = new Pcg32(31);
  const x = uniform(rng, 128);
  const y = x.map((v) => 0.5 * v + 0.25);
  const net = new Mlp([1, 8, 1], 6);
  const seen: number[] = [];
  try {
    const result = await fit(net, {
      x,
      y,
      valX: x,
      valY: y,
      seed: 2,
      epochs: 5,
      batch: 32,
      learningRate: 1e-2,
      onEpoch: (info) => seen.push(info.epoch),
    });
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    assert.equal(result.epochs, 5);
    assert.ok(result.valLoss[4] < result.valLoss[0]);
  } finally {
    net.dispose();
  }
});

Deno.test("fit() is deterministic for a given seed", async (t) => {
  const data = divergingTask();
  const run = async (fitSeed: number) => {
    const net = new Mlp([2, 8, 1], 7);
    const initial = values(net);
    await fit(net, {
      ...data,
      valY: data.y.subarray(0, 32),
      seed: fitSeed,
      epochs: 3,
      batch: 16,
      learningRate: 1e-2,
    });
    const trained = values(net);
    net.dispose();
    return { initial, trained };
  };
  const a = await run(1), b = await run(1), c = await run(2);
  await t.step("training changed the weights", () => {
    assert.notDeepEqual(a.trained, a.initial);
  });
  await t.step("same seed, identical weights", () => {
    assert.deepEqual(a.trained, b.trained);
  });
  await t.step("another seed shuffles differently", () => {
    assert.notDeepEqual(a.trained, c.trained);
  });
});

Deno.test("fit() rejects bad options", async () => {
  const net = new Mlp([2, 3, 1], 1);
  const ok = {
    x: new Float32Array(8),
    y: new Float32Array(4),
    valX: new Float32Array(2),
    valY: new Float32Array(1),
    seed: 1,
  };
  try {
    for (
      const bad of [
        { y: new Float32Array(3) },
        { x: new Float32Array(7) },
        { valX: new Float32Array(0), valY: new Float32Array(0) },
        { epochs: 0 },
        { batch: 0 },
        { patience: 1.5 },
        { learningRate: 0 },
      ]
    ) {
      await assert.rejects(() => fit(net, { ...ok, ...bad }), RangeError, JSON.stringify(bad));
    }
  } finally {
    net.dispose();
  }
});
