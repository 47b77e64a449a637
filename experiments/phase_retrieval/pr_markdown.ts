import type { PRRow } from "./pr_job.ts";

const GROUPS = ["nn", "wnn", "dnn"] as const;

/**
 * Formats phase-retrieval rows in the paper's wide layout
 * (n | Sample | NN-A | K-NN | NN-B | WNN-A | K-NN | WNN-B | DNN-A | K-NN | DNN-B),
 * on the paper scale, with the best value of each row in bold. K-NN is the
 * cell's K-NN with canonicalised targets, repeated in each group as in the
 * paper; a model that was not run shows "–".
 *
 * @param rows Rows of one field.
 * @param title A heading for the table.
 * @returns Markdown text.
 *
 * @example The best of a row is bold
 * ```ts
 * import { prMarkdown } from "./pr_markdown.ts";
 * import assert from "node:assert/strict";
 *
 * const row = (model: string, variant: "A" | "B", e: number) => ({
 *   n: 5, samples: 20000, model, variant, error: 5 * e, error_paper_scale: e, epochs: 1,
 *   train_seconds: 1, seed: 1, field: "real" as const, params: 0, best_epoch: 1, val_loss: 0,
 * });
 * const md = prMarkdown([row("nn", "A", 0.001), row("knn", "A", 0.003), row("nn", "B", 0.03)], "T");
 * assert.match(md, /\| 5 \| 2e4 \| \*\*0\.00100\*\* \| 0\.00300 \| 0\.0300 \|/);
 * ```
 */
export function prMarkdown(rows: readonly PRRow[], title: string): string {
  const find = (n: number, s: number, model: string, variant: string) =>
    rows.find((r) => r.n === n && r.samples === s && r.model === model && r.variant === variant)
      ?.error_paper_scale;
  const cells = [...new Map(rows.map((r) => [`${r.n}/${r.samples}`, [r.n, r.samples]])).values()]
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const header = ["n", "Sample"];
  for (const g of GROUPS) header.push(`${g.toUpperCase()}-A`, "K-NN", `${g.toUpperCase()}-B`);
  const lines = [
    `## ${title}`,
    "",
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
  ];
  for (const [n, s] of cells) {
    const knn = find(n, s, "knn", "A");
    const values = GROUPS.flatMap((g) => [find(n, s, g, "A"), knn, find(n, s, g, "B")]);
    const finite = values.filter((v): v is number => Number.isFinite(v));
    // Bold by the printed value, so equal-looking cells are bold together.
    const best = finite.length ? fmt(Math.min(...finite)) : undefined;
    const shown = values.map((v) => v === undefined ? "–" : fmt(v) === best ? `**${fmt(v)}**` : fmt(v));
    lines.push(`| ${n} | ${sampleLabel(s)} | ${shown.join(" | ")} |`);
  }
  lines.push(
    "",
    "Rectified test error on the paper scale (mean of min over the symmetry of ‖x̂ − x‖², ÷ n²);",
    "bold: best in the row; K-NN (K = 5) uses canonicalised targets; –: not run.",
  );
  return lines.join("\n") + "\n";
}

/** Three significant digits, as a plain decimal. */
function fmt(v: number): string {
  return v === 0 ? "0" : v.toPrecision(3);
}

/**
 * Writes a sample count the way the paper's tables do: `2e4`, `1e6`.
 *
 * @param samples A dataset size.
 * @returns `<digit>e<exponent>` for a single-digit multiple of a power of ten
 *   from 1000 up, otherwise the plain number.
 *
 * @example Round counts and others
 * ```ts
 * import { sampleLabel } from "./pr_markdown.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sampleLabel(50000), "5e4");
 * assert.equal(sampleLabel(1234), "1234");
 * ```
 */
export function sampleLabel(samples: number): string {
  const exp = Math.floor(Math.log10(samples));
  const mant = samples / 10 ** exp;
  return Number.isInteger(mant) && exp >= 3 ? `${mant}e${exp}` : String(samples);
}
