import { tf } from "../nn/tf.ts";
import type { Optimizer, Tensor, Variable } from "../nn/tf.ts";
import { Pcg32 } from "../random/pcg32.ts";
import { fillNormal } from "../random/normal.ts";
import { deriveSeed } from "../random/seed.ts";
// Re-exported so that this folder's entry point documents the types its signatures take.
export type { Optimizer, Tensor, Variable };

/** Options of {@linkcode Syre}. */
export interface SyreOptions {
  /** Seed of the static bias θ₀ (and of D). */
  seed: number;
  /** Weight decay strength γ in γ‖θ‖² (or γ‖θ‖²_D). */
  gamma: number;
  /** Relative scale of θ₀: each tensor's σ₀ = sigma / √fanIn. Default 0.01 (the paper's). 0 = vanilla. */
  sigma?: number;
  /** Advanced form: D_ii ~ Uniform(1 − epsilon, 1 + epsilon). Default 0 (D = I, plain ‖θ‖²). */
  epsilon?: number;
  /** Fan-in of a tensor; default: product of all dimensions but the last (1 for a 1-D tensor). */
  fanIn?: (shape: readonly number[], index: number) => number;
}

/**
 * The default fan-in of a tensor: the product of all its dimensions but the
 * last (a dense `in × out` matrix gives `in`; a 1-D tensor gives 1).
 *
 * @param shape The tensor's shape.
 * @returns The fan-in, at least 1.
 *
 * @example Dense matrix and bias vector
 * ```ts
 * import { defaultFanIn } from "./syre.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(defaultFanIn([784, 300]), 784);
 * assert.equal(defaultFanIn([3, 3, 10, 20]), 90);
 * assert.equal(defaultFanIn([300]), 1);
 * ```
 */
export function defaultFanIn(shape: readonly number[]): number {
  return Math.max(1, shape.slice(0, -1).reduce((a, b) => a * b, 1));
}

/**
 * Symmetry removal (syre) for any list of tfjs variables. The paper trains
 * ℓ(θ + θ₀) + γ‖θ‖²_D with a fixed random bias θ₀; the toolkit trains the
 * equivalent form in which the variables hold φ = θ + θ₀ and the loss is
 * ℓ(φ) + γ‖φ − θ₀‖²_D. The gradient with respect to θ of the first equals the
 * gradient with respect to φ of the second, so any optimiser follows the same
 * path and the model code (forward pass, backprop) stays untouched.
 *
 * Use: build the model, `shift()` once, and in every step pass the loss
 * gradients through `addPenaltyGradients` before the optimiser. With
 * `sigma: 0` (θ₀ = 0) the same code is plain weight decay, to the bit.
 *
 * θ₀ of variable `i` is drawn from `deriveSeed(seed, "syre:bias:<i>")`,
 * N(0, (sigma / √fanIn)²); D from `deriveSeed(seed, "syre:diag:<i>")`.
 *
 * @example Syre on a tiny network
 * ```ts
 * import { initBackend } from "../nn/backend.ts";
 * import { Mlp } from "../nn/mlp.ts";
 * import { Syre } from "./syre.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const net = new Mlp([4, 8, 1], 1);
 * const syre = new Syre(net.variables, { seed: 7, gamma: 1e-2 });
 * syre.shift(); // the variables now hold θ + θ₀
 * assert.ok(syre.penalty() > 0); // γ‖φ − θ₀‖² = γ‖θ‖² of the initial weights
 * const opt = tf.train.sgd(0.1);
 * const x = tf.tensor2d(new Float32Array(8).fill(1), [2, 4]), y = tf.tensor2d(new Float32Array(2), [2, 1]);
 * const g = net.gradients(x, y);
 * const grads = syre.addPenaltyGradients([...g.weights, ...g.biases]);
 * opt.applyGradients(net.variables.map((v, i) => ({ name: v.name, tensor: grads[i] })));
 * tf.dispose([x, y, ...g.weights, ...g.biases, ...grads]);
 * opt.dispose();
 * syre.dispose();
 * net.dispose();
 * ```
 */
export class Syre {
  /** θ₀, one tensor per variable (zeros when sigma = 0). */
  readonly bias: readonly Tensor[];
  /** D, one tensor per variable, or null when epsilon = 0. */
  readonly diag: readonly Tensor[] | null;
  /** γ of the penalty. */
  readonly gamma: number;
  readonly #variables: readonly Variable[];
  readonly #sigma: number;

