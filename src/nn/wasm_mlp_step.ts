import { tf } from "./tf.ts";
import type { Tensor, Tensor2D } from "./tf.ts";
import type { Mlp } from "./mlp.ts";
import type { FusedAdam } from "./fused_adam.ts";
import type { WeightPenalty } from "./weight_penalty.ts";
import { type HeapTensorInfo, runHeapKernel, type WasmHeap, wasmHeap } from "./wasm_heap.ts";
import { gradientsOnHeap, layout } from "./_mlp_backprop.ts";
import { parameterCount } from "./architectures.ts";
import { borrowTwoThreads, returnCore } from "./spare_cores.ts";
import type { TwoThreadGradients } from "./two_thread_gradients.ts";

/** The name the fused step is registered under with the wasm backend. */
const KERNEL = "SymbreakMlpAdamStep";

interface StepAttrs {
  net: Mlp;
  adam: FusedAdam;
  rows: number;
  x: Float32Array | undefined;
  y: Float32Array | undefined;
  penalty: WeightPenalty | undefined;
}

/**
 * One Adam step of an {@linkcode Mlp} on MSE as a single registered wasm
 * kernel: the forward pass, backpropagation, the weight penalty and Adam all
 * run in the training kernels (`src/wasm/assembly/train.ts`) on tfjs's heap,
 * with no tfjs op in between. {@linkcode trainStep} takes this path when its
 * optimiser is a {@linkcode FusedAdam}. It repeats the op-by-op step's
 * float32 operations in their order: tfjs's wasm matMul (XNNPACK, plain SIMD)
 * also computes each product element as one chain of multiply-then-add in
 * the order of the inner index, from the bias or zero; the bias gradient sums
 * rows in order; the L1 term uses tfjs's sign (0 below float32's epsilon). So
 * it gives the op-by-op step's bytes (tested, the paper's DNN included),
 * without its packing of every fresh operand and a dispatched tfjs op per
 * product, transpose, sum, mask and Adam term.
 *
 * The new weights go to new tensors the variables are assigned (tfjs's
 * matMul, which predictions still use, caches packed weights by tensor).
 *
 * @param net The network, updated in place.
 * @param adam The optimiser; its heap must be the active backend's.
 * @param x Batch inputs, `rows × sizes[0]`, an array or a float32 tensor.
 * @param y Batch targets, `rows × sizes[last]`.
 * @param penalty Optional L1/L2 penalty on the weight matrices.
 * @throws {RangeError} If the batch does not fit the network.
 * @throws {Error} If tfjs's single-threaded wasm build is not the active backend.
 *
 * @example The loss goes down
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { Mlp } from "./mlp.ts";
 * import { FusedAdam } from "./fused_adam.ts";
 * import { wasmMlpStep } from "./wasm_mlp_step.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const net = new Mlp([2, 8, 1], 3);
 * const x = new Float32Array([1, 0, 0, 1]), y = new Float32Array([1, -1]);
 * const before = net.loss(x, y, 2);
 * const adam = new FusedAdam(1e-2);
 * for (let i = 0; i < 20; i++) wasmMlpStep(net, adam, x, y);
 * assert.ok(net.loss(x, y, 2) < before);
 * adam.dispose();
 * net.dispose();
 * ```
 */
export function wasmMlpStep(
  net: Mlp,
  adam: FusedAdam,
  x: Float32Array | Tensor2D,
  y: Float32Array | Tensor2D,
  penalty?: WeightPenalty,
): void {
  const rows = net.batchRows(x, y);
  if (!wasmHeap()) {
    throw new Error(
      `Cannot run the fused step on the "${tf.getBackend()}" backend: it needs tfjs's single-threaded wasm build`,
    );
  }
  const inputs: Record<string, Tensor> = {};
  net.weights.forEach((w, l) => inputs[`w${l}`] = w);
  net.biases.forEach((b, l) => inputs[`b${l}`] = b);
  if (!(x instanceof Float32Array)) inputs.x = x;
  if (!(y instanceof Float32Array)) inputs.y = y;
  const attrs: StepAttrs = {
    net,
    adam,
    rows,
    x: x instanceof Float32Array ? x : undefined,
    y: y instanceof Float32Array ? y : undefined,
    penalty,
  };
  const out = runHeapKernel(KERNEL, run, inputs, attrs);
  net.variables.forEach((v, i) => {
    v.assign(out[i]);
    out[i].dispose();
  });
}

