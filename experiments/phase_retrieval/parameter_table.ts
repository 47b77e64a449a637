import { layerSizes, type ModelName, parameterCount } from "../../src/nn/architectures.ts";
import type { Field } from "../../src/forward/gaussian_pr.ts";

/** One row of Table 3: a network's trainable parameters for one field. */
export interface ParameterRow {
  /** `"nn"`, `"wnn"` or `"dnn"`. */
  model: ModelName;
  /** `"real"` (output n) or `"complex"` (output 2n: real and imaginary parts). */
  field: Field;
  /** Weights and biases of the network. */
  params: number;
}

const MODELS: readonly ModelName[] = ["nn", "wnn", "dnn"];
const NAMES: Record<ModelName, string> = {
  nn: "Neural Network",
  wnn: "Wide Neural Network",
  dnn: "Deep Neural Network",
};

/**
 * Trainable-parameter counts of NN, WNN and DNN for signal dimension n, real
 * and complex (Table 3 of the paper): input m = 4n intensities, output n real
 * or 2n (real and imaginary parts) values.
 *
 * @param n Signal dimension.
 * @returns Six rows: every model, real then complex.
 * @throws {RangeError} If n is not a positive integer.
 *
 * @example The paper's NN for n = 15
 * ```ts
 * import { parameterRows } from "./parameter_table.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = parameterRows(15);
 * assert.deepEqual(rows.slice(0, 2), [
 *   { model: "nn", field: "real", params: 57743 },
 *   { model: "nn", field: "complex", params: 58718 },
 * ]);
 * ```
 */
export function parameterRows(n: number): ParameterRow[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Cannot count parameters: n must be ≥ 1, got ${n}`);
  return MODELS.flatMap((model) =>
    (["real", "complex"] as const).map((field) => ({
      model,
      field,
      params: parameterCount(layerSizes(model, 4 * n, field === "real" ? n : 2 * n)),
    }))
  );
}

/**
 * Formats parameter counts in the paper's Table 3 layout (Models | Real | Complex),
 * with thousands separators.
 *
 * @param rows Rows from {@linkcode parameterRows}.
 * @param n The signal dimension, for the heading.
 * @returns Markdown text.
 *
 * @example
 * ```ts
 * import { parameterMarkdown, parameterRows } from "./parameter_table.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(parameterMarkdown(parameterRows(15), 15), /\| Neural Network \| 57,743 \| 58,718 \|/);
 * ```
 */
export function parameterMarkdown(rows: readonly ParameterRow[], n: number): string {
  const count = (model: ModelName, field: Field) => {
    const p = rows.find((r) => r.model === model && r.field === field)?.params;
    return p === undefined ? "–" : p.toLocaleString("en-US");
  };
  const lines = [
    `## table3: count of trainable parameters for n = ${n}`,
    "",
    "| Models | Real | Complex |",
    "|---|---:|---:|",
    ...MODELS.map((m) => `| ${NAMES[m]} | ${count(m, "real")} | ${count(m, "complex")} |`),
    "",
    `Weights and biases of dense networks m = ${4 * n} → hidden layers → n (real) or 2n (complex).`,
  ];
  return lines.join("\n") + "\n";
}
