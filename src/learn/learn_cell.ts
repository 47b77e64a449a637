import type { InverseProblem } from "../symmetry/define_problem.ts";
import { splitDataset } from "../data/split.ts";
import { knnRegress } from "../knn/knn_regress.ts";
import { layerSizes, type ModelName, parameterCount } from "../nn/architectures.ts";
import { type BackendName, initBackend } from "../nn/backend.ts";
import { type EpochInfo, fit } from "../nn/fit.ts";
import { Mlp } from "../nn/mlp.ts";
import type { WeightPenalty } from "../nn/weight_penalty.ts";
import { deriveSeed } from "../random/seed.ts";

/** `"A"`: trained on canonicalised targets (after symmetry breaking); `"B"`: on raw targets. */
export type Variant = "A" | "B";

/** A learner: one of the paper's networks, or K-NN regression. */
export type LearnerName = ModelName | "knn";

/** One cell of an A/B comparison: a learner and a variant on one dataset drawn from a problem. */
export interface CellSpec {
  /** Pairs drawn (train 72 %, validation 8 %, test 20 %, as in the paper). */
  samples: number;
  /** The learner. */
  model: LearnerName;
  /** Canonicalised (`"A"`) or raw (`"B"`) training targets. */
  variant: Variant;
  /** Seeds of the dataset, the initial weights and the batch order. */
  seeds: { dataset: number; init: number; batches: number };
  /** Most epochs (networks). */
  epochs: number;
  /** Mini-batch size (networks). */
  batch: number;
  /** Adam learning rate (networks). */
  learningRate: number;
  /** Early-stopping patience in epochs (networks). */
  patience: number;
  /** Neighbours of K-NN. */
  k: number;
  /** L1/L2 weight penalty of the network; default none. */
  penalty?: WeightPenalty;
  /** The backend networks train on (never `"auto"`: settle it first); default wasm. */
  backend?: BackendName;
  /** Also predict at these measurement rows (e.g. a curve to plot); their predictions come back as `probe`. */
  probe?: Float32Array;
}

/**
 * The seeds of a cell from its dataset's seed: the initial weights and the batch order of a learner, the
 * same for variants A and B so that the two differ only in their targets.
 *
 * @param dataset The seed the cell's dataset is drawn from.
 * @param model The learner.
 * @returns The three seeds, as {@linkcode CellSpec} takes them.
 *
 * @example A and B share them; another learner does not
 * ```ts
 * import { cellSeeds } from "./learn_cell.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(cellSeeds(7, "nn"), cellSeeds(7, "nn"));
 * assert.notEqual(cellSeeds(7, "nn").init, cellSeeds(7, "wnn").init);
 * assert.equal(cellSeeds(7, "nn").dataset, 7);
 * ```
 */
export function cellSeeds(dataset: number, model: string): CellSpec["seeds"] {
  return {
    dataset,
    init: deriveSeed(dataset, `init:${model}`),
    batches: deriveSeed(dataset, `batches:${model}`),
  };
}

/** What {@linkcode learnCell} measured. */
export interface CellResult {
  /** Mean over test rows of the orbit distance between prediction and raw truth (NaN if a prediction is not finite). */
  meanOrbitDistance: number;
  /** Epochs run; 0 for K-NN. */
  epochs: number;
  /** The 1-based epoch whose weights were kept; 0 for K-NN. */
  bestEpoch: number;
  /** Best validation MSE; `null` for K-NN. */
  valLoss: number | null;
  /** Trainable parameters; 0 for K-NN. */
  params: number;
  /** Wall-clock seconds of training and prediction. */
  seconds: number;
  /** Wall-clock seconds of predicting the test rows alone (the network's forward pass, or the K-NN search). */
  predictSeconds: number;
  /** Predictions at `spec.probe`, when given. */
  probe?: Float32Array;
}

