import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { DenseClassifier } from "../src/nn/dense_classifier.ts";
import { maxPoolGradient, SmallCnn } from "../src/nn/small_cnn.ts";
import { softmaxCrossEntropy } from "../src/nn/softmax_cross_entropy.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { checkGradients } from "./_finite_diff.ts";
import { referenceLoss } from "./_small_cnn_reference.ts";

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

Deno.test("SmallCnn.gradients() matches float64 finite differences through both convolutions and pools", () => {
  // float32 finite differences of this loss are noise-bound (its ulp over a 2e-3 step is ~1e-4,
  // and max-pool switches add kinks), so the reference is a float64 loop-by-loop forward pass.
  const rows = 3, labelList = [1, 7, 3];
  const net = new SmallCnn(5);
  const images = fillNormal(new Pcg32(6), new Float32Array(rows * 784));
  const x = tf.tensor2d(images, [rows, 784]);
  const labels = tf.tensor1d(labelList, "int32");
  const { loss, grads } = net.gradients(x, labels);
  const params = net.variables.map((v) => Float64Array.from(v.dataSync()));
  assert.ok(Math.abs(loss - referenceLoss(params, images, labelList)) < 1e-5);
  assert.deepEqual(grads.map((g) => g.shape), net.variables.map((v) => v.shape));
  const rng = new Pcg32(2), eps = 1e-6;
  params.forEach((p, k) => {
    const g = grads[k].dataSync();
    const picks = p.length <= 20 ? [...p.keys()] : Array.from({ length: 15 }, () => rng.nextInt(p.length));
    for (const i of picks) {
      const base = p[i];
      p[i] = base + eps;
      const plus = referenceLoss(params, images, labelList);
      p[i] = base - eps;
      const minus = referenceLoss(params, images, labelList);
      p[i] = base;
      const fd = (plus - minus) / (2 * eps);
      assert.ok(
        Math.abs(g[i] - fd) <= 1e-3 * Math.abs(fd) + 1e-6,
        `variable ${k} entry ${i}: ${g[i]} vs ${fd}`,
      );
    }
  });
  tf.dispose([x, labels, ...grads]);
  net.dispose();
});

Deno.test("maxPoolGradient sends each window's gradient to its first maximum, negative windows and ties included", () => {
  const [b, h, w, c] = [2, 6, 4, 3];
  const rng = new Pcg32(11);
  // Values on a coarse grid, shifted negative, so ties and all-negative windows are common.
  const x = Float32Array.from({ length: b * h * w * c }, () => Math.floor(rng.nextFloat() * 5) - 3);
  const g = Float32Array.from({ length: b * (h / 2) * (w / 2) * c }, (_, i) => i + 1);
  const input = tf.tensor4d(x, [b, h, w, c]);
  const output = tf.maxPool(input, 2, 2, "valid");
  const dx = maxPoolGradient(tf.tensor4d(g, [b, h / 2, w / 2, c]), input, output);
  const want = new Float32Array(x.length);
  const at = (n: number, i: number, j: number, k: number) => ((n * h + i) * w + j) * c + k;
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < h; i += 2) {
      for (let j = 0; j < w; j += 2) {
        for (let k = 0; k < c; k++) {
          let best = at(n, i, j, k);
          for (const [di, dj] of [[0, 1], [1, 0], [1, 1]]) {
            if (x[at(n, i + di, j + dj, k)] > x[best]) best = at(n, i + di, j + dj, k);
          }
          want[best] = g[((n * (h / 2) + i / 2) * (w / 2) + j / 2) * c + k];
        }
      }
    }
  }
  assert.deepEqual(Array.from(dx.dataSync()), Array.from(want));
  tf.dispose([input, output, dx]);
});
