/**
 * Formats rows as CSV (RFC 4180): a header line, then one line per row, in
 * the given column order. Numbers are written with full precision
 * (shortest round-trip form); `NaN` and missing values become empty fields.
 *
 * @param rows Objects keyed by column name.
 * @param columns Column order.
 * @returns The CSV text, ending with a newline.
 *
 * @example A field with a comma is quoted
 * ```ts
 * import { toCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(toCsv([{ a: 1, b: "x,y" }], ["a", "b"]), 'a,b\n1,"x,y"\n');
 * ```
 *
 * @example Missing values and NaN become empty fields
 * ```ts
 * import { toCsv } from "./csv.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = [{ a: NaN, b: null }, { a: 0.1 + 0.2, b: 'say "hi"' }];
 * assert.equal(toCsv(rows, ["a", "b"]), 'a,b\n,\n0.30000000000000004,"say ""hi"""\n');
 * ```
 */
export function toCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const lines = [columns.map(field).join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(","));
  return lines.join("\n") + "\n";
}

function field(v: unknown): string {
  if (v === undefined || v === null || (typeof v === "number" && Number.isNaN(v))) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
