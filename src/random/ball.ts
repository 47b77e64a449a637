import type { Pcg32 } from "./pcg32.ts";
import { fillNormal } from "./normal.ts";

/**
 * Draws `count` points uniformly from the unit ball of R^dim: a Gaussian
 * direction scaled by a radius U^(1/dim).
 *
 * @param rng The generator to draw from.
 * @param count Number of points.
 * @param dim Dimension of the ball.
 * @returns A row-major `count × dim` array.
 *
 * @example Every point lies in the ball
 * ```ts
 * import { Pcg32 } from "./pcg32.ts";
 * import { sampleUnitBall } from "./ball.ts";
 * import assert from "node:assert/strict";
 *
 * const x = sampleUnitBall(new Pcg32(3), 100, 4);
 * for (let i = 0; i < 100; i++) {
 *   const r = Math.hypot(...x.subarray(4 * i, 4 * i + 4));
 *   assert.ok(r <= 1);
 * }
 * ```
 */
export function sampleUnitBall(rng: Pcg32, count: number, dim: number): Float32Array {
  const out = new Float32Array(count * dim);
  const z = new Float64Array(dim);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    do {
      fillNormal(rng, z);
      norm = Math.hypot(...z);
    } while (norm === 0);
    const radius = Math.pow(rng.nextFloat(), 1 / dim);
    for (let j = 0; j < dim; j++) out[i * dim + j] = (z[j] / norm) * radius;
  }
  return out;
}
