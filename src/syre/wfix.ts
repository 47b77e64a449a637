import { tf } from "../nn/tf.ts";
import type { Tensor, Variable } from "../nn/tf.ts";
import { Pcg32 } from "../random/pcg32.ts";
import { fillNormal } from "../random/normal.ts";
import { deriveSeed } from "../random/seed.ts";

/** Options of {@linkcode WFix} and {@linkcode drawWFix}. */
export interface WFixOptions {
  /** Seed of the fixed positions and values. */
  seed: number;
  /** Fraction φ of each tensor's entries held fixed, in [0, 1]. */
  phi: number;
  /** Scale κ: the fixed values are N(0, κ²). */
  kappa: number;
}

/** The fixed part of one tensor under W-fix. */
export interface WFixPart {
  /** 1 where the entry is held fixed, 0 where it trains. */
  mask: Uint8Array;
  /** The fixed value at each masked entry (0 elsewhere). */
  values: Float32Array;
}

/**
 * Draws W-fix's mask and values for a tensor of `size` entries: exactly
 * round(φ·size) positions, chosen uniformly without replacement, with values
 * N(0, κ²). The draw for tensor `index` uses `deriveSeed(seed, "wfix:<index>")`.
 * Plain-array problems use this directly; {@linkcode WFix} wraps it for tfjs.
 *
 * @param size Number of entries of the tensor.
 * @param index The tensor's position in the model (selects its seed).
 * @param options Seed, φ and κ.
 * @returns The mask and the fixed values.
 * @throws {RangeError} If φ is outside [0, 1] or κ is negative.
 *
 * @example A tenth of 1000 entries
 * ```ts
 * import { drawWFix } from "./wfix.ts";
 * import assert from "node:assert/strict";
 *
 * const part = drawWFix(1000, 0, { seed: 1, phi: 0.1, kappa: 0.01 });
 * assert.equal(part.mask.reduce((s, m) => s + m, 0), 100);
 * ```
 */
export function drawWFix(size: number, index: number, options: WFixOptions): WFixPart {
  const { phi, kappa } = options;
  if (!(phi >= 0 && phi <= 1)) throw new RangeError(`Cannot draw W-fix: phi must lie in [0, 1], got ${phi}`);
  if (!(Number.isFinite(kappa) && kappa >= 0)) {
    throw new RangeError(`Cannot draw W-fix: kappa must be a finite non-negative number, got ${kappa}`);
  }
  const rng = new Pcg32(deriveSeed(options.seed, `wfix:${index}`));
  const fixed = Math.round(phi * size);
  const order = Int32Array.from({ length: size }, (_, i) => i);
  // Partial Fisher–Yates: the first `fixed` slots are a uniform sample.
  for (let i = 0; i < fixed; i++) {
    const j = i + rng.nextInt(size - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const mask = new Uint8Array(size), values = new Float32Array(size);
  const draws = fillNormal(rng, new Float32Array(fixed), kappa);
  for (let i = 0; i < fixed; i++) {
    mask[order[i]] = 1;
    values[order[i]] = draws[i];
  }
  return { mask, values };
}

/**
 * The W-fix baseline: a fraction φ of each variable's entries is held fixed
 * at random values of scale κ (the heuristic the syre paper compares with).
 * Call `apply()` after initialisation and `maskGradients` in every step.
 *
 * @example Fixed entries do not move
 * ```ts
 * import { initBackend } from "../nn/backend.ts";
 * import { WFix } from "./wfix.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const v = tf.variable(tf.ones([10]));
 * const wfix = new WFix([v], { seed: 3, phi: 0.3, kappa: 0.01 });
 * wfix.apply();
 * const g = tf.ones([10]);
 * const [masked] = wfix.maskGradients([g]);
 * const m = wfix.parts[0].mask, gm = masked.dataSync();
 * for (let i = 0; i < 10; i++) assert.equal(gm[i], m[i] ? 0 : 1);
 * tf.dispose([v, g, masked]);
 * wfix.dispose();
 * ```
 */
export class WFix {
  /** Mask and fixed values, one per variable. */
  readonly parts: readonly WFixPart[];
  readonly #variables: readonly Variable[];
  readonly #keep: readonly Tensor[];
  readonly #values: readonly Tensor[];

  /**
   * Draws the fixed positions and values (see {@linkcode drawWFix}).
   *
   * @param variables The parameters, in a fixed order.
   * @param options Seed, φ and κ.
   */
  constructor(variables: readonly Variable[], options: WFixOptions) {
    this.#variables = [...variables];
    this.parts = variables.map((v, i) => drawWFix(v.size, i, options));
    this.#keep = this.parts.map((p, i) => tf.tensor(p.mask.map((m) => 1 - m), variables[i].shape, "float32"));
    this.#values = this.parts.map((p, i) => tf.tensor(p.values, variables[i].shape, "float32"));
  }

  /** Writes the fixed values into the variables. */
  apply(): void {
    this.#variables.forEach((v, i) =>
      v.assign(tf.tidy(() => tf.add(tf.mul(v, this.#keep[i]), this.#values[i])))
    );
  }

  /**
   * Zeroes the gradients of the fixed entries. The caller owns both `grads`
   * and the returned tensors.
   *
   * @param grads One gradient per variable, in order.
   * @returns New tensors, one per variable.
   * @throws {RangeError} If the number of gradients does not match.
   */
  maskGradients(grads: readonly Tensor[]): Tensor[] {
    if (grads.length !== this.#variables.length) {
      throw new RangeError(
        `Cannot mask gradients: expected ${this.#variables.length} gradients, got ${grads.length}`,
      );
    }
    return grads.map((g, i) => tf.mul(g, this.#keep[i]));
  }

  /** Frees the masks (not the variables). */
  dispose(): void {
    tf.dispose([...this.#keep, ...this.#values]);
  }
}
