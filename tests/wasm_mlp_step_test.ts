import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { trainStep } from "../src/nn/train_step.ts";
import { FusedAdam } from "../src/nn/fused_adam.ts";
import { wasmHeap } from "../src/nn/wasm_heap.ts";
import { wasmMlpGradients } from "../src/nn/wasm_mlp_step.ts";
import type { WeightPenalty } from "../src/nn/weight_penalty.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { assertSameBits } from "./_same_bits.ts";

const tf = await initBackend();
function batch(rng: Pcg32, rows: number, inDim: number, outDim: number) {
  return {
    x: fillNormal(rng, new Float32Array(rows * inDim)),
    y: fillNormal(rng, new Float32Array(rows * outDim)),
  };
}

// Widths off the 4- and 8-lane tiles, a batch off the 6-row tile, the paper's NN, and a net whose
// 600 × 120 weights are packed whole, whose 600-wide activations are copied before ∂W, and whose
// 250-row batch spans two row blocks of the 600-deep product.
const SHAPES: [number[], number][] = [
  [[7, 13, 9, 3], 11],
  [[5, 1, 8, 2], 7],
  [[60, 256, 128, 64, 15], 64],
  [[3, 600, 120, 2], 250],
];

Deno.test("the fused step's gradients are Mlp.gradients' bytes, with and without a penalty", () => {
  const rng = new Pcg32(21);
  for (const [sizes, rows] of SHAPES) {
    const net = new Mlp(sizes, 3);
    for (const penalty of [undefined, { l1: 1e-3, l2: 1e-2 }]) {
      const { x, y } = batch(rng, rows, sizes[0], sizes.at(-1)!);
      const xt = tf.tensor2d(x, [rows, sizes[0]]), yt = tf.tensor2d(y, [rows, sizes.at(-1)!]);
      const ref = net.gradients(xt, yt, penalty);
      const got = wasmMlpGradients(net, wasmHeap()!, x, y, penalty);
      ref.weights.forEach((g, l) =>
        assertSameBits(got.weights[l], g.dataSync() as Float32Array, `∂W${l} of ${sizes}`)
      );
      ref.biases.forEach((g, l) =>
        assertSameBits(got.biases[l], g.dataSync() as Float32Array, `∂b${l} of ${sizes}`)
      );
      tf.dispose([xt, yt, ...ref.weights, ...ref.biases]);
    }
    net.dispose();
  }
});

Deno.test("trainStep with FusedAdam gives the op-by-op step's bytes over many steps", () => {
  const rng = new Pcg32(8);
  for (const [sizes, rows] of SHAPES) {
    const fused = new Mlp(sizes, 9), plain = new Mlp(sizes, 9);
    const fusedAdam = new FusedAdam(1e-2), plainAdam = tf.train.adam(1e-2, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 30; step++) {
      // A short last batch, tensors as well as arrays, and a penalty that tfjs's sign zeroes near 0.
      const r = step % 10 === 9 ? 1 + (rows >> 1) : rows;
      const { x, y } = batch(rng, r, sizes[0], sizes.at(-1)!);
      const penalty: WeightPenalty | undefined = step % 3 === 0 ? { l1: 1e-3, l2: 1e-4 } : undefined;
      if (step % 4 === 1) {
        const xt = tf.tensor2d(x, [r, sizes[0]]), yt = tf.tensor2d(y, [r, sizes.at(-1)!]);
        trainStep(fused, fusedAdam, xt, yt, penalty);
        tf.dispose([xt, yt]);
      } else trainStep(fused, fusedAdam, x, y, penalty);
      trainStep(plain, plainAdam, x, y, penalty);
    }
    fused.variables.forEach((v, i) =>
      assertSameBits(
        v.dataSync() as Float32Array,
        plain.variables[i].dataSync() as Float32Array,
        `${i} of ${sizes}`,
      )
    );
    fusedAdam.dispose();
    plainAdam.dispose();
    fused.dispose();
    plain.dispose();
  }
});

Deno.test("the fused step survives the heap growing between steps and leaks no tensor", () => {
  const sizes = [6, 10, 2], rows = 5, rng = new Pcg32(2);
  const fused = new Mlp(sizes, 4), plain = new Mlp(sizes, 4);
  const fusedAdam = new FusedAdam(1e-2), plainAdam = tf.train.adam(1e-2, 0.9, 0.999, 1e-7);
  const tensors = tf.memory().numTensors;
  for (let step = 0; step < 4; step++) {
    const { x, y } = batch(rng, rows, 6, 2);
    trainStep(fused, fusedAdam, x, y);
    trainStep(plain, plainAdam, x, y);
    if (step === 1) {
      const before = wasmHeap()!.f32().buffer;
      tf.zeros([1 << 25]).dispose(); // 128 MiB: the heap grows and its buffer is replaced
      assert.notEqual(wasmHeap()!.f32().buffer, before);
    }
  }
  assert.equal(tf.memory().numTensors, tensors + 8); // plainAdam's two moments of each of 4 variables
  fused.variables.forEach((v, i) =>
    assertSameBits(
      v.dataSync() as Float32Array,
      plain.variables[i].dataSync() as Float32Array,
      `variable ${i}`,
    )
  );
  fusedAdam.dispose();
  plainAdam.dispose();
  fused.dispose();
  plain.dispose();
});

Deno.test("trainStep refuses a batch that does not fit the network before the fused step runs", () => {
  const net = new Mlp([3, 2], 1), adam = new FusedAdam(1e-2);
  assert.throws(
    () => trainStep(net, adam, new Float32Array(5), new Float32Array(2)),
    /batch shapes do not fit/,
  );
  assert.throws(
    () => wasmMlpGradients(net, wasmHeap()!, new Float32Array(6), new Float32Array(3)),
    /do not fit/,
  );
  adam.dispose();
  net.dispose();
});
