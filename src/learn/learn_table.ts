/** One row of a `learnProblem` comparison, in the CSV's column order. */
export interface LearnRow {
  /** The problem's name. */
  problem: string;
  /** Pairs drawn (train, validation and test). */
  samples: number;
  /** `"nn"`, `"wnn"`, `"dnn"` or `"knn"`. */
  model: string;
  /** `"A"`: canonicalised training targets; `"B"`: raw. */
  variant: "A" | "B";
  /** Mean orbit distance on the raw test signals ÷ signalDim (the paper's formula 4.1, for any group). */
  error: number;
  /** Epochs run; 0 for K-NN. */
  epochs: number;
  /** Wall-clock seconds of training and prediction, two decimals (a timing column). */
  train_seconds: number;
  /** The run seed. */
  seed: number;
  /** Trainable parameters; 0 for K-NN. */
  params: number;
  /** The 1-based epoch whose weights were kept; 0 for K-NN. */
  best_epoch: number;
  /** Best validation MSE; `null` for K-NN. */
  val_loss: number | null;
}

/**
 * The CSV columns of a `learnProblem` comparison (`learn.csv`).
 *
 * @example
 * ```ts
 * import { LEARN_COLUMNS } from "./learn_table.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(LEARN_COLUMNS.slice(0, 5), ["problem", "samples", "model", "variant", "error"]);
 * ```
 */
export const LEARN_COLUMNS = [
  "problem",
  "samples",
  "model",
  "variant",
  "error",
  "epochs",
  "train_seconds",
  "seed",
  "params",
  "best_epoch",
  "val_loss",
] as const satisfies readonly (keyof LearnRow)[];

/**
 * The comparison as a Markdown table: one line per learner, its error with
 * canonicalised targets (A) beside raw targets (B); cells not run are "–".
 *
 * @param rows Finished rows.
 * @param title The heading.
 * @returns Markdown text.
 *
 * @example
 * ```ts
 * import { learnMarkdown } from "./learn_table.ts";
 * import assert from "node:assert/strict";
 *
 * const row = { problem: "p", samples: 100, epochs: 0, train_seconds: 0, seed: 1, params: 0, best_epoch: 0, val_loss: null };
 * const md = learnMarkdown([{ ...row, model: "knn", variant: "A", error: 0.0123 }], "p");
 * assert.match(md, /\| K-NN \| 100 \| 0\.0123 \| – \|/);
 * ```
 */
export function learnMarkdown(rows: readonly LearnRow[], title: string): string {
  const lines = [
    `## ${title}`,
    "",
    "Mean orbit distance ÷ signal length on raw test signals (lower is better).",
    "",
    "| model | samples | A (canonicalised targets) | B (raw targets) |",
    "| --- | ---: | ---: | ---: |",
  ];
  const keys = [...new Map(rows.map((r) => [`${r.model}/${r.samples}`, r])).values()];
  for (const { model, samples } of keys) {
    const cell = (v: "A" | "B") => {
      const r = rows.find((x) => x.model === model && x.samples === samples && x.variant === v);
      return r === undefined ? "–" : Number.isFinite(r.error) ? r.error.toPrecision(3) : String(r.error);
    };
    const label = model === "knn" ? "K-NN" : model.toUpperCase();
    lines.push(`| ${label} | ${samples} | ${cell("A")} | ${cell("B")} |`);
  }
  return lines.join("\n") + "\n";
}
