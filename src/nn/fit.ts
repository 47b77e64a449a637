import { tf } from "./tf.ts";
import type { Tensor1D, Tensor2D } from "./tf.ts";
import type { BackendName } from "./backend.ts";
import type { Mlp } from "./mlp.ts";
import { trainStep } from "./train_step.ts";
import { createAdam } from "./fused_adam.ts";
import { parameterCount } from "./architectures.ts";
import { prepareHelperThread } from "./spare_cores.ts";
import type { WeightPenalty } from "./weight_penalty.ts";
import { Pcg32 } from "../random/pcg32.ts";

/**
 * Defaults of {@linkcode fit}: the paper's, and batch 64 where it is silent.
 *
 * @example The paper's settings
 * ```ts
 * import { FIT_DEFAULTS } from "./fit.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(FIT_DEFAULTS, { epochs: 100, batch: 64, learningRate: 1e-3, patience: 10 });
 * ```
 */
export const FIT_DEFAULTS = {
  epochs: 100,
  batch: 64,
  learningRate: 1e-3,
  patience: 10,
} as const;

/** Progress of one finished epoch. */
export interface EpochInfo {
  /** The epoch just finished, 1-based. */
  epoch: number;
  /** Validation MSE after this epoch. */
  valLoss: number;
  /** Lowest validation MSE so far, this epoch included. */
  bestValLoss: number;
}

/** Options of {@linkcode fit}. */
export interface FitOptions {
  /** Training inputs, `rows × inDim`. */
  x: Float32Array;
  /** Training targets, `rows × outDim`. */
  y: Float32Array;
  /** Validation inputs, `valRows × inDim`, for early stopping. */
  valX: Float32Array;
  /** Validation targets, `valRows × outDim`. */
  valY: Float32Array;
  /** Seed of the batch shuffling. */
  seed: number;
  /** Maximum number of epochs; default 100. */
  epochs?: number;
  /** Mini-batch size; default 64 (the last batch of an epoch may be smaller). */
  batch?: number;
  /** Adam learning rate; default 1e-3. */
  learningRate?: number;
  /** Stop after this many epochs without a lower validation loss; default 10. */
  patience?: number;
  /**
   * L1/L2 penalty on the weight matrices, added to the training loss; early
   * stopping still watches the plain validation MSE. Default: none.
   */
  penalty?: WeightPenalty;
  /** Called after every epoch. */
  onEpoch?: (info: EpochInfo) => void;
  /**
   * The backend to train on, when the caller wants it checked: it must be
   * the active one, where the network's variables live (select it with
   * `initBackend({ backend })` before building the network). Default: the
   * active backend, unchecked.
   */
  backend?: BackendName;
}

/** What {@linkcode fit} did. */
export interface FitResult {
  /** Epochs run. */
  epochs: number;
  /** The epoch (1-based) whose weights were kept. */
  bestEpoch: number;
  /** Validation MSE of the kept weights (the lowest seen). */
  bestValLoss: number;
  /** Validation loss after each epoch. */
  valLoss: number[];
  /** The tfjs backend it trained on, e.g. `"wasm"`. */
  backend: string;
}

/**
 * Trains a network on MSE with Adam (β = 0.9, 0.999, ε = 1e-7), shuffling
 * the rows each epoch, and stops once the validation loss has not improved
 * for `patience` epochs; the weights of the best epoch are restored, like
 * Keras's `EarlyStopping(restore_best_weights=True)`.
 *
 * It runs on the active backend (wasm or webgpu) unchanged. On wasm each
 * step is one fused kernel ({@linkcode createAdam} gives a `FusedAdam`, and
 * `trainStep` then runs `wasmMlpStep`), with the bytes of tfjs's op-by-op
 * step; where cores are lent (`lendCores`, as grid workers do) a step large
 * enough borrows an idle one and runs on two threads, with the same bytes.
 * On a GPU the
 * data set is uploaded once, each epoch uploads only its shuffled row order
 * and each step gathers its batch on the device, so nothing is read back
 * during an epoch; the validation loss is the one read per epoch
 * (asynchronous, which WebGPU needs), summed in float64 on the CPU as
 * {@linkcode Mlp.loss} sums it.
 *
 * @param net The network to train, in place.
 * @param options Data, seed and hyperparameters.
 * @returns The epochs run and the validation history.
 * @throws {RangeError} If the data do not fit the network or a setting is out of range.
 *
 * @example Fit a line
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { Mlp } from "./mlp.ts";
 * import { fit } from "./fit.ts";
 * import assert from "node:assert/strict";
 *
 * await initBackend();
 * const x = Float32Array.from({ length: 256 }, (_, i) => i / 256);
 * const y = x.map((v) => 2 * v - 1);
 * const net = new Mlp([1, 16, 1], 7);
 * const result = await fit(net, { x, y, valX: x, valY: y, seed: 1, epochs: 30, batch: 16, learningRate: 1e-2 });
 * assert.ok(result.bestValLoss < 0.01);
 * net.dispose();
 * ```
 */
