import { tf } from "./tf.ts";
import type { Tensor } from "./tf.ts";
import { type TrainKernelExports, trainKernels } from "../wasm/train_kernels.ts";

/**
 * tfjs's wasm heap as the fused training step uses it: the memory, its
 * allocator, a tensor's byte offset, and the training kernels instantiated
 * on that memory. It reaches into tfjs-backend-wasm 4.22's backend object
 * (`wasm.asm.memory`, `wasm._malloc`, `dataIdMap`), as `wasm_threads.ts`
 * does; {@linkcode prepareWasmHeap} checks each piece and leaves the heap
 * absent when one is missing.
 */
export interface WasmHeap {
  /** The training kernels, working on tfjs's memory. */
  kernels: TrainKernelExports;
  /** Allocates `bytes` on tfjs's heap (16-byte aligned); free it with {@linkcode WasmHeap.free}. */
  malloc(bytes: number): number;
  /** Frees a block from {@linkcode WasmHeap.malloc}. */
  free(ptr: number): void;
  /** Byte offset of a float32 tensor's values on the heap. */
  offset(t: { dataId: object }): number;
  /** A view of the whole heap as float32, taken now (a later allocation may replace the buffer). */
  f32(): Float32Array;
  /** tfjs's backend object, for kernels that allocate outputs. */
  backend: WasmBackendInternals;
}

/** The part of tfjs-backend-wasm 4.22's `BackendWasm` the heap uses. */
export interface WasmBackendInternals {
  /** The Emscripten module. */
  wasm: {
    asm: { memory: WebAssembly.Memory };
    _malloc(bytes: number): number;
    _free(ptr: number): void;
  };
  /** Per tensor data: where its values start on the heap. */
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  /** Allocates an output tensor's storage and returns its tensor info. */
  makeOutput(shape: number[], dtype: "float32"): HeapTensorInfo;
}

/** What a kernel sees of a tensor: tfjs's `TensorInfo`, the fields the heap kernels use. */
export interface HeapTensorInfo {
  /** The key of its data on the backend. */
  dataId: object;
  /** Its shape. */
  shape: number[];
}

/**
 * Runs `body` as the wasm kernel registered under `name` (registered with
 * tfjs on the first call): the engine hands it the inputs' tensor infos, and
 * the tensor infos it returns (from `heap.backend.makeOutput`) come back as
 * tensors. `attrs` travels untouched. The way the fused optimiser and step
 * reach tfjs's heap inside one engine dispatch.
 *
 * @param name The kernel's name.
 * @param body The kernel: inputs by name and the attributes, to outputs.
 * @param inputs The input tensors by name.
 * @param attrs Anything the kernel needs besides tensors.
 * @returns The output tensors, in the order `body` returned them.
 *
 * @example A kernel that copies its input
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { runHeapKernel, wasmHeap } from "./wasm_heap.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const x = tf.tensor1d([1, 2, 3]);
 * const [y] = runHeapKernel("DocCopy", (inputs) => {
 *   const heap = wasmHeap()!, out = heap.backend.makeOutput([3], "float32");
 *   heap.f32().copyWithin(heap.offset(out) >> 2, heap.offset(inputs.x) >> 2, (heap.offset(inputs.x) >> 2) + 3);
 *   return [out];
 * }, { x }, {});
 * assert.deepEqual(y.dataSync(), x.dataSync());
 * tf.dispose([x, y]);
 * ```
 */
export function runHeapKernel<A extends object>(
  name: string,
  body: (inputs: Record<string, HeapTensorInfo>, attrs: A) => HeapTensorInfo[],
  inputs: Record<string, Tensor>,
  attrs: A,
): Tensor[] {
  if (!tf.getKernel(name, "wasm")) {
    tf.registerKernel({
      kernelName: name,
      backendName: "wasm",
      kernelFunc: ({ inputs, attrs }) => body(inputs as never, attrs as never) as never,
    });
  }
  const out = tf.engine().runKernel(name, inputs as never, attrs as never) as Tensor | Tensor[];
  return Array.isArray(out) ? out : [out];
}

let heap: WasmHeap | undefined;
let heapBackend: unknown;

/**
 * Sets up {@linkcode wasmHeap} for the active tfjs backend: the training
 * kernels on its memory when it is tfjs's single-threaded wasm build, nothing
 * otherwise (webgpu, or the threaded build, whose memory is shared).
 * `initBackend` calls it; calling it again is cheap.
 *
 * @returns Whether the fused training step can run now.
 *
 * @example
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { prepareWasmHeap, wasmHeap } from "./wasm_heap.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * assert.equal(await prepareWasmHeap(), true);
 * assert.ok(wasmHeap());
 * ```
 */
export async function prepareWasmHeap(): Promise<boolean> {
  const backend = tf.getBackend() === "wasm" ? tf.backend() as unknown as WasmBackendInternals : undefined;
  if (heap && heapBackend === backend) return true;
  heap = undefined;
  heapBackend = undefined;
  const memory = backend?.wasm?.asm?.memory;
  if (
    !backend || !(memory instanceof WebAssembly.Memory) || memory.buffer instanceof SharedArrayBuffer ||
    typeof backend.wasm._malloc !== "function" || typeof backend.dataIdMap?.get !== "function"
  ) return false;
  const kernels = await trainKernels(memory);
  const wasm = backend.wasm;
  heap = {
    kernels,
    malloc: (bytes) => {
      const p = wasm._malloc(bytes);
      if (p === 0) throw new RangeError(`Cannot allocate ${bytes} bytes on the wasm heap`);
      return p;
    },
    free: (p) => wasm._free(p),
    offset: (t) => {
      const data = backend.dataIdMap.get(t.dataId);
      if (!data) throw new Error("Cannot find a tensor on the wasm heap: it was disposed or lives elsewhere");
      return data.memoryOffset;
    },
    f32: () => new Float32Array(memory.buffer),
    backend,
  };
  heapBackend = backend;
  return true;
}

/**
 * The heap prepared by {@linkcode prepareWasmHeap}, while its backend is
 * still the active one; `undefined` otherwise.
 *
 * @returns The heap, or `undefined`.
 *
 * @example
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { wasmHeap } from "./wasm_heap.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * assert.equal(typeof wasmHeap()?.kernels.gemm, "function");
 * ```
 */
export function wasmHeap(): WasmHeap | undefined {
  return heap && tf.getBackend() === "wasm" && tf.backend() === heapBackend ? heap : undefined;
}
