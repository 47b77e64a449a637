import { tf } from "../src/nn/tf.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";

/** Gradients of a [60, 512, 256, 15] network on a fixed batch of 128, flattened, on the active backend. */
export function gradientsFixture(): number[] {
  const net = new Mlp([60, 512, 256, 15], 5);
  const rng = new Pcg32(6);
  const x = tf.tensor2d(fillNormal(rng, new Float32Array(128 * 60)), [128, 60]);
  const y = tf.tensor2d(fillNormal(rng, new Float32Array(128 * 15)), [128, 15]);
  const g = net.gradients(x, y);
  const flat = [...g.weights, ...g.biases].flatMap((t) => [...t.dataSync()]);
  tf.dispose([x, y, ...g.weights, ...g.biases]);
  net.dispose();
  return flat;
}
