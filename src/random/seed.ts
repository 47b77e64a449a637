/**
 * Derives a child seed from a parent seed and a label, so that every dataset
 * and every model of an experiment has its own documented, reproducible seed.
 * The hash is FNV-1a (32 bit) over the UTF-8 bytes of `"<seed>/<label>"`.
 *
 * @param seed Parent seed.
 * @param label What the child seed is for, e.g. `"dataset:real:n=5:samples=20000"`.
 * @returns A non-negative 32-bit integer.
 *
 * @example Stable and label-dependent
 * ```ts
 * import { deriveSeed } from "./seed.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(deriveSeed(1, "a"), deriveSeed(1, "a"));
 * assert.notEqual(deriveSeed(1, "a"), deriveSeed(1, "b"));
 * ```
 */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${seed}/${label}`)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
