import { tf } from "./tf.ts";
import type { Tensor, Tensor2D, Variable } from "./tf.ts";
import { Pcg32 } from "../random/pcg32.ts";

/** Sizes and the fixed posterior variance of a {@linkcode Vae}. */
export interface VaeOptions {
  /** Input width (784 for 28×28 images). */
  input: number;
  /** Hidden width of encoder and decoder (the paper: 200). */
  hidden: number;
  /** Latent width (the paper: 200). */
  latent: number;
  /** Variance η of the encoder's Gaussian q(z|x) = N(μ(x), ηI), fixed (the paper: 0.01). */
  eta: number;
}

/** Loss parts and gradients of one batch. */
export interface VaeGradients {
  /** Mean over the batch of ‖x − x̂‖² (summed over pixels). */
  reconstruction: number;
  /** Mean over the batch of KL(N(μ, ηI) ‖ N(0, I)). */
  kl: number;
  /** One gradient per variable of reconstruction + β·kl, in {@linkcode Vae.variables} order; the caller disposes them. */
  grads: Tensor[];
}

const silu = (u: Tensor) => tf.mul(u, tf.sigmoid(u));
// d silu(u)/du = s(u)·(1 + u·(1 − s(u))).
const siluSlope = (u: Tensor) => {
  const s = tf.sigmoid(u);
  return tf.mul(s, tf.add(1, tf.mul(u, tf.sub(1, s))));
};

/**
 * A β-VAE with a two-layer SiLU encoder x ↦ μ(x) = W₂ silu(W₁x + b₁) + b₂,
 * a fixed posterior variance η (q(z|x) = N(μ(x), ηI), prior N(0, I)), and a
 * two-layer SiLU decoder z ↦ x̂ = V₂ silu(V₁z + c₁) + c₂ with a linear output.
 * The loss is ‖x − x̂‖² + β·KL, with z = μ + √η·ε. Hand-written
 * backpropagation; parameters start Uniform(±1/√fan_in).
 *
 * @example Reconstructing two images
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import { Vae } from "./vae.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * const vae = new Vae({ input: 6, hidden: 5, latent: 3, eta: 0.01 }, 1);
 * const x = tf.ones([2, 6]) as import("./tf.ts").tf.Tensor2D;
 * const xHat = vae.reconstruct(x);
 * assert.deepEqual(xHat.shape, [2, 6]);
 * assert.equal(vae.encoderVariables.length, 4);
 * tf.dispose([x, xHat]);
 * vae.dispose();
 * ```
 */
export class Vae {
  /** Sizes and η. */
  readonly options: VaeOptions;
  /** Encoder W₁, b₁, W₂, b₂. */
  readonly encoderVariables: Variable[];
  /** Decoder V₁, c₁, V₂, c₂. */
  readonly decoderVariables: Variable[];

  /**
   * Draws the initial parameters.
   *
   * @param options Sizes and η.
   * @param seed Seed of the initial parameters.
   * @throws {RangeError} If a size is not a positive integer or η is not positive.
   */
  constructor(options: VaeOptions, seed: number) {
    const { input, hidden, latent, eta } = options;
    if (![input, hidden, latent].every((n) => Number.isInteger(n) && n > 0) || !(eta > 0)) {
      throw new RangeError(`Cannot build VAE: invalid options ${JSON.stringify(options)}`);
    }
    this.options = { ...options };
    const rng = new Pcg32(seed);
    const layer = (from: number, to: number): Variable[] => {
      const bound = 1 / Math.sqrt(from), u = () => (2 * rng.nextFloat() - 1) * bound;
      return [
        tf.variable(tf.tensor2d(Float32Array.from({ length: from * to }, u), [from, to])),
        tf.variable(tf.tensor1d(Float32Array.from({ length: to }, u))),
      ];
    };
    this.encoderVariables = [...layer(input, hidden), ...layer(hidden, latent)];
    this.decoderVariables = [...layer(latent, hidden), ...layer(hidden, input)];
  }

  /** Every variable: encoder then decoder. */
  get variables(): Variable[] {
    return [...this.encoderVariables, ...this.decoderVariables];
  }

