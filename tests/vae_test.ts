import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { Vae } from "../src/nn/vae.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { checkGradients } from "./_finite_diff.ts";

const tf = await initBackend();

Deno.test("Vae.gradients() matches finite differences of reconstruction + β·KL", () => {
  const rows = 7, beta = 3, eta = 0.05;
  const vae = new Vae({ input: 6, hidden: 5, latent: 4, eta }, 2);
  const rng = new Pcg32(9);
  const x = tf.tensor2d(fillNormal(rng, new Float32Array(rows * 6)), [rows, 6]);
  const noise = tf.tensor2d(fillNormal(rng, new Float32Array(rows * 4)), [rows, 4]);
  // The loss written out from the definition, independently of gradients().
  const loss = () =>
    tf.tidy(() => {
      const { mu } = vae.encode(x);
      const z = tf.add(mu, tf.mul(noise, Math.sqrt(eta))) as typeof x;
      const recon = tf.sum(tf.square(tf.sub(x, vae.decode(z).xHat))).dataSync()[0] / rows;
      const kl = tf.sum(tf.sub(tf.add(tf.square(mu), eta), 1 + Math.log(eta))).dataSync()[0] / (2 * rows);
      return recon + beta * kl;
    });
  const g = vae.gradients(x, noise, beta);
  assert.ok(Math.abs(g.reconstruction + beta * g.kl - loss()) < 1e-4 * loss());
  assert.deepEqual(g.grads.map((t) => t.shape), vae.variables.map((v) => v.shape));
  checkGradients(vae.variables, g.grads, loss, { eps: 1e-2, perVariable: 12 });
  tf.dispose([x, noise, ...g.grads]);
  vae.dispose();
});

Deno.test("Vae with β large pulls the encoder mean towards 0 harder than with β small", () => {
  const rows = 5;
  const vae = new Vae({ input: 6, hidden: 5, latent: 4, eta: 0.01 }, 3);
  const x = tf.tensor2d(fillNormal(new Pcg32(1), new Float32Array(rows * 6)), [rows, 6]);
  const noise = tf.zeros([rows, 4]) as typeof x;
  const small = vae.gradients(x, noise, 0), large = vae.gradients(x, noise, 100);
  assert.equal(small.kl, large.kl);
  const db2 = (g: typeof small) => g.grads[3].dataSync();
  const mu = tf.tidy(() => tf.mean(vae.encode(x).mu, 0)).dataSync();
  // d(β·KL)/db₂ = β·mean(μ): the gradient difference is exactly that.
  db2(large).forEach((v, j) =>
    assert.ok(Math.abs(v - db2(small)[j] - 100 * mu[j]) < 1e-3 * (1 + Math.abs(v)))
  );
  tf.dispose([x, noise, ...small.grads, ...large.grads]);
  vae.dispose();
});