export async function fit(net: Mlp, options: FitOptions): Promise<FitResult> {
  const inDim = net.sizes[0], outDim = net.sizes[net.sizes.length - 1];
  const epochs = options.epochs ?? FIT_DEFAULTS.epochs;
  const batch = options.batch ?? FIT_DEFAULTS.batch;
  const patience = options.patience ?? FIT_DEFAULTS.patience;
  const learningRate = options.learningRate ?? FIT_DEFAULTS.learningRate;
  const rows = checkRows("x", options.x, inDim, "y", options.y, outDim);
  const valRows = checkRows("valX", options.valX, inDim, "valY", options.valY, outDim);
  if (rows === 0 || valRows === 0) {
    throw new RangeError("Cannot fit: training and validation sets must not be empty");
  }
  checkPositiveInt("epochs", epochs);
  checkPositiveInt("batch", batch);
  checkPositiveInt("patience", patience);
  if (!(learningRate > 0)) {
    throw new RangeError(`Cannot fit: learningRate must be positive, got ${learningRate}`);
  }
  const backend = tf.getBackend();
  if (options.backend !== undefined && options.backend !== backend) {
    throw new Error(
      `Cannot fit on the "${options.backend}" backend: the active one is "${backend}" (call initBackend({ backend }) before building the network)`,
    );
  }

  // Where cores are lent (lendCores), a large step's helper thread starts now: steps cannot wait for it.
  if (backend === "wasm") await prepareHelperThread(Math.min(batch, rows) * parameterCount(net.sizes));
  const optimizer = createAdam(learningRate, 1e-7);
  const rng = new Pcg32(options.seed);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const batches = batchSource(options.x, options.y, inDim, outDim, batch, backend !== "wasm");
  const valX = tf.tensor2d(options.valX, [valRows, inDim]);
  const valLoss: number[] = [];
  let best = { loss: Infinity, epoch: 0, weights: net.snapshot() };
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      shuffle(order, rng);
      batches.startEpoch(order);
      for (let start = 0; start < rows; start += batch) {
        const [bx, by] = batches.take(start, Math.min(batch, rows - start));
        trainStep(net, optimizer, bx, by, options.penalty);
        tf.dispose([bx, by]);
      }
      const loss = await validationLoss(net, valX, options.valY);
      valLoss.push(loss);
      if (loss < best.loss) {
        tf.dispose(best.weights);
        best = { loss, epoch, weights: net.snapshot() };
      }
      options.onEpoch?.({ epoch, valLoss: loss, bestValLoss: best.loss });
      if (epoch - best.epoch >= patience) break;
    }
    net.restore(best.weights);
  } finally {
    tf.dispose([...best.weights, valX]);
    batches.dispose();
    optimizer.dispose();
  }
  return { epochs: valLoss.length, bestEpoch: best.epoch, bestValLoss: best.loss, valLoss, backend };
}

/**
 * Each step's batch, in the epoch's shuffled order. On a GPU the data set is
 * uploaded once and each epoch's order once; a step gathers its rows there.
 * On wasm, whose tensors live in the memory the arrays do, the rows are
 * copied on the CPU and uploaded per step, as before backends existed: two
 * copies cost less there than three tfjs ops. Gathering copies exactly, so
 * a step sees the same values either way.
 */
function batchSource(
  x: Float32Array,
  y: Float32Array,
  inDim: number,
  outDim: number,
  batch: number,
  onDevice: boolean,
) {
  const rows = x.length / inDim;
  if (onDevice) {
    const xt = tf.tensor2d(x, [rows, inDim]), yt = tf.tensor2d(y, [rows, outDim]);
    let order: Tensor1D | undefined;
    return {
      startEpoch(rowOrder: Int32Array): void {
        order?.dispose();
        order = tf.tensor1d(rowOrder, "int32");
      },
      take(start: number, size: number): [Tensor2D, Tensor2D] {
        return tf.tidy(() => {
          const ids = tf.slice(order!, start, size);
          return [tf.gather(xt, ids) as Tensor2D, tf.gather(yt, ids) as Tensor2D];
        });
      },
      dispose(): void {
        tf.dispose([xt, yt, ...(order ? [order] : [])]);
      },
    };
  }
  const bx = new Float32Array(batch * inDim), by = new Float32Array(batch * outDim);
  let order: Int32Array = new Int32Array(0);
  return {
    startEpoch(rowOrder: Int32Array): void {
      order = rowOrder;
    },
    take(start: number, size: number): [Tensor2D, Tensor2D] {
      for (let i = 0; i < size; i++) {
        const r = order[start + i];
        bx.set(x.subarray(r * inDim, (r + 1) * inDim), i * inDim);
        by.set(y.subarray(r * outDim, (r + 1) * outDim), i * outDim);
      }
      return [
        tf.tensor2d(bx.subarray(0, size * inDim), [size, inDim]),
        tf.tensor2d(by.subarray(0, size * outDim), [size, outDim]),
      ];
    },
    dispose(): void {},
  };
}

/** {@linkcode Mlp.loss} on inputs already on the device: one read, the same float64 sum. */
async function validationLoss(net: Mlp, valX: Tensor2D, valY: Float32Array): Promise<number> {
  const out = net.predictTensor(valX);
  let pred: Float32Array;
  try {
    pred = await out.data() as Float32Array;
  } finally {
    out.dispose();
  }
  let sum = 0;
  for (let i = 0; i < pred.length; i++) sum += (pred[i] - valY[i]) ** 2;
  return sum / pred.length;
}

function shuffle(a: Int32Array, rng: Pcg32): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

function checkRows(xn: string, x: Float32Array, xd: number, yn: string, y: Float32Array, yd: number): number {
  if (x.length % xd !== 0) {
    throw new RangeError(`Cannot fit: ${xn} length ${x.length} is not a multiple of ${xd}`);
  }
  const rows = x.length / xd;
  if (y.length !== rows * yd) {
    throw new RangeError(`Cannot fit: ${yn} has ${y.length} values, expected ${rows}×${yd}`);
  }
  return rows;
}

function checkPositiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) {
    throw new RangeError(`Cannot fit: ${name} must be a positive integer, got ${v}`);
  }
}
