import { tf } from "./tf.ts";
import type { Optimizer, Tensor, Variable } from "./tf.ts";
import { type HeapTensorInfo, runHeapKernel, type WasmHeap, wasmHeap } from "./wasm_heap.ts";

/** A gradient for the variable registered under `name`, as tfjs optimisers take it. */
export interface NamedGradient {
  /** The variable's name (`variable.name`). */
  name: string;
  /** Its gradient, the variable's shape. */
  tensor: Tensor;
}

/** What {@linkcode trainStep} needs of an optimiser: tfjs's `Optimizer` and {@linkcode FusedAdam} both fit. */
export interface StepOptimizer {
  /** Updates each named variable from its gradient. */
  applyGradients(gradients: NamedGradient[]): void;
  /** Frees the optimiser's state. */
  dispose(): void;
}

/** One parameter block of {@linkcode FusedAdam.update}, as byte offsets on tfjs's wasm heap. */
export interface AdamBlock {
  /** The current values. */
  value: number;
  /** Their gradient. */
  gradient: number;
  /** Where the new values go (may equal `value`). */
  out: number;
  /** Number of float32 values. */
  size: number;
}

/** The name the update is registered under with the wasm backend. */
const KERNEL = "SymbreakFusedAdam";

/**
 * Adam on tfjs's wasm heap: every parameter's moments and new value in one
 * SIMD pass (`adam` in `src/wasm/assembly/train.ts`), in place of the dozen
 * tfjs ops per variable, and the scalar tensors each creates, that tfjs's
 * `AdamOptimizer` dispatches. It repeats that optimiser's float32 operations
 * in the same order (m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * w ← w − lr · m̂ / (√v̂ + ε), with tfjs's float32 running powers of β), so
 * {@linkcode FusedAdam.applyGradients} gives the same bytes (tested). The
 * moments live in one heap block, kept by position as tfjs keeps them.
 *
 * With it, {@linkcode trainStep} runs the whole step of an {@linkcode Mlp} on
 * the heap as one kernel (`wasm_mlp_step.ts`), with the same bytes again. Only tfjs's single-threaded wasm build has
 * the kernels: {@linkcode createAdam} picks tfjs's optimiser elsewhere.
 *
 * @example The same bytes as tfjs's Adam
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { FusedAdam } from "./fused_adam.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const a = tf.variable(tf.tensor1d([1, -2, 3])), b = tf.variable(tf.tensor1d([1, -2, 3]));
 * const fused = new FusedAdam(0.01), plain = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
 * for (let i = 0; i < 3; i++) {
 *   const g = tf.tensor1d([0.5, i, -1]);
 *   fused.applyGradients([{ name: a.name, tensor: g }]);
 *   plain.applyGradients([{ name: b.name, tensor: g }]);
 *   g.dispose();
 * }
 * assert.deepEqual(a.dataSync(), b.dataSync());
 * tf.dispose([a, b]);
 * fused.dispose();
 * plain.dispose();
 * ```
 */
export class FusedAdam implements StepOptimizer {
  /** Step size. */
  readonly learningRate: number;
  /** Decay of the first moment. */
  readonly beta1: number;
  /** Decay of the second moment. */
  readonly beta2: number;
  /** Added to √v̂. */
  readonly epsilon: number;
  #sizes: number[] | undefined;
  #total = 0;
  #moments = 0;
  #scratch = { ptr: 0, bytes: 0 };
  #heap: WasmHeap | undefined;
  // tfjs keeps βᵗ as float32 scalar variables, multiplied in float32 after each step.
  #accBeta1: number;
  #accBeta2: number;