  /**
   * Draws θ₀ (and D) for the variables; does not touch their values.
   *
   * @param variables The parameters to treat, in a fixed order.
   * @param options Seed, γ, σ₀, ε and fan-in rule.
   * @throws {RangeError} If gamma, sigma or epsilon is negative or not finite, or epsilon ≥ 1.
   */
  constructor(variables: readonly Variable[], options: SyreOptions) {
    const sigma = options.sigma ?? 0.01, epsilon = options.epsilon ?? 0;
    checkNonNegative("gamma", options.gamma);
    checkNonNegative("sigma", sigma);
    checkNonNegative("epsilon", epsilon);
    if (epsilon >= 1) throw new RangeError(`Cannot build syre: epsilon must be below 1, got ${epsilon}`);
    const fanIn = options.fanIn ?? defaultFanIn;
    this.#variables = [...variables];
    this.#sigma = sigma;
    this.gamma = options.gamma;
    this.bias = variables.map((v, i) => {
      if (sigma === 0) return tf.zeros(v.shape, "float32");
      const scale = sigma / Math.sqrt(fanIn(v.shape, i));
      const values = fillNormal(
        new Pcg32(deriveSeed(options.seed, `syre:bias:${i}`)),
        new Float32Array(v.size),
        scale,
      );
      return tf.tensor(values, v.shape, "float32");
    });
    this.diag = epsilon === 0 ? null : variables.map((v, i) => {
      const rng = new Pcg32(deriveSeed(options.seed, `syre:diag:${i}`));
      const values = new Float32Array(v.size);
      for (let k = 0; k < values.length; k++) values[k] = 1 - epsilon + 2 * epsilon * rng.nextFloat();
      return tf.tensor(values, v.shape, "float32");
    });
  }

  /** Adds θ₀ to every variable once, right after initialisation (no-op values when sigma = 0). */
  shift(): void {
    // With θ₀ = 0 the values stay as they are (adding +0 would turn −0 into +0).
    if (this.#sigma === 0) return;
    this.#variables.forEach((v, i) => v.assign(tf.tidy(() => tf.add(v, this.bias[i]))));
  }

  /**
   * One optimiser step on the penalised loss: adds the penalty gradients to
   * `grads` and applies them to the variables with `optimizer`. The caller
   * still owns and disposes `grads`.
   *
   * @param optimizer Any tfjs optimiser (SGD, Adam, …).
   * @param grads Gradients of ℓ with respect to each variable, in order.
   * @throws {RangeError} If the number or shapes of the gradients do not match the variables.
   *
   * @example Plain gradient descent: one step moves φ by −lr·(g + 2γ(φ − θ₀))
   * ```ts
   * import { Syre } from "./syre.ts";
   * import { initBackend } from "../nn/backend.ts";
   * import assert from "node:assert/strict";
   *
   * const tf = await initBackend();
   * const w = tf.variable(tf.tensor1d([1, -2]));
   * const syre = new Syre([w], { seed: 1, gamma: 0.5, sigma: 0 });
   * const g = tf.tensor1d([0.2, 0.4]);
   * syre.applyGradients(tf.train.sgd(0.1), [g]);
   * const got = Array.from(w.dataSync());
   * [1 - 0.1 * (0.2 + 1), -2 - 0.1 * (0.4 - 2)].forEach((want, i) => assert.ok(Math.abs(got[i] - want) < 1e-6));
   * tf.dispose([w, g]);
   * syre.dispose();
   * ```
   */
  applyGradients(optimizer: Optimizer, grads: readonly Tensor[]): void {
    const total = this.addPenaltyGradients(grads);
    optimizer.applyGradients(this.#variables.map((v, i) => ({ name: v.name, tensor: total[i] })));
    tf.dispose(total);
  }

  /**
   * The gradients of the penalised loss: g + 2γD(φ − θ₀), one new tensor per
   * variable. The caller still owns and disposes `grads`, and disposes the result.
   *
   * @param grads Gradients of ℓ with respect to each variable, in order.
   * @returns New tensors, one per variable.
   * @throws {RangeError} If the number or shapes of the gradients do not match the variables.
   */
  addPenaltyGradients(grads: readonly Tensor[]): Tensor[] {
    if (grads.length !== this.#variables.length) {
      throw new RangeError(
        `Cannot add penalty gradients: expected ${this.#variables.length} gradients, got ${grads.length}`,
      );
    }
    return grads.map((g, i) =>
      tf.tidy(() => {
        const v = this.#variables[i];
        if (!tf.util.arraysEqual(g.shape, v.shape)) {
          throw new RangeError(
            `Cannot add penalty gradients: gradient ${i} has shape [${g.shape}], expected [${v.shape}]`,
          );
        }
        let d = tf.sub(v, this.bias[i]);
        if (this.diag) d = tf.mul(d, this.diag[i]);
        return tf.add(g, tf.mul(d, 2 * this.gamma));
      })
    );
  }

  /**
   * The penalty γ‖φ − θ₀‖²_D = γ Σ D_ii (φ_i − θ₀_i)², summed over all
   * variables, accumulated in double precision.
   *
   * @returns The penalty value.
   */
  penalty(): number {
    let sum = 0;
    this.#variables.forEach((v, i) => {
      const phi = v.dataSync(), b = this.bias[i].dataSync(), d = this.diag?.[i].dataSync();
      for (let k = 0; k < phi.length; k++) sum += (d ? d[k] : 1) * (phi[k] - b[k]) ** 2;
    });
    return this.gamma * sum;
  }

  /** Frees θ₀ and D (not the variables). */
  dispose(): void {
    tf.dispose([...this.bias, ...(this.diag ?? [])]);
  }
}

function checkNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`Cannot build syre: ${name} must be a finite non-negative number, got ${value}`);
  }
}
