import type { TrainKernelExports } from "../wasm/train_kernels.ts";
import { type GemmArgs, KernelHelper } from "./kernel_helper.ts";
import { apackFloats, gradientsOnHeap, layout } from "./_mlp_backprop.ts";
import type { WeightPenalty } from "./weight_penalty.ts";

/** Products smaller than this many multiply-adds run on one thread: each hand-over wakes the helper. */
export const SPLIT_MIN_MACS = 1 << 20;

/** Chunks have at least this many rows (gemm's 6-row tile): each one streams all of B. */
const CHUNK_MIN_ROWS = 6;

/** Where an MLP step's inputs lie on tfjs's heap, and where its gradients go. */
export interface HeapStep {
  /** A float32 view of tfjs's heap, taken after its last allocation. */
  heap: Float32Array;
  /** Layer widths. */
  sizes: readonly number[];
  /** Batch rows. */
  rows: number;
  /** Byte offset of the batch inputs. */
  x: number;
  /** Byte offset of the batch targets. */
  y: number;
  /** Byte offsets of the weight matrices. */
  weights: readonly number[];
  /** Byte offsets of the bias vectors. */
  biases: readonly number[];
  /** Byte offset of the step's one-thread layout (`layout(sizes, rows)`), whose gradient regions are filled. */
  base: number;
}

/**
 * The fused step's forward pass and backpropagation on two threads: the
 * batch and parameters are copied from tfjs's heap (which is not shared)
 * into a shared memory of its own, each product's output rows are split
 * between the calling thread and a {@linkcode KernelHelper}, and the
 * gradients are copied back. Every output element is still one chain of
 * multiply-then-add in inner-index order, whichever thread and tile computes
 * it, so the gradients are the one-thread step's, bit for bit (tested). The
 * copies cost a few milliseconds for the paper's DNN (2.9 M parameters),
 * against some 100 ms of products saved at batch 256.
 *
 * @example Same gradients as one thread
 * ```ts
 * import { TwoThreadGradients } from "./two_thread_gradients.ts";
 * import { trainKernelModule } from "../wasm/train_kernels.ts";
 * import assert from "node:assert/strict";
 *
 * const two = new TwoThreadGradients(await trainKernelModule(true));
 * while (!two.ready()) await new Promise((r) => setTimeout(r, 5));
 * assert.equal(two.ready(), true);
 * two.dispose();
 * ```
 */
export class TwoThreadGradients {
  #memory: WebAssembly.Memory;
  #kernels: TrainKernelExports;
  #helper: KernelHelper;
  #split: TrainKernelExports;
  #runs = 0;

  /**
   * Makes the shared memory and starts the helper thread (in the background:
   * see {@linkcode TwoThreadGradients.ready}).
   *
   * @param module The shared-memory build of the training kernels (`trainKernelModule(true)`).
   */
  constructor(module: WebAssembly.Module) {
    this.#memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    this.#kernels = new WebAssembly.Instance(module, { env: { memory: this.#memory } })
      .exports as unknown as TrainKernelExports;
    this.#helper = new KernelHelper(this.#memory, module);
    this.#split = { ...this.#kernels, gemm: (...args: GemmArgs) => this.#gemm(args) };
  }

  /**
   * Whether the helper thread is running.
   *
   * @returns `true` once it can take calls.
   */
  ready(): boolean {
    return this.#helper.ready();
  }

  /**
   * Computes one step's gradients (MSE, plus the penalty's) into
   * `step.base`'s layout on tfjs's heap, as the one-thread step would.
   *
   * @param step Where the inputs lie and the gradients go.
   * @param penalty Optional L1/L2 penalty on the weight matrices.
   * @throws {Error} If the helper is not ready or fails.
   */
  run(step: HeapStep, penalty: WeightPenalty | undefined): void {
    const { heap, sizes: s, rows } = step, L = s.length - 1;
    const lay = layout(s, rows, 2);
    const weights: number[] = [], biases: number[] = [];
    let at = lay.floats;
    for (let l = 0; l < L; l++) {
      weights.push(at);
      at += Math.ceil((s[l] * s[l + 1]) / 4) * 4;
      biases.push(at);
      at += Math.ceil(s[l + 1] / 4) * 4;
    }
    this.#reserve(4 * at);
    const mem = new Float32Array(this.#memory.buffer);
    const copyIn = (from: number, to: number, n: number) =>
      mem.set(heap.subarray(from >> 2, (from >> 2) + n), to);
    copyIn(step.x, lay.x, rows * s[0]);
    copyIn(step.y, lay.y, rows * s[L]);
    for (let l = 0; l < L; l++) {
      copyIn(step.weights[l], weights[l], s[l] * s[l + 1]);
      copyIn(step.biases[l], biases[l], s[l + 1]);
    }
    const bytes = (floats: number[]) => floats.map((f) => 4 * f);
    gradientsOnHeap(
      this.#split,
      s,
      rows,
      4 * lay.x,
      4 * lay.y,
      bytes(weights),
      bytes(biases),
      0,
      lay,
      penalty,
    );
    // The gradients come last in both layouts, in the same order and sizes.
    const one = layout(s, rows);
    heap.set(mem.subarray(lay.gradW[0], lay.floats), (step.base >> 2) + one.gradW[0]);
    this.#runs++;
  }

  /**
   * How many times {@linkcode TwoThreadGradients.run} has run.
   *
   * @returns The count.
   */
  runs(): number {
    return this.#runs;
  }

  /** Stops the helper thread. */
  dispose(): void {
    this.#helper.dispose();
  }

  /** One product on both threads, in chunks of rows, each thread with its own A-block copy. */
  #gemm(args: GemmArgs): void {
    const [M, N, K, apack] = [args[9], args[10], args[11], args[14]];
    if (M * N * K < SPLIT_MIN_MACS || M < 2 * CHUNK_MIN_ROWS || !this.#helper.ready()) {
      return this.#kernels.gemm(...args);
    }
    this.#helper.gemm(args, CHUNK_MIN_ROWS, apack ? apack + 4 * apackFloats(K) : 0, this.#kernels);
  }

  /** Grows the shared memory to at least `bytes`. */
  #reserve(bytes: number): void {
    const have = this.#memory.buffer.byteLength;
    if (bytes > have) this.#memory.grow(Math.ceil((bytes - have) / 65536));
  }
}
