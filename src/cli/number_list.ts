import { UsageError } from "./usage_error.ts";
import { DECIMAL_NUMBER } from "./flags.ts";

/**
 * Parses a comma-separated list of numbers in [min, max], such as `--fractions 0,0.5,0.9`.
 *
 * @param flag The flag's name, for the error message.
 * @param text The flag's value.
 * @param min Smallest allowed value.
 * @param max Largest allowed value.
 * @returns The numbers in the given order, without duplicates.
 * @throws {UsageError} If an item is not a finite number in range.
 *
 * @example
 * ```ts
 * import { parseNumberList } from "./number_list.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseNumberList("gammas", "1e-3,0.01", 0, Infinity), [0.001, 0.01]);
 * assert.throws(() => parseNumberList("fractions", "0.5,2", 0, 1), /--fractions must be/);
 * assert.throws(() => parseNumberList("gammas", "0x10", 0, Infinity), /--gammas must be/);
 * ```
 */
export function parseNumberList(flag: string, text: string, min: number, max: number): number[] {
  const items = text.split(",").map((s) => s.trim());
  const values = items.map(Number);
  const bad = (v: number, i: number) =>
    !DECIMAL_NUMBER.test(items[i]) || !Number.isFinite(v) || v < min || v > max;
  if (values.some(bad)) {
    const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(`--${flag} must be a comma-separated list of numbers ${range}, got "${text}"`);
  }
  return [...new Set(values)];
}
