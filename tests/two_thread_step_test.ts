import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { FusedAdam } from "../src/nn/fused_adam.ts";
import { trainStep } from "../src/nn/train_step.ts";
import { wasmHeap } from "../src/nn/wasm_heap.ts";
import { wasmMlpGradients } from "../src/nn/wasm_mlp_step.ts";
import { type GemmArgs, KernelHelper } from "../src/nn/kernel_helper.ts";
import { TwoThreadGradients } from "../src/nn/two_thread_gradients.ts";
import {
  borrowCore,
  helperThread,
  helperThreadReady,
  lendCores,
  releaseCores,
  returnCore,
  TWO_THREAD_MIN_WORK,
} from "../src/nn/spare_cores.ts";
import { parameterCount } from "../src/nn/architectures.ts";
import { trainKernelModule, trainKernels } from "../src/wasm/train_kernels.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { assertSameBits } from "./_same_bits.ts";

await initBackend();

async function running<T extends { ready(): boolean }>(helper: T): Promise<T> {
  const end = performance.now() + 10_000;
  while (!helper.ready() && performance.now() < end) await new Promise((r) => setTimeout(r, 5));
  assert.ok(helper.ready(), "the helper thread did not start within 10 s");
  return helper;
}

Deno.test("two threads give the one-thread gradients' bytes, with and without a penalty", async () => {
  const two = await running(new TwoThreadGradients(await trainKernelModule(true)));
  try {
    const rng = new Pcg32(5);
    // The paper's NN; a net whose 600-wide activations are copied before ∂W (each thread its own
    // copy) and whose 250-row batch is no multiple of the 6-row tile; widths off every tile.
    for (
      const [sizes, rows] of [[[60, 256, 128, 64, 15], 64], [[3, 600, 120, 2], 250], [
        [9, 77, 301, 5],
        97,
      ]] as const
    ) {
      const net = new Mlp([...sizes], 4);
      for (const penalty of [undefined, { l1: 1e-3, l2: 1e-2 }]) {
        const x = fillNormal(rng, new Float32Array(rows * sizes[0]));
        const y = fillNormal(rng, new Float32Array(rows * sizes.at(-1)!));
        const one = wasmMlpGradients(net, wasmHeap()!, x, y, penalty);
        const got = wasmMlpGradients(net, wasmHeap()!, x, y, penalty, two);
        one.weights.forEach((g, l) => assertSameBits(got.weights[l], g, `∂W${l} of ${sizes}`));
        one.biases.forEach((g, l) => assertSameBits(got.biases[l], g, `∂b${l} of ${sizes}`));
      }
      net.dispose();
    }
    assert.equal(two.runs(), 6);
  } finally {
    two.dispose();
  }
});

Deno.test("training with a lent core gives the one-core bytes and gives the core back", async () => {
  const sizes = [60, 600, 300, 15], rows = 100;
  assert.ok(
    rows * parameterCount(sizes) >= TWO_THREAD_MIN_WORK,
    "the test net is large enough for two threads",
  );
  const rng = new Pcg32(8);
  const x = fillNormal(rng, new Float32Array(rows * 60)), y = fillNormal(rng, new Float32Array(rows * 15));
  const train = (steps: number) => {
    const net = new Mlp(sizes, 2), adam = new FusedAdam(1e-3);
    for (let i = 0; i < steps; i++) trainStep(net, adam, x, y, { l1: 1e-4, l2: 0 });
    const out = net.variables.map((v) => v.dataSync().slice() as Float32Array);
    adam.dispose();
    net.dispose();
    return out;
  };
  const one = train(8);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  counter[0] = 1;
  lendCores(counter);
  try {
    assert.ok(await helperThreadReady());
    const two = train(8);
    assert.equal(helperThread()!.runs(), 8, "every step ran on two threads");
    assert.equal(counter[0], 1, "the core was given back after each step");
    two.forEach((v, i) => assertSameBits(v, one[i], `variable ${i} after 8 steps`));
    counter[0] = 0; // the core is busy elsewhere: the step keeps one thread
    train(2);
    assert.equal(helperThread()!.runs(), 8);
  } finally {
    releaseCores();
  }
});

Deno.test("a product's rows go to the helper while the caller is held up", async () => {
  const memory = new WebAssembly.Memory({ initial: 16, maximum: 64, shared: true });
  const helper = await running(new KernelHelper(memory, await trainKernelModule(true)));
  try {
    const k = await trainKernels(memory), f = new Float32Array(memory.buffer);
    const M = 120, N = 16, K = 40; // A at 0, B's 2 panels at 64 KiB, C at 128 KiB and 192 KiB
    fillNormal(new Pcg32(3), f.subarray(0, M * K));
    fillNormal(new Pcg32(4), f.subarray(16384, 16384 + 2 * K * 8));
    const args = (c: number): GemmArgs => [0, K, 1, 0, 0, 0, 65536, c, N, M, N, K, 0, 0, 0];
    k.gemm(...args(131072));
    let calls = 0;
    const slow = {
      ...k,
      gemm: (...a: Parameters<typeof k.gemm>) => {
        if (calls++ === 0) {
          const until = performance.now() + 200;
          while (performance.now() < until); // hold the caller in its first chunk
        }
        k.gemm(...a);
      },
    };
    const mine = helper.gemm(args(196608), 6, 0, slow);
    assert.ok(mine < M, `the caller ran ${mine} of ${M} rows`);
    assertSameBits(f.slice(49152, 49152 + M * N), f.slice(32768, 32768 + M * N), "C");
  } finally {
    helper.dispose();
  }
});

Deno.test("a trap on the helper thread is an error, and the helper takes no calls after", async () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const helper = await running(new KernelHelper(memory, await trainKernelModule(true)));
  try {
    const k = await trainKernels(memory);
    // 1000 rows of 1000 floats: far past the 64 KiB memory on whichever thread reads them.
    const args: GemmArgs = [0, 1000, 1, 0, 0, 0, 0, 0, 8, 1000, 8, 1000, 0, 0, 0];
    assert.throws(() => helper.gemm(args, 6, 0, k), /out of bounds|failed/);
    assert.equal(helper.ready(), false);
    assert.throws(() => helper.gemm(args, 6, 0, k), /not running/);
  } finally {
    helper.dispose();
  }
});

Deno.test("lent cores are counted out and back, and bad counts are refused", () => {
  assert.throws(() => lendCores(-1), RangeError);
  assert.throws(() => lendCores(1.5), RangeError);
  assert.throws(() => lendCores(new Int32Array(1)), /SharedArrayBuffer/);
  assert.throws(() => new KernelHelper(new WebAssembly.Memory({ initial: 1 }), undefined!), /must be shared/);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  counter[0] = 2;
  lendCores(counter);
  try {
    assert.ok(borrowCore() && borrowCore());
    assert.equal(borrowCore(), false);
    assert.equal(counter[0], 0);
    returnCore();
    assert.equal(counter[0], 1);
  } finally {
    releaseCores();
  }
  assert.equal(borrowCore(), false);
});