  /**
   * Adam with these settings; the moments are allocated at the first step.
   *
   * @param learningRate Step size (positive).
   * @param beta1 First-moment decay; default 0.9.
   * @param beta2 Second-moment decay; default 0.999.
   * @param epsilon Added to √v̂; default 1e-7 (Keras's, and {@linkcode fit}'s).
   * @throws {RangeError} If a setting is out of range.
   */
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7) {
    if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon >= 0)) {
      throw new RangeError(
        `Cannot build Adam: need learningRate > 0, 0 ≤ β < 1 and ε ≥ 0, got ${learningRate}, ${beta1}, ${beta2}, ${epsilon}`,
      );
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.#accBeta1 = Math.fround(beta1);
    this.#accBeta2 = Math.fround(beta2);
  }

  /**
   * One Adam step on the named variables. The list must give the same
   * variables' sizes in the same order at every step. The new values go to
   * new tensors the variables are assigned: the backend's matMul caches its
   * packed weights by tensor, so a weight must not change under its id.
   *
   * @param gradients One gradient per variable, each the variable's shape.
   * @throws {Error} If the active backend is not tfjs's single-threaded wasm build.
   * @throws {RangeError} If a name is unknown, a shape differs, or the sizes differ from the first step's.
   */
  applyGradients(gradients: NamedGradient[]): void {
    this.#checkedHeap();
    const variables: Variable[] = gradients.map(({ name, tensor }) => {
      const v = tf.engine().registeredVariables[name];
      if (!v) throw new RangeError(`Cannot apply Adam: no variable named "${name}"`);
      if (v.dtype !== "float32" || tensor.dtype !== "float32" || !sameShape(v.shape, tensor.shape)) {
        throw new RangeError(
          `Cannot apply Adam: the gradient of "${name}" does not match its float32 variable`,
        );
      }
      return v;
    });
    const inputs: Record<string, Tensor> = {};
    variables.forEach((v, i) => {
      inputs[`w${i}`] = v;
      inputs[`g${i}`] = gradients[i].tensor;
    });
    const updated = runHeapKernel(KERNEL, adamKernel, inputs, { state: this, count: variables.length });
    variables.forEach((v, i) => {
      v.assign(updated[i]);
      updated[i].dispose();
    });
  }

  /**
   * The update on heap buffers, for a fused step that has its gradients
   * there: one Adam step of every block, then βᵗ advances.
   *
   * @param blocks The parameter blocks, the same sizes in the same order at every step.
   * @throws {Error} If tfjs's single-threaded wasm build is not the active backend.
   * @throws {RangeError} If the sizes differ from the first step's.
   */
  update(blocks: readonly AdamBlock[]): void {
    const heap = this.#checkedHeap();
    const sizes = blocks.map((b) => b.size);
    if (this.#sizes === undefined) {
      const total = sizes.reduce((a, b) => a + b, 0);
      this.#moments = heap.malloc(8 * Math.max(1, total));
      heap.f32().fill(0, this.#moments >> 2, (this.#moments >> 2) + 2 * total);
      this.#sizes = sizes;
      this.#total = total;
    } else if (sizes.length !== this.#sizes.length || sizes.some((s, i) => s !== this.#sizes![i])) {
      throw new RangeError(
        `Cannot apply Adam: parameter sizes [${sizes.join(", ")}] differ from the first step's [${
          this.#sizes.join(", ")
        }]`,
      );
    }
    const f = Math.fround;
    const b1 = f(this.beta1), c1 = f(1 - this.beta1), b2 = f(this.beta2), c2 = f(1 - this.beta2);
    const om1 = f(1 - this.#accBeta1), om2 = f(1 - this.#accBeta2);
    const eps = f(this.epsilon), nlr = f(-this.learningRate);
    let m = this.#moments, v = this.#moments + 4 * this.#total;
    for (const b of blocks) {
      heap.kernels.adam(b.value, b.gradient, b.out, m, v, b.size, b1, c1, b2, c2, om1, om2, eps, nlr);
      m += 4 * b.size;
      v += 4 * b.size;
    }
    this.#accBeta1 = f(this.#accBeta1 * b1);
    this.#accBeta2 = f(this.#accBeta2 * b2);
  }

  /**
   * A heap block of at least `bytes` that this optimiser owns (one, reused
   * and grown as asked; its contents are not kept when it grows), freed by
   * {@linkcode FusedAdam.dispose}: a fused step's scratch.
   *
   * @param bytes Bytes needed.
   * @returns Its byte offset, 16-byte aligned.
   */
  scratch(bytes: number): number {
    const heap = this.#checkedHeap();
    if (this.#scratch.bytes < bytes) {
      if (this.#scratch.ptr) heap.free(this.#scratch.ptr);
      this.#scratch = { ptr: 0, bytes: 0 }; // not left naming a freed block if malloc throws
      this.#scratch = { ptr: heap.malloc(bytes), bytes };
    }
    return this.#scratch.ptr;
  }

  /**
   * The heap this optimiser works on: the first one it used.
   *
   * @throws {Error} If tfjs's single-threaded wasm build is not the active backend, or another heap is.
   */
  #checkedHeap(): WasmHeap {
    const heap = wasmHeap();
    if (!heap) {
      throw new Error(
        `Cannot run FusedAdam on the "${tf.getBackend()}" backend: it needs tfjs's single-threaded wasm build`,
      );
    }
    if (this.#heap && this.#heap !== heap) {
      throw new Error("Cannot run FusedAdam: the wasm backend was replaced");
    }
    return this.#heap = heap;
  }

  /** Frees the moments and the scratch block. */
  dispose(): void {
    if (this.#heap && wasmHeap() === this.#heap) {
      if (this.#moments) this.#heap.free(this.#moments);
      if (this.#scratch.ptr) this.#heap.free(this.#scratch.ptr);
    }
    this.#moments = 0;
    this.#scratch = { ptr: 0, bytes: 0 };
    this.#sizes = undefined;
  }
}

/**
 * Adam with {@linkcode fit}'s settings (β = 0.9, 0.999) for the active
 * backend: {@linkcode FusedAdam} on tfjs's single-threaded wasm build,
 * tfjs's `AdamOptimizer` elsewhere.
 *
 * @param learningRate Step size.
 * @param epsilon Added to √v̂; default 1e-7.
 * @returns An optimiser for {@linkcode trainStep}; the caller disposes it.
 *
 * @example
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { createAdam, FusedAdam } from "./fused_adam.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const adam = createAdam(1e-3);
 * assert.ok(adam instanceof FusedAdam);
 * adam.dispose();
 * ```
 */
export function createAdam(learningRate: number, epsilon = 1e-7): StepOptimizer {
  if (wasmHeap()) return new FusedAdam(learningRate, 0.9, 0.999, epsilon);
  const adam: Optimizer = tf.train.adam(learningRate, 0.9, 0.999, epsilon);
  return adam;
}

/** The update as a heap kernel: new tensors for the values, Adam from the old values and gradients. */
function adamKernel(
  named: Record<string, HeapTensorInfo>,
  { state, count }: { state: FusedAdam; count: number },
): HeapTensorInfo[] {
  const heap = wasmHeap()!;
  const outputs = [];
  for (let i = 0; i < count; i++) outputs.push(heap.backend.makeOutput([...named[`w${i}`].shape], "float32"));
  state.update(outputs.map((out, i) => ({
    value: heap.offset(named[`w${i}`]),
    gradient: heap.offset(named[`g${i}`]),
    out: heap.offset(out),
    size: out.shape.reduce((a, b) => a * b, 1),
  })));
  return outputs;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
