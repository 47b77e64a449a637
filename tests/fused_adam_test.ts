import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { createAdam, FusedAdam } from "../src/nn/fused_adam.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";

const tf = await initBackend();

/** Asserts equal float32 bytes; on a difference it names the first, not a diff of every value. */
function assertSameBits(got: Float32Array, want: Float32Array, what: string): void {
  const g = new Uint32Array(got.slice().buffer), w = new Uint32Array(want.slice().buffer);
  const first = g.findIndex((x, i) => x !== w[i]);
  assert.equal(g.length, w.length, `${what}: length`);
  assert.equal(first, -1, `${what}: ${got[first]} against ${want[first]} at ${first}`);
}

Deno.test("FusedAdam.applyGradients gives tfjs Adam's bytes step after step, odd sizes included", () => {
  // 7×5 and 5 exercise the scalar tails after the 4-lane loop; large and tiny gradients the division.
  const sizes = [7, 5, 3];
  const a = new Mlp(sizes, 11), b = new Mlp(sizes, 11);
  const fused = new FusedAdam(3e-3), plain = tf.train.adam(3e-3, 0.9, 0.999, 1e-7);
  const rng = new Pcg32(4);
  for (let step = 0; step < 25; step++) {
    const grads = a.variables.map((v) => {
      const g = fillNormal(rng, new Float32Array(v.size)).map((x, i) => x * (i % 3 === 0 ? 1e3 : 1e-4));
      return tf.tensor(g, v.shape);
    });
    fused.applyGradients(a.variables.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    plain.applyGradients(b.variables.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    tf.dispose(grads);
  }
  a.variables.forEach((v, i) =>
    assertSameBits(v.dataSync() as Float32Array, b.variables[i].dataSync() as Float32Array, `variable ${i}`)
  );
  fused.dispose();
  plain.dispose();
  a.dispose();
  b.dispose();
});

Deno.test("FusedAdam refuses unknown variables, mismatched gradients and a changed layout", () => {
  const v = tf.variable(tf.zeros([4])), w = tf.variable(tf.zeros([3]));
  const g4 = tf.ones([4]), g3 = tf.ones([3]);
  const adam = new FusedAdam(0.1);
  assert.throws(() => adam.applyGradients([{ name: "no such variable", tensor: g4 }]), /no variable named/);
  assert.throws(() => adam.applyGradients([{ name: v.name, tensor: g3 }]), /does not match/);
  adam.applyGradients([{ name: v.name, tensor: g4 }]);
  assert.throws(
    () => adam.applyGradients([{ name: w.name, tensor: g3 }]),
    /differ from the first step's \[4\]/,
  );
  assert.throws(() => new FusedAdam(0), RangeError);
  assert.throws(() => new FusedAdam(0.1, 1), RangeError);
  adam.dispose();
  tf.dispose([v, w, g4, g3]);
});

Deno.test("FusedAdam leaves no tensor behind, moves by about lr at its first step and reuses its scratch block", () => {
  const v = tf.variable(tf.ones([1000]));
  const g = tf.ones([1000]);
  const tensors = tf.memory().numTensors;
  const adam = createAdam(1e-2);
  assert.ok(adam instanceof FusedAdam);
  for (let i = 0; i < 3; i++) adam.applyGradients([{ name: v.name, tensor: g }]);
  assert.equal(tf.memory().numTensors, tensors);
  // Adam's first step moves every value by about lr, whatever the gradient's scale.
  assert.ok(Math.abs((v.dataSync() as Float32Array)[0] - (1 - 3e-2)) < 1e-4);
  const block = adam.scratch(64);
  assert.equal(adam.scratch(32), block);
  adam.dispose();
  tf.dispose([v, g]);
});
