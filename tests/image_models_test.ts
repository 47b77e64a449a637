import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { DenseClassifier } from "../src/nn/dense_classifier.ts";
import { SmallCnn } from "../src/nn/small_cnn.ts";
import { softmaxCrossEntropy } from "../src/nn/softmax_cross_entropy.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { checkGradients } from "./_finite_diff.ts";

const tf = await initBackend();

Deno.test("DenseClassifier.gradients() matches finite differences of the cross-entropy", () => {
  const rows = 9;
  const net = new DenseClassifier([6, 7, 5, 4], 3);
  const rng = new Pcg32(4);
  const x = tf.tensor2d(fillNormal(rng, new Float32Array(rows * 6)), [rows, 6]);
  const labels = tf.tensor1d(Int32Array.from({ length: rows }, (_, i) => i % 4), "int32");
  const loss = () =>
    tf.tidy(() => {
      const { pre } = net.forward(x);
      return softmaxCrossEntropy(pre[pre.length - 1], labels).loss.dataSync()[0];
    });
  const { loss: l, grads } = net.gradients(x, labels);
  assert.ok(Math.abs(l - loss()) < 1e-6);
  checkGradients(net.variables, grads, loss, { eps: 1e-3, perVariable: 20 });
  tf.dispose([x, labels, ...grads]);
  net.dispose();
});

Deno.test("SmallCnn.gradients() matches finite differences through both convolutions and pools", () => {
  const rows = 3;
  const net = new SmallCnn(5);
  const rng = new Pcg32(6);
  const x = tf.tensor2d(fillNormal(rng, new Float32Array(rows * 784)), [rows, 784]);
  const labels = tf.tensor1d([1, 7, 3], "int32");
  const loss = () => tf.tidy(() => softmaxCrossEntropy(net.forward(x).logits, labels).loss.dataSync()[0]);
  const { loss: l, grads } = net.gradients(x, labels);
  assert.ok(Math.abs(l - loss()) < 1e-6);
  assert.deepEqual(grads.map((g) => g.shape), net.variables.map((v) => v.shape));
  checkGradients(net.variables, grads, loss, { eps: 1e-3, perVariable: 15, seed: 2 });
  tf.dispose([x, labels, ...grads]);
  net.dispose();
});
