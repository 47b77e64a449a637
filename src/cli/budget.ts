import { UsageError } from "./usage_error.ts";

/**
 * The memory one grid cell may use, in bytes: 4 GiB. A cell trains in
 * tfjs-wasm (and searches neighbours in the K-NN kernel), whose heap is a
 * 32-bit WebAssembly memory of at most 4 GiB, so a cell past this cannot
 * run whatever the machine has; and a fixed figure needs no `--allow-sys`.
 * With `--workers W`, up to W cells run at once.
 *
 * @example
 * ```ts
 * import { CELL_BUDGET_BYTES } from "./budget.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(CELL_BUDGET_BYTES, 4 * 2 ** 30);
 * ```
 */
export const CELL_BUDGET_BYTES: number = 4 * 2 ** 30;

/**
 * Bytes as a short text: `"512 B"`, `"3.2 MiB"`, `"12 GiB"`.
 *
 * @param bytes A byte count.
 * @returns The count in B, KiB, MiB, GiB or TiB, two significant digits past the first.
 *
 * @example
 * ```ts
 * import { formatBytes } from "./budget.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([formatBytes(512), formatBytes(1536), formatBytes(4 * 2 ** 30)], ["512 B", "1.5 KiB", "4 GiB"]);
 * ```
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let u = 0;
  while (bytes >= 1024 && u < units.length - 1) {
    bytes /= 1024;
    u++;
  }
  return `${Number(bytes.toPrecision(3))} ${units[u]}`;
}

/**
 * Checks a cell's memory estimate against {@linkcode CELL_BUDGET_BYTES}
 * when the flags are read, before any work: the sum of its parts (each a
 * label with its formula, and bytes) must fit, else a one-line
 * `UsageError` names the flags, the estimate and its largest part.
 *
 * @param flags The flags that set the sizes, as given, e.g. `"--n 100000 --samples 20000"`.
 * @param parts The estimate's parts: `[label, bytes]`.
 * @param budget The bytes allowed (default {@linkcode CELL_BUDGET_BYTES}).
 * @throws {UsageError} If the parts add up to more than `budget`.
 *
 * @example
 * ```ts
 * import { checkCellBudget } from "./budget.ts";
 * import assert from "node:assert/strict";
 *
 * checkCellBudget("--samples 100", [["dataset", 100 * 20 * 4]]);
 * assert.throws(
 *   () => checkCellBudget("--samples 1e9", [["dataset (samples × (m + d) × 4 B)", 1e9 * 20 * 4]]),
 *   /^UsageError: --samples 1e9 need about 74.5 GiB per cell, mostly dataset \(samples × \(m \+ d\) × 4 B\) 74.5 GiB; a cell may use 4 GiB/,
 * );
 * ```
 */
export function checkCellBudget(
  flags: string,
  parts: readonly (readonly [string, number])[],
  budget: number = CELL_BUDGET_BYTES,
): void {
  const total = parts.reduce((s, [, b]) => s + b, 0);
  if (total <= budget) return;
  const [label, bytes] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
  throw new UsageError(
    `${flags} need about ${formatBytes(total)} per cell, mostly ${label} ${formatBytes(bytes)}; ` +
      `a cell may use ${formatBytes(budget)} (tfjs-wasm's 32-bit WebAssembly memory): lower them`,
  );
}