  /**
   * The encoder's mean μ(x) and its hidden pre-activation.
   *
   * @param x Inputs, `rows × input`.
   * @returns `h` (`rows × hidden`) and `mu` (`rows × latent`).
   */
  encode(x: Tensor2D): { h: Tensor2D; mu: Tensor2D } {
    const [w1, b1, w2, b2] = this.encoderVariables;
    const h = tf.add(tf.matMul(x, w1 as Tensor2D), b1) as Tensor2D;
    const mu = tf.add(tf.matMul(silu(h) as Tensor2D, w2 as Tensor2D), b2) as Tensor2D;
    return { h, mu };
  }

  /**
   * The decoder's output x̂(z) and its hidden pre-activation.
   *
   * @param z Latents, `rows × latent`.
   * @returns `g` (`rows × hidden`) and `xHat` (`rows × input`).
   */
  decode(z: Tensor2D): { g: Tensor2D; xHat: Tensor2D } {
    const [v1, c1, v2, c2] = this.decoderVariables;
    const g = tf.add(tf.matMul(z, v1 as Tensor2D), c1) as Tensor2D;
    const xHat = tf.add(tf.matMul(silu(g) as Tensor2D, v2 as Tensor2D), c2) as Tensor2D;
    return { g, xHat };
  }

  /**
   * The mean reconstruction x̂(μ(x)), without sampling.
   *
   * @param x Inputs, `rows × input`.
   * @returns `rows × input`; the caller disposes it.
   */
  reconstruct(x: Tensor2D): Tensor2D {
    return tf.tidy(() => this.decode(this.encode(x).mu).xHat);
  }

  /**
   * Loss parts and gradients of ‖x − x̂‖² + β·KL on a batch, by backpropagation.
   *
   * @param x Inputs, `rows × input`.
   * @param noise The standard normal ε of z = μ + √η·ε, `rows × latent`.
   * @param beta Weight β of the KL term.
   * @returns Both loss parts (batch means) and one gradient per variable.
   */
  gradients(x: Tensor2D, noise: Tensor2D, beta: number): VaeGradients {
    const rows = x.shape[0], { eta, latent } = this.options;
    let reconstruction = 0, kl = 0;
    const grads = tf.tidy(() => {
      const [, , w2] = this.encoderVariables, [v1, , v2] = this.decoderVariables;
      const { h, mu } = this.encode(x);
      const z = tf.add(mu, tf.mul(noise, Math.sqrt(eta))) as Tensor2D;
      const { g, xHat } = this.decode(z);
      const diff = tf.sub(xHat, x);
      reconstruction = tf.sum(tf.square(diff)).dataSync()[0] / rows;
      kl = 0.5 * (tf.sum(tf.square(mu)).dataSync()[0] / rows + latent * (eta - 1 - Math.log(eta)));
      const dXHat = tf.mul(diff, 2 / rows) as Tensor2D;
      const a2 = silu(g) as Tensor2D;
      const dV2 = tf.matMul(tf.transpose(a2), dXHat), dc2 = tf.sum(dXHat, 0);
      const dG = tf.mul(tf.matMul(dXHat, tf.transpose(v2)), siluSlope(g)) as Tensor2D;
      const dV1 = tf.matMul(tf.transpose(z), dG), dc1 = tf.sum(dG, 0);
      const dMu = tf.add(tf.matMul(dG, tf.transpose(v1)), tf.mul(mu, beta / rows)) as Tensor2D;
      const a1 = silu(h) as Tensor2D;
      const dW2 = tf.matMul(tf.transpose(a1), dMu), db2 = tf.sum(dMu, 0);
      const dH = tf.mul(tf.matMul(dMu, tf.transpose(w2)), siluSlope(h)) as Tensor2D;
      const dW1 = tf.matMul(tf.transpose(x), dH), db1 = tf.sum(dH, 0);
      return [dW1, db1, dW2, db2, dV1, dc1, dV2, dc2];
    });
    return { reconstruction, kl, grads };
  }

  /** Frees the variables. */
  dispose(): void {
    tf.dispose(this.variables);
  }
}
