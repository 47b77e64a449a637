import { tf } from "../nn/tf.ts";
import type { Optimizer, Tensor, Tensor1D, Tensor2D, Variable } from "../nn/tf.ts";
import type { ClassifierGradients } from "../nn/dense_classifier.ts";
import { gatherRows, type MiniBatches } from "../data/mini_batches.ts";
import { Syre, type SyreOptions } from "./syre.ts";

/** Options of {@linkcode SyreTrainer}. */
export interface SyreTrainerOptions {
  /** θ₀'s seed, γ and σ₀ (`sigma: 0` is vanilla weight decay). */
  syre: SyreOptions;
  /** The optimiser of every step (SGD, Adam, …); the trainer owns and disposes it. */
  optimizer: Optimizer;
  /** The mini-batch order: one `next()` per step. */
  batches: MiniBatches;
  /** The variables that get θ₀ and the penalty; default all. Must be among the trained variables. */
  penalized?: readonly Variable[];
}

/** Options of {@linkcode SyreTrainer.train}. */
export interface SyreTrainOptions<G extends { grads: Tensor[] }> {
  /** Steps to take. */
  steps: number;
  /**
   * The loss gradients of one mini-batch (one per trained variable, in order) and whatever else the
   * caller tracks (the loss). The function frees its own inputs; the trainer frees the gradients.
   */
  gradients: (rows: Uint32Array) => G;
  /** Called after every step with its number (from 1) and what `gradients` returned (gradients freed). */
  onStep?: (step: number, result: G) => void;
}

/**
 * The one syre training loop: each step takes the next mini-batch, its loss
 * gradients, adds syre's penalty gradients 2γD(φ − θ₀) and applies them with
 * the optimiser in a single step. Building the trainer draws θ₀ and shifts
 * the variables to φ = θ + θ₀ (see {@linkcode Syre}); `train` may be called
 * again (task after task) and continues the same batches and optimiser.
 *
 * @example Train a small classifier; the loss goes down
 * ```ts
 * import { initBackend } from "../nn/backend.ts";
 * import { DenseClassifier } from "../nn/dense_classifier.ts";
 * import { MiniBatches } from "../data/mini_batches.ts";
 * import { classifierGradients, SyreTrainer } from "./syre_trainer.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const images = new Float32Array([1, 0, 0, 1, 1, 0.1, 0.1, 1]), labels = new Uint8Array([0, 1, 0, 1]);
 * const net = new DenseClassifier([2, 8, 2], 1);
 * const trainer = new SyreTrainer(net.variables, {
 *   syre: { seed: 2, gamma: 1e-3 },
 *   optimizer: tf.train.sgd(0.5),
 *   batches: new MiniBatches(4, 2, 3),
 * });
 * const losses: number[] = [];
 * trainer.train({
 *   steps: 40,
 *   gradients: classifierGradients(net, { images, labels, dim: 2 }),
 *   onStep: (_, { loss }) => void losses.push(loss),
 * });
 * assert.equal(losses.length, 40);
 * assert.ok(losses[39] < losses[0] / 2);
 * trainer.dispose();
 * net.dispose();
 * ```
 */
export class SyreTrainer {
  /** The syre penalty and θ₀ of the penalised variables. */
  readonly syre: Syre;
  readonly #variables: readonly Variable[];
  readonly #penalized: readonly number[];
  readonly #optimizer: Optimizer;
  readonly #batches: MiniBatches;

  /**
   * Draws θ₀ for the penalised variables and shifts them by it.
   *
   * @param variables Every trained variable, in the order of the gradients.
   * @param options Syre's settings, the optimiser, the batches and the penalised variables.
   * @throws {RangeError} If a penalised variable is not among `variables`, or as {@linkcode Syre}.
   */
  constructor(variables: readonly Variable[], options: SyreTrainerOptions) {
    const penalized = options.penalized ?? variables;
    this.#penalized = penalized.map((p) => {
      const i = variables.indexOf(p);
      if (i < 0) {
        throw new RangeError(
          `Cannot train with syre: penalized variable "${p.name}" is not a trained variable`,
        );
      }
      return i;
    });
    this.#variables = [...variables];
    this.#optimizer = options.optimizer;
    this.#batches = options.batches;
    this.syre = new Syre(penalized, options.syre);
    this.syre.shift();
  }

  /**
   * Takes `steps` optimiser steps on the penalised loss.
   *
   * @param options The number of steps, the gradients of a batch and what to do after each step.
   * @throws {RangeError} If `gradients` returns a different number of gradients than there are variables.
   */
  train<G extends { grads: Tensor[] }>(options: SyreTrainOptions<G>): void {
    for (let s = 1; s <= options.steps; s++) {
      const result = options.gradients(this.#batches.next());
      this.#apply(result.grads);
      options.onStep?.(s, result);
    }
  }

  /** Frees θ₀ and the optimiser (not the variables). */
  dispose(): void {
    this.#optimizer.dispose();
    this.syre.dispose();
  }

  #apply(grads: readonly Tensor[]): void {
    if (grads.length !== this.#variables.length) {
      tf.dispose([...grads]);
      throw new RangeError(
        `Cannot train with syre: expected ${this.#variables.length} gradients, got ${grads.length}`,
      );
    }
    const penalty = this.syre.addPenaltyGradients(this.#penalized.map((i) => grads[i]));
    const total = [...grads];
    this.#penalized.forEach((i, k) => total[i] = penalty[k]);
    this.#optimizer.applyGradients(this.#variables.map((v, i) => ({ name: v.name, tensor: total[i] })));
    tf.dispose([...grads, ...penalty]);
  }
}

/** A classifier trained on labelled rows: {@linkcode DenseClassifier}, `SmallCnn`. */
export interface Classifier {
  /** Mean cross-entropy of a batch and one gradient per variable. */
  gradients(x: Tensor2D, labels: Tensor1D): ClassifierGradients;
}

/**
 * The `gradients` of {@linkcode SyreTrainer.train} for a classifier: the
 * batch's rows of `images` and their labels, the cross-entropy and its
 * gradients.
 *
 * @param net The classifier.
 * @param data The images (`rows × dim`, row-major), their labels and `dim`.
 * @returns A function from a batch's row indices to its loss and gradients.
 *
 * @example One batch of two rows
 * ```ts
 * import { initBackend } from "../nn/backend.ts";
 * import { DenseClassifier } from "../nn/dense_classifier.ts";
 * import { classifierGradients } from "./syre_trainer.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const net = new DenseClassifier([2, 4, 2], 1);
 * const data = { images: new Float32Array([1, 0, 0, 1, 5, 5]), labels: new Uint8Array([0, 1, 1]), dim: 2 };
 * const { loss, grads } = classifierGradients(net, data)(Uint32Array.from([2, 0]));
 * assert.equal(grads.length, net.variables.length);
 * assert.ok(loss > 0);
 * tf.dispose(grads);
 * net.dispose();
 * ```
 */
export function classifierGradients(
  net: Classifier,
  data: { images: Float32Array; labels: Uint8Array; dim: number },
): (rows: Uint32Array) => ClassifierGradients {
  const { images, labels, dim } = data;
  return (rows) => {
    const x = tf.tensor2d(gatherRows(images, dim, rows), [rows.length, dim]);
    const y = tf.tensor1d(Int32Array.from(rows, (i) => labels[i]), "int32");
    const g = net.gradients(x, y);
    tf.dispose([x, y]);
    return g;
  };
}
