/** The functions of the training kernels' WebAssembly module (see `assembly/train.ts`); pointers are byte offsets. */
export interface TrainKernelExports {
  /** Packs B (K × N, B(k, j) at b + 4·(k·rb + j·cb)) from panel `first` on into zero-padded panels of 8 columns at dst. */
  packPanels(b: number, rb: number, cb: number, K: number, N: number, first: number, dst: number): void;
  /**
   * C = A·B (+ bias) (then ReLU), A(i, k) at a + 4·(i·ra + k·ca), C row stride ldc; bias 0 for none.
   * With `direct` (1), full panels of B come from row-major b (row stride ldb) and only the last,
   * partial one from `panels`; with 0 every panel comes from `panels`. A nonzero `apack` (room for
   * 131072 + 6·K floats) gets a row-major copy of each block of A's rows first.
   */
  gemm(
    a: number,
    ra: number,
    ca: number,
    b: number,
    ldb: number,
    direct: number,
    panels: number,
    c: number,
    ldc: number,
    M: number,
    N: number,
    K: number,
    bias: number,
    relu: number,
    apack: number,
  ): void;
  /** dz = (out − y) · scale over n values. */
  mseGradient(out: number, y: number, n: number, scale: number, dz: number): void;
  /** da ← da where act > 0, else 0, over n values. */
  reluGradient(da: number, act: number, n: number): void;
  /** out[j] = Σᵢ dz[i, j] of a rows × cols matrix, in row order. */
  columnSums(dz: number, rows: number, cols: number, out: number): void;
  /** g ← (g + sign(w)·l1) + w·l2x2 over n values, a term only when its coefficient is positive. */
  addPenalty(g: number, w: number, n: number, l1: number, l2x2: number): void;
  /** One Adam update of n values: moments m, v in place, the new values to out. */
  adam(
    w: number,
    g: number,
    out: number,
    m: number,
    v: number,
    n: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    om1: number,
    om2: number,
    eps: number,
    nlr: number,
  ): void;
}

const modules = new Map<string, Promise<WebAssembly.Module>>();
const instances = new WeakMap<WebAssembly.Memory, TrainKernelExports>();

/**
 * The compiled training kernels for a memory of this kind: `train_simd.wasm`
 * for a non-shared memory (tfjs's single-threaded heap), the same source
 * built for a shared one, `train_simd_shared.wasm`, for a memory that
 * several threads work on. Compiled once per realm; a Worker instantiates
 * the module it is posted on the memory it is posted.
 *
 * @param shared Whether the memory is shared.
 * @returns The compiled module.
 *
 * @example
 * ```ts
 * import { trainKernelModule } from "./train_kernels.ts";
 * import assert from "node:assert/strict";
 *
 * const imports = WebAssembly.Module.imports(await trainKernelModule(true));
 * assert.deepEqual(imports.map((i) => i.kind), ["memory"]);
 * ```
 */
export function trainKernelModule(shared: boolean): Promise<WebAssembly.Module> {
  const name = shared ? "train_simd_shared.wasm" : "train_simd.wasm";
  let module = modules.get(name);
  if (!module) {
    module = (async () => {
      const res = await fetch(new URL(name, import.meta.url));
      if (!res.ok) throw new Error(`Cannot load the training kernels: ${name} answered ${res.status}`);
      return WebAssembly.compile(await res.arrayBuffer());
    })();
    modules.set(name, module);
  }
  return module;
}

/**
 * The training kernels, compiled once per realm (see
 * {@linkcode trainKernelModule}; read permission on `src`, or net permission
 * when imported by URL) and instantiated on `memory`: they own no byte of it
 * and work on buffers its owner allocated (tfjs's wasm heap, for
 * `src/nn/wasm_mlp_step.ts`). Plain SIMD, multiply then add: the same bytes
 * on every engine, and in both builds. One instance per memory.
 *
 * @param memory A memory with a maximum, shared or not (tfjs's single-threaded wasm build, or any other).
 * @returns The kernels' exports, working on `memory`.
 *
 * @example Sums of columns
 * ```ts
 * import { trainKernels } from "./train_kernels.ts";
 * import assert from "node:assert/strict";
 *
 * const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
 * const k = await trainKernels(memory);
 * new Float32Array(memory.buffer).set([1, 2, 3, 4, 5, 6]); // 3 × 2 at offset 0
 * k.columnSums(0, 3, 2, 64);
 * assert.deepEqual(new Float32Array(memory.buffer, 64, 2), new Float32Array([9, 12]));
 * ```
 */
export async function trainKernels(memory: WebAssembly.Memory): Promise<TrainKernelExports> {
  const known = instances.get(memory);
  if (known) return known;
  const compiled = await trainKernelModule(memory.buffer instanceof SharedArrayBuffer);
  let kernels = instances.get(memory);
  if (!kernels) {
    kernels = new WebAssembly.Instance(compiled, { env: { memory } })
      .exports as unknown as TrainKernelExports;
    instances.set(memory, kernels);
  }
  return kernels;
}
