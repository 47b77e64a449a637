import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { fit } from "../src/nn/fit.ts";
import { addPenaltyGradient, penaltyValue } from "../src/nn/weight_penalty.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";

const tf = await initBackend();

Deno.test("Mlp.gradients() with a penalty adds l1·sign(w) + 2·l2·w to the weights' gradients only", () => {
  const net = new Mlp([4, 6, 3], 2);
  const rng = new Pcg32(3);
  const x = tf.tensor2d(fillNormal(rng, new Float32Array(5 * 4)), [5, 4]);
  const y = tf.tensor2d(fillNormal(rng, new Float32Array(5 * 3)), [5, 3]);
  const penalty = { l1: 0.03, l2: 0.2 };
  const plain = net.gradients(x, y), penalised = net.gradients(x, y, penalty);
  for (let l = 0; l < 2; l++) {
    const w = net.weights[l].dataSync(),
      g0 = plain.weights[l].dataSync(),
      g1 = penalised.weights[l].dataSync();
    for (let i = 0; i < w.length; i++) {
      const expected = g0[i] + penalty.l1 * Math.sign(w[i]) + 2 * penalty.l2 * w[i];
      assert.ok(Math.abs(g1[i] - expected) < 1e-6, `weights[${l}][${i}]: ${g1[i]} vs ${expected}`);
    }
    assert.deepEqual(penalised.biases[l].dataSync(), plain.biases[l].dataSync());
  }
  tf.dispose([x, y, ...plain.weights, ...plain.biases, ...penalised.weights, ...penalised.biases]);
  net.dispose();
});

Deno.test("penaltyValue's derivative is addPenaltyGradient's term (central differences)", () => {
  const w = tf.variable(tf.tensor2d([[0.5, -0.25], [0.75, -1]]));
  const penalty = { l1: 0.1, l2: 0.3 }, eps = 1e-3;
  const base = w.dataSync().slice();
  const zeros = tf.zeros([2, 2]) as typeof w;
  const term = addPenaltyGradient(zeros, w, penalty);
  const gradient = term.dataSync().slice();
  tf.dispose([zeros, term]);
  for (let i = 0; i < base.length; i++) {
    const at = (d: number) => {
      const v = base.slice();
      v[i] += d;
      w.assign(tf.tensor2d(v, [2, 2]));
      return penaltyValue([w], penalty);
    };
    const fd = (at(eps) - at(-eps)) / (2 * eps);
    assert.ok(Math.abs(fd - gradient[i]) < 1e-3, `entry ${i}: ${fd} vs ${gradient[i]}`);
  }
  assert.throws(() => penaltyValue([w], { l1: -1, l2: 0 }), RangeError);
  w.dispose();
});

Deno.test("fit() with an L2 or L1 penalty ends with smaller weights than without", async () => {
  const rng = new Pcg32(8);
  const x = fillNormal(rng, new Float32Array(256 * 3));
  const y = Float32Array.from({ length: 256 }, (_, i) => 3 * x[3 * i] - 2 * x[3 * i + 1]);
  const trained = async (penalty?: { l1: number; l2: number }) => {
    const net = new Mlp([3, 16, 1], 4);
    await fit(net, { x, y, valX: x, valY: y, seed: 1, epochs: 15, batch: 32, learningRate: 1e-2, penalty });
    const norms = [penaltyValue(net.weights, { l1: 1, l2: 0 }), penaltyValue(net.weights, { l1: 0, l2: 1 })];
    net.dispose();
    return norms;
  };
  const [l1None, l2None] = await trained();

  assert.ok((await trained({ l1: 0, l2: 0.5 }))[1] < 0.7 * l2None);
  assert.ok((await trained({ l1: 0.3, l2: 0 }))[0] < 0.7 * l1None);
});
