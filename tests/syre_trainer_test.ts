import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import type { tf as TF } from "../src/nn/tf.ts";
import { DenseClassifier } from "../src/nn/dense_classifier.ts";
import { MiniBatches } from "../src/data/mini_batches.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { Syre } from "../src/syre/syre.ts";
import { classifierGradients, SyreTrainer } from "../src/syre/syre_trainer.ts";

const tf = await initBackend();

const bytes = (vars: readonly { dataSync(): ArrayLike<number> }[]) =>
  vars.flatMap((v) => [...new Uint8Array(Float32Array.from(v.dataSync()).buffer)]);

const rows = 40, dim = 6;
const images = fillNormal(new Pcg32(5), new Float32Array(rows * dim));
const labels = Uint8Array.from({ length: rows }, (_, i) => i % 3);
const syreOptions = { seed: 7, gamma: 0.01, sigma: 0.1 };

/** 15 Adam steps of a small classifier with a hand-written loop; `penalized` picks the variables syre treats. */
function byHand(penalized: (net: DenseClassifier) => TF.Variable[]): number[] {
  const net = new DenseClassifier([dim, 8, 3], 1);
  const treated = penalized(net);
  const syre = new Syre(treated, syreOptions);
  syre.shift();
  const adam = tf.train.adam(1e-2);
  const batches = new MiniBatches(rows, 8, 2);
  const step = classifierGradients(net, { images, labels, dim });
  for (let s = 0; s < 15; s++) {
    const g = step(batches.next());
    const index = treated.map((v) => net.variables.indexOf(v));
    const penalty = syre.addPenaltyGradients(index.map((i) => g.grads[i]));
    const total = g.grads.map((t, i) => index.includes(i) ? penalty[index.indexOf(i)] : t);
    adam.applyGradients(net.variables.map((v, i) => ({ name: v.name, tensor: total[i] })));
    tf.dispose([...g.grads, ...penalty]);
  }
  const out = bytes(net.variables);
  adam.dispose();
  syre.dispose();
  net.dispose();
  return out;
}

function withTrainer(penalized?: (net: DenseClassifier) => TF.Variable[]): number[] {
  const net = new DenseClassifier([dim, 8, 3], 1);
  const trainer = new SyreTrainer(net.variables, {
    syre: syreOptions,
    optimizer: tf.train.adam(1e-2),
    batches: new MiniBatches(rows, 8, 2),
    ...(penalized ? { penalized: penalized(net) } : {}),
  });
  let steps = 0;
  trainer.train({
    steps: 15,
    gradients: classifierGradients(net, { images, labels, dim }),
    onStep: (s) => void (steps = s),
  });
  assert.equal(steps, 15);
  const out = bytes(net.variables);
  trainer.dispose();
  net.dispose();
  return out;
}

Deno.test("SyreTrainer takes the steps of a hand-written syre loop, to the bit", async (t) => {
  await t.step("every variable penalised", () => {
    assert.deepEqual(withTrainer(), byHand((net) => net.variables));
  });
  await t.step("only the first layer penalised, every variable in one Adam step", () => {
    const firstLayer = (net: DenseClassifier) => [net.weights[0], net.biases[0]];
    const partial = withTrainer(firstLayer);
    assert.deepEqual(partial, byHand(firstLayer));
    // The comparison can fail: penalising everything trains differently.
    assert.notDeepEqual(partial, withTrainer());
  });
});

Deno.test("SyreTrainer continues its batches and optimiser across calls to train", () => {
  const twice = (split: boolean) => {
    const net = new DenseClassifier([dim, 8, 3], 1);
    const trainer = new SyreTrainer(net.variables, {
      syre: syreOptions,
      optimizer: tf.train.adam(1e-2),
      batches: new MiniBatches(rows, 8, 2),
    });
    const gradients = classifierGradients(net, { images, labels, dim });
    if (split) { for (const steps of [4, 6]) trainer.train({ steps, gradients }); }
    else trainer.train({ steps: 10, gradients });
    const out = bytes(net.variables);
    trainer.dispose();
    net.dispose();
    return out;
  };
  assert.deepEqual(twice(true), twice(false));
});

Deno.test("SyreTrainer rejects a penalised variable it does not train, and a wrong gradient count", () => {
  const net = new DenseClassifier([dim, 4, 3], 1), other = new DenseClassifier([dim, 4, 3], 2);
  const options = { syre: syreOptions, batches: new MiniBatches(rows, 8, 2) };
  const sgd = tf.train.sgd(0.1);
  assert.throws(
    () => new SyreTrainer(net.variables, { ...options, optimizer: sgd, penalized: [other.weights[0]] }),
    /penalized variable ".*" is not a trained variable/,
  );
  const trainer = new SyreTrainer(net.variables, { ...options, optimizer: sgd });
  assert.throws(
    () => trainer.train({ steps: 1, gradients: () => ({ grads: [tf.zeros([1])] }) }),
    /expected 4 gradients, got 1/,
  );
  trainer.dispose();
  net.dispose();
  other.dispose();
});
