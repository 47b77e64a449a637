import { UsageError } from "./usage_error.ts";

/**
 * Parses a comma-separated list of integers ≥ `min`, such as `--n 5,10,15`.
 * Accepts scientific notation for whole numbers (`2e4`).
 *
 * @param flag The flag's name, for the error message.
 * @param text The flag's value.
 * @param min Smallest allowed value.
 * @returns The integers, in the given order, without duplicates.
 *
 * @example
 * ```ts
 * import { parseIntList } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseIntList("samples", "2e4,50000", 100), [20000, 50000]);
 * assert.throws(() => parseIntList("n", "0", 1), /--n/);
 * assert.throws(() => parseIntList("n", "5,1e6", 1, 1000, "memory"), /^UsageError: --n must be a comma-separated list of integers in \[1, 1000\] \(memory\), got "5,1e6"$/);
 * ```
 */
export function parseIntList(
  flag: string,
  text: string,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
  why?: string,
): number[] {
  const items = text.split(",").map((s) => s.trim());
  const values = items.map(Number);
  if (
    items.some((s) => !DECIMAL.test(s)) || values.some((v) => !Number.isSafeInteger(v) || v < min || v > max)
  ) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(
      `--${flag} must be a comma-separated list of integers ${range}${why ? ` (${why})` : ""}, got "${text}"`,
    );
  }
  return [...new Set(values)];
}

/**
 * Parses a single integer in [min, max].
 *
 * @example
 * ```ts
 * import { parseInteger } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseInteger("epochs", "100", 1), 100);
 * assert.throws(() => parseInteger("hidden", "1e9", 2, 100000, "a 4 GiB cell"), /in \[2, 100000\] \(a 4 GiB cell\), got "1e9"/);
 * ```
 */
export function parseInteger(
  flag: string,
  text: string,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
  why?: string,
): number {
  const v = Number(text);
  if (!DECIMAL.test(text.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(`--${flag} must be an integer ${range}${why ? ` (${why})` : ""}, got "${text}"`);
  }
  return v;
}

/**
 * Parses a positive finite number, such as a learning rate.
 *
 * @example
 * ```ts
 * import { parsePositive } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parsePositive("lr", "1e-3"), 0.001);
 * assert.throws(() => parsePositive("lr", "0x10"), /--lr must be a positive number, got "0x10"/);
 * ```
 */
export function parsePositive(flag: string, text: string): number {
  const v = Number(text);
  if (!DECIMAL_NUMBER.test(text.trim()) || !Number.isFinite(v) || v <= 0) {
    throw new UsageError(`--${flag} must be a positive number, got "${text}"`);
  }
  return v;
}

/**
 * Parses a comma-separated list of names from a fixed set.
 *
 * @example
 * ```ts
 * import { parseChoices } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseChoices("models", "nn,knn", ["nn", "wnn", "knn"]), ["nn", "knn"]);
 * ```
 */
export function parseChoices<T extends string>(flag: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(",").map((s) => s.trim().toLowerCase());
  const bad = items.find((s) => !(allowed as readonly string[]).includes(s));
  if (bad !== undefined) {
    throw new UsageError(`--${flag} has unknown value "${bad}": expected ${allowed.join(", ")}`);
  }
  return [...new Set(items as T[])];
}

/**
 * Parses one name from a fixed set, such as a preset.
 *
 * @param flag The flag's name, for the error message.
 * @param text The flag's value.
 * @param allowed The names allowed.
 * @returns The name.
 * @throws {UsageError} If the name is not one of `allowed`.
 *
 * @example
 * ```ts
 * import { parseChoice } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseChoice("preset", "paper", ["default", "paper"]), "paper");
 * assert.throws(() => parseChoice("preset", "huge", ["default", "paper"]), /--preset must be one of default, paper, got "huge"/);
 * ```
 */
export function parseChoice<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, got "${text}"`);
  }
  return text as T;
}

/** Plain decimal or scientific notation without sign (`20000`, `2e4`, `1.5e3`); no hex, no `-0`. */
const DECIMAL = /^\d+(?:\.\d+)?(?:e\+?\d+)?$/i;

/**
 * A number written in decimal (`0.5`, `.5`, `-1`, `1e-3`): what the flags
 * accept, where `Number` would also read hex, binary, octal and `Infinity`.
 *
 * @example
 * ```ts
 * import { DECIMAL_NUMBER } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(DECIMAL_NUMBER.test("1e-3") && DECIMAL_NUMBER.test("-0.5"));
 * assert.ok(!DECIMAL_NUMBER.test("0x10") && !DECIMAL_NUMBER.test("Infinity") && !DECIMAL_NUMBER.test(""));
 * ```
 */
export const DECIMAL_NUMBER: RegExp = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
