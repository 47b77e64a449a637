import { tf } from "./tf.ts";
import type { Tensor, Tensor2D } from "./tf.ts";
import type { Mlp } from "./mlp.ts";
import type { FusedAdam } from "./fused_adam.ts";
import type { WeightPenalty } from "./weight_penalty.ts";
import { type HeapTensorInfo, runHeapKernel, type WasmHeap, wasmHeap } from "./wasm_heap.ts";

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

/** Whether rows `width` floats apart (2 KiB or more) are copied together before a product reads them. */
const farApart = (width: number) => width >= 512;

/** Float offsets of the step's scratch regions, each a multiple of 4 floats (16 bytes). */
function layout(sizes: readonly number[], rows: number) {
  const up = (n: number) => Math.ceil(n / 4) * 4;
  const L = sizes.length - 1, widest = Math.max(...sizes);
  let at = 0;
  const take = (n: number) => (at += up(n)) - up(n);
  const x = take(rows * sizes[0]), y = take(rows * sizes[L]);
  const acts = sizes.slice(1).map((s) => take(rows * s));
  const dz = [take(rows * widest), take(rows * widest)];
  let panel = 0;
  for (let l = 0; l < L; l++) {
    const pad = (n: number) => Math.ceil(n / 8) * 8;
    panel = Math.max(
      panel,
      sizes[l] * pad(sizes[l + 1]),
      rows * pad(sizes[l + 1]),
      sizes[l + 1] * pad(sizes[l]),
    );
  }
  const panels = take(panel);
  // Room for gemm's copy of a row block of actᵀ, only where a layer is wide enough to need it.
  const apack = take(sizes.slice(0, L).some(farApart) ? 131072 + 6 * rows : 0);
  const gradW = sizes.slice(1).map((s, l) => take(sizes[l] * s));
  const gradB = sizes.slice(1).map((s) => take(s));
  return { x, y, acts, dz, panels, apack, gradW, gradB, floats: at };
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
  gradientsOnHeap(heap, s, rows, xPtr, yPtr, w, b, base, lay, penalty);
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

/** Forward pass and backpropagation on the heap: the gradients land in the layout's gradW and gradB. */
function gradientsOnHeap(
  heap: WasmHeap,
  s: readonly number[],
  rows: number,
  xPtr: number,
  yPtr: number,
  w: number[],
  b: number[],
  base: number,
  lay: ReturnType<typeof layout>,
  penalty: WeightPenalty | undefined,
): void {
  const k = heap.kernels, L = s.length - 1;
  const at = (floats: number) => base + 4 * floats;
  const act = (l: number) => l === 0 ? xPtr : at(lay.acts[l - 1]);
  const panels = at(lay.panels);
  // B row-major (W, dz): a small one (256 KiB at most) is read in place and only a partial last
  // panel is packed; a larger one is packed whole (a panel's K rows then lie together).
  const rowMajor = (bPtr: number, K: number, N: number): number => {
    const direct = K * N <= 65536;
    if (!direct || N % 8) k.packPanels(bPtr, N, 1, K, N, direct ? N >> 3 : 0, panels);
    return direct ? 1 : 0;
  };
  for (let l = 0; l < L; l++) {
    const direct = rowMajor(w[l], s[l], s[l + 1]);
    const relu = l < L - 1 ? 1 : 0;
    k.gemm(
      act(l),
      s[l],
      1,
      w[l],
      s[l + 1],
      direct,
      panels,
      act(l + 1),
      s[l + 1],
      rows,
      s[l + 1],
      s[l],
      b[l],
      relu,
      0,
    );
  }
  let dz = at(lay.dz[0]), da = at(lay.dz[1]);
  k.mseGradient(act(L), yPtr, rows * s[L], Math.fround(2 / (rows * s[L])), dz);
  for (let l = L - 1; l >= 0; l--) {
    const gw = at(lay.gradW[l]);
    // ∂W = actᵀ · dz: act(l) read transposed through its strides.
    const direct = rowMajor(dz, rows, s[l + 1]);
    // act(l)ᵀ's rows lie s[l] floats apart: past 2 KiB, copied together first.
    const apack = farApart(s[l]) ? at(lay.apack) : 0;
    k.gemm(act(l), 1, s[l], dz, s[l + 1], direct, panels, gw, s[l + 1], s[l], s[l + 1], rows, 0, 0, apack);
    if (penalty && (penalty.l1 > 0 || penalty.l2 > 0)) {
      k.addPenalty(gw, w[l], s[l] * s[l + 1], Math.fround(penalty.l1), Math.fround(2 * penalty.l2));
    }
    k.columnSums(dz, rows, s[l + 1], at(lay.gradB[l]));
    if (l > 0) {
      // ∂act = dz · Wᵀ: Wᵀ(k, j) = W[j, k], packed from W's strides.
      k.packPanels(w[l], 1, s[l + 1], s[l + 1], s[l], 0, panels);
      k.gemm(dz, s[l + 1], 1, 0, 0, 0, panels, da, s[l], rows, s[l], s[l + 1], 0, 0, 0);
      k.reluGradient(da, act(l), rows * s[l]);
      [dz, da] = [da, dz];
    }
  }
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
): { weights: Float32Array[]; biases: Float32Array[] } {
  const rows = net.batchRows(x, y), s = net.sizes;
  const lay = layout(s, rows);
  const base = heap.malloc(4 * lay.floats);
  try {
    const at = (floats: number) => base + 4 * floats;
    heap.f32().set(x, at(lay.x) >> 2);
    heap.f32().set(y, at(lay.y) >> 2);
    const w = net.weights.map((t) => heap.offset(t)), b = net.biases.map((t) => heap.offset(t));
    gradientsOnHeap(heap, s, rows, at(lay.x), at(lay.y), w, b, base, lay, penalty);
    const copy = (floats: number, n: number) => heap.f32().slice(at(floats) >> 2, (at(floats) >> 2) + n);
    return {
      weights: lay.gradW.map((o, l) => copy(o, s[l] * s[l + 1])),
      biases: lay.gradB.map((o, l) => copy(o, s[l + 1])),
    };
  } finally {
    heap.free(base);
  }
}
