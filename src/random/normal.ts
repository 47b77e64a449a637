import type { Pcg32 } from "./pcg32.ts";

/**
 * Fills `out` with standard normal draws (Box–Muller, both outputs used).
 *
 * @param rng The generator to draw from.
 * @param out The array to fill.
 * @param scale Standard deviation of the draws.
 * @returns `out`, filled.
 *
 * @example Mean near zero
 * ```ts
 * import { Pcg32 } from "./pcg32.ts";
 * import { fillNormal } from "./normal.ts";
 * import assert from "node:assert/strict";
 *
 * const z = fillNormal(new Pcg32(1), new Float64Array(10000));
 * const mean = z.reduce((s, v) => s + v, 0) / z.length;
 * assert.ok(Math.abs(mean) < 0.05);
 * ```
 */
export function fillNormal<T extends Float32Array | Float64Array>(
  rng: Pcg32,
  out: T,
  scale = 1,
): T {
  for (let i = 0; i < out.length; i += 2) {
    // 1 - u lies in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * scale;
    const t = 2 * Math.PI * rng.nextFloat();
    out[i] = r * Math.cos(t);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(t);
  }
  return out;
}
