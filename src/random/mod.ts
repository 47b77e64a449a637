/**
 * Seeded randomness: the PCG32 generator, normal and unit-ball draws, and
 * {@linkcode deriveSeed}, which gives every dataset and model of an experiment
 * its own documented seed. Every draw in symbreak starts here, so a seed fixes
 * a run.
 *
 * @example Same seed, same draws
 * ```ts
 * import { deriveSeed, fillNormal, Pcg32, sampleUnitBall } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const seed = deriveSeed(1, "dataset");
 * assert.deepEqual(fillNormal(new Pcg32(seed), new Float64Array(4)), fillNormal(new Pcg32(seed), new Float64Array(4)));
 * const ball = sampleUnitBall(new Pcg32(seed), 100, 3);
 * for (let i = 0; i < 100; i++) assert.ok(Math.hypot(ball[3 * i], ball[3 * i + 1], ball[3 * i + 2]) <= 1);
 * ```
 *
 * @module
 */
export * from "./ball.ts";
export * from "./normal.ts";
export * from "./pcg32.ts";
export * from "./seed.ts";