/**
 * Learns one cell: draws `samples` signals x from the problem with
 * `seeds.dataset`, measures y = forward(x), trains the learner on (y, x)
 * with x canonicalised (variant A) or raw (B), and scores the raw test
 * signals with the problem's orbit distance. The split, seeds and order of
 * operations are those of the paper's tables, so they run through it
 * unchanged.
 *
 * @param problem The inverse problem.
 * @param spec The learner, variant, sizes, seeds and training settings.
 * @param onEpoch Called after each training epoch.
 * @returns The mean orbit distance and the training record.
 *
 * @example K-NN on y = x², with and without symmetry breaking
 * ```ts
 * import { learnCell } from "./learn_cell.ts";
 * import { squareProblem } from "../forward/square.ts";
 * import assert from "node:assert/strict";
 *
 * const spec = {
 *   samples: 2000, model: "knn" as const, seeds: { dataset: 1, init: 2, batches: 3 },
 *   epochs: 1, batch: 64, learningRate: 1e-3, patience: 1, k: 5,
 * };
 * const a = await learnCell(squareProblem(), { ...spec, variant: "A" });
 * const b = await learnCell(squareProblem(), { ...spec, variant: "B" });
 * assert.ok(a.meanOrbitDistance < 1e-3 && b.meanOrbitDistance > 10 * a.meanOrbitDistance);
 * ```
 */
export async function learnCell(
  problem: InverseProblem,
  spec: CellSpec,
  onEpoch?: (info: EpochInfo) => void,
): Promise<CellResult> {
  const { symmetry, signalDim, measurementDim } = problem;
  const x = problem.sample(spec.samples, spec.seeds.dataset);
  const y = problem.forward(x);
  const targets = spec.variant === "A" ? symmetry.canonicalize(x) : x;
  const split = splitDataset(y, targets, spec.samples);
  // The test targets are the raw signals, never canonicalised.
  const truth = splitDataset(y, x, spec.samples).test.y;
  const started = performance.now();
  let pred: Float32Array, probe: Float32Array | undefined;
  let params = 0, epochs = 0, bestEpoch = 0, valLoss: number | null = null, predictSeconds = 0;
  if (spec.model === "knn") {
    const queries = spec.probe ? concat(split.test.x, spec.probe) : split.test.x;
    const all = await knnRegress({
      reference: split.trainAll.x,
      targets: split.trainAll.y,
      queries,
      dim: measurementDim,
      targetDim: signalDim,
      k: spec.k,
      workers: 1, // a grid already runs one cell per core
    });
    predictSeconds = (performance.now() - started) / 1000;
    pred = all.subarray(0, truth.length);
    if (spec.probe) probe = all.slice(truth.length);
  } else {
    await initBackend({ backend: spec.backend });
    const sizes = layerSizes(spec.model, measurementDim, signalDim);
    params = parameterCount(sizes);
    const net = new Mlp(sizes, spec.seeds.init);
    try {
      const result = await fit(net, {
        x: split.train.x,
        y: split.train.y,
        valX: split.val.x,
        valY: split.val.y,
        seed: spec.seeds.batches,
        epochs: spec.epochs,
        batch: spec.batch,
        learningRate: spec.learningRate,
        patience: spec.patience,
        penalty: spec.penalty,
        backend: spec.backend,
        onEpoch,
      });
      epochs = result.epochs;
      bestEpoch = result.bestEpoch;
      valLoss = result.bestValLoss;
      const predicting = performance.now();
      pred = await net.predictAsync(split.test.x, split.test.rows);
      predictSeconds = (performance.now() - predicting) / 1000;
      if (spec.probe) probe = await net.predictAsync(spec.probe, spec.probe.length / measurementDim);
    } finally {
      net.dispose();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  let meanOrbitDistance = NaN;
  if (pred.every(Number.isFinite)) {
    const distances = symmetry.orbitDistance(pred, truth);
    let sum = 0;
    for (const d of distances) sum += d;
    meanOrbitDistance = sum / distances.length;
  }
  return {
    meanOrbitDistance,
    epochs,
    bestEpoch,
    valLoss,
    params,
    seconds,
    predictSeconds,
    ...(probe ? { probe } : {}),
  };
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