function run(inputs: Record<string, HeapTensorInfo>, attrs: StepAttrs): HeapTensorInfo[] {
  const { net, adam, rows, penalty } = attrs;
  const heap = wasmHeap()!;
  const s = net.sizes, L = s.length - 1;
  const outputs = [...net.weights, ...net.biases].map((v) =>
    heap.backend.makeOutput([...v.shape], "float32")
  );
  const lay = layout(s, rows);
  const base = adam.scratch(4 * lay.floats);
  const at = (floats: number) => base + 4 * floats;
  const w = net.weights.map((_, l) => heap.offset(inputs[`w${l}`]));
  const b = net.biases.map((_, l) => heap.offset(inputs[`b${l}`]));
  const xPtr = attrs.x ? at(lay.x) : heap.offset(inputs.x);
  const yPtr = attrs.y ? at(lay.y) : heap.offset(inputs.y);
  // Copied after every allocation: one may have grown (replaced) the heap's buffer.
  if (attrs.x) heap.f32().set(attrs.x.subarray(0, rows * s[0]), xPtr >> 2);
  if (attrs.y) heap.f32().set(attrs.y.subarray(0, rows * s[L]), yPtr >> 2);
  const two = borrowTwoThreads(rows * parameterCount(s));
  if (two) {
    try {
      two.run({ heap: heap.f32(), sizes: s, rows, x: xPtr, y: yPtr, weights: w, biases: b, base }, penalty);
    } finally {
      returnCore();
    }
  } else gradientsOnHeap(heap.kernels, s, rows, xPtr, yPtr, w, b, base, lay, penalty);
  adam.update([
    ...w.map((value, l) => ({
      value,
      gradient: at(lay.gradW[l]),
      out: heap.offset(outputs[l]),
      size: s[l] * s[l + 1],
    })),
    ...b.map((value, l) => ({
      value,
      gradient: at(lay.gradB[l]),
      out: heap.offset(outputs[L + l]),
      size: s[l + 1],
    })),
  ]);
  return outputs;
}

/**
 * The gradients {@linkcode wasmMlpStep} computes (MSE, plus the penalty's),
 * copied out of the heap: what the fused step feeds Adam. For checking it
 * against {@linkcode Mlp.gradients}; training needs only the step.
 *
 * @param net The network (unchanged).
 * @param heap The active backend's heap (`wasmHeap()`).
 * @param x Batch inputs, `rows × sizes[0]`.
 * @param y Batch targets, `rows × sizes[last]`.
 * @param penalty Optional L1/L2 penalty on the weight matrices.
 * @param threads Compute them on two threads with these (running) instead of on this one.
 * @returns One gradient per weight matrix and per bias vector, row-major.
 *
 * @example Shapes of the gradients
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { Mlp } from "./mlp.ts";
 * import { wasmHeap } from "./wasm_heap.ts";
 * import { wasmMlpGradients } from "./wasm_mlp_step.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const net = new Mlp([3, 4, 2], 1);
 * const g = wasmMlpGradients(net, wasmHeap()!, new Float32Array(15).fill(1), new Float32Array(10));
 * assert.deepEqual(g.weights.map((w) => w.length), [12, 8]);
 * assert.deepEqual(g.biases.map((b) => b.length), [4, 2]);
 * net.dispose();
 * ```
 */
export function wasmMlpGradients(
  net: Mlp,
  heap: WasmHeap,
  x: Float32Array,
  y: Float32Array,
  penalty?: WeightPenalty,
  threads?: TwoThreadGradients,
): { weights: Float32Array[]; biases: Float32Array[] } {
  const rows = net.batchRows(x, y), s = net.sizes;
  const lay = layout(s, rows);
  const base = heap.malloc(4 * lay.floats);
  try {
    const at = (floats: number) => base + 4 * floats;
    heap.f32().set(x, at(lay.x) >> 2);
    heap.f32().set(y, at(lay.y) >> 2);
    const w = net.weights.map((t) => heap.offset(t)), b = net.biases.map((t) => heap.offset(t));
    if (threads) {
      threads.run({
        heap: heap.f32(),
        sizes: s,
        rows,
        x: at(lay.x),
        y: at(lay.y),
        weights: w,
        biases: b,
        base,
      }, penalty);
    } else gradientsOnHeap(heap.kernels, s, rows, at(lay.x), at(lay.y), w, b, base, lay, penalty);
    const copy = (floats: number, n: number) => heap.f32().slice(at(floats) >> 2, (at(floats) >> 2) + n);
    return {
      weights: lay.gradW.map((o, l) => copy(o, s[l] * s[l + 1])),
      biases: lay.gradB.map((o, l) => copy(o, s[l + 1])),
    };
  } finally {
    heap.free(base);
  }
}
