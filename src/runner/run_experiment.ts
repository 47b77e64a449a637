import { type GridOptions, type GridResult, runGrid } from "./run_grid.ts";
import { toCsv } from "../report/csv.ts";
import { writeTextAtomic } from "../report/atomic_write.ts";

/** A file an experiment writes: its name inside the output folder and its text. */
export interface OutputFile {
  /** File name inside the output folder, e.g. `"fig2.svg"`. */
  file: string;
  /** The file's text. */
  text: string;
}

/** A CSV file of an experiment, rewritten after every finished cell. */
export interface CsvOutput<V> {
  /** File name inside the output folder, e.g. `"table1.csv"`. */
  file: string;
  /** Columns, in order: keys of the rows. */
  columns: readonly string[];
  /** The CSV's rows, made from the experiment's rows so far; default: those rows themselves (then an array). */
  rows?: (view: V) => readonly object[];
  /**
   * Columns that may be blank (`null` or missing: K-NN has no `val_loss`). Every other column must be
   * present in each CSV row a stored cell gives, and not `null` unless the cell's checksum proves it
   * (a NaN the job returned), or the cell is recomputed.
   */
  blank?: readonly string[];
}

/** A text file rewritten after every finished cell, after the CSVs: a Markdown table, say. */
export interface TableOutput<V> {
  /** File name inside the output folder, e.g. `"table1.md"`. */
  file: string;
  /** The file's text, made from the experiment's rows so far. */
  text: (view: V) => string;
}

/** Options of {@linkcode runExperiment}: those of `runGrid` (but `onRows`), and the files to write. */
export interface ExperimentOptions<R, V = R[]> extends Omit<GridOptions<R>, "onRows"> {
  /**
   * Makes the experiment's rows, what every output is written from, out of the results so far (grid
   * order, `undefined` where a cell is not done). Default: the finished results, in grid order; give it
   * whenever the outputs need anything else (the grid index of a result, say).
   */
  view?: (results: readonly (R | undefined)[]) => V;
  /** CSV files, rewritten atomically after every finished cell and once at the end, in this order. */
  csv?: readonly CsvOutput<V>[];
  /** Text files rewritten with the CSVs, right after them. */
  tables?: readonly TableOutput<V>[];
  /** Files written once, from every row, after the run is recorded in `run.json`: figures (not by a shard). */
  figures?: (view: V) => readonly OutputFile[] | Promise<readonly OutputFile[]>;
}

/** What {@linkcode runExperiment} did: `runGrid`'s result and the experiment's rows. */
export interface ExperimentResult<R, V = R[]> extends GridResult<R> {
  /** The experiment's rows from every result (see {@linkcode ExperimentOptions.view}). */
  view: V;
}

/**
 * Runs an experiment: its grid through `runGrid` (Workers, resumable cells,
 * progress, `run.json`), with its CSV files and tables rewritten atomically
 * after every finished cell, and its figures written once at the end. Every
 * table and figure of the toolkit is written by this one function. With
 * `shard`, only the shard's cells are computed and stored and no file is
 * written; `merge` (or a plain run, once every cell is stored) then writes
 * the same bytes as one machine would have.
 *
 * @param options The grid, as for `runGrid`, and the files to write from its rows.
 * @returns `runGrid`'s result, with the experiment's rows from every result.
 * @throws {TypeError} If a CSV has no `rows` and the experiment's rows are not an array.
 * @throws {Error} As `runGrid`: if two jobs share a key, or a job fails.
 *
 * @example A CSV, a table and a figure from two cells
 * ```ts
 * import { runExperiment } from "./run_experiment.ts";
 * import assert from "node:assert/strict";
 *
 * const worker = new URL("./testdata/square_worker.ts", import.meta.url);
 * const jobs = [2, 3].map((x) => ({
 *   kind: "square", params: { x }, key: `x${x}`, label: `x=${x}`, cost: x, maxEpochs: x,
 *   summarize: (row: { square: number }) => `${row.square}`,
 * }));
 * const outDir = await Deno.makeTempDir();
 * const { view } = await runExperiment({
 *   name: "demo", outDir, worker, jobs, workers: 2, write: () => {}, live: false,
 *   csv: [{ file: "demo.csv", columns: ["x", "square"] }],
 *   tables: [{ file: "demo.md", text: (rows) => `${rows.length} squares\n` }],
 *   figures: (rows) => [{ file: "demo.svg", text: `<svg>${rows.map((r) => r.square)}</svg>` }],
 * });
 * assert.deepEqual(view, [{ x: 2, square: 4 }, { x: 3, square: 9 }]);
 * assert.equal(await Deno.readTextFile(`${outDir}/demo.csv`), "x,square\n2,4\n3,9\n");
 * assert.equal(await Deno.readTextFile(`${outDir}/demo.md`), "2 squares\n");
 * assert.equal(await Deno.readTextFile(`${outDir}/demo.svg`), "<svg>4,9</svg>");
 * await Deno.remove(outDir, { recursive: true });
 * ```
 *
 * @example Rows that need the grid index: a view
 * ```ts
 * import { runExperiment } from "./run_experiment.ts";
 * import assert from "node:assert/strict";
 *
 * const worker = new URL("./testdata/square_worker.ts", import.meta.url);
 * const names = ["two", "three"];
 * const jobs = [2, 3].map((x) => ({
 *   kind: "square", params: { x }, key: `x${x}`, label: `x=${x}`, cost: x, maxEpochs: x,
 *   summarize: (row: { square: number }) => `${row.square}`,
 * }));
 * const outDir = await Deno.makeTempDir();
 * await runExperiment({
 *   name: "named", outDir, worker, jobs, workers: 1, write: () => {}, live: false,
 *   view: (results) => results.flatMap((r, i) => r ? [{ name: names[i], ...r }] : []),
 *   csv: [{ file: "named.csv", columns: ["name", "square"] }],
 * });
 * assert.equal(await Deno.readTextFile(`${outDir}/named.csv`), "name,square\ntwo,4\nthree,9\n");
 * await Deno.remove(outDir, { recursive: true });
 * ```
 */
export async function runExperiment<R, V = R[]>(
  options: ExperimentOptions<R, V>,
): Promise<ExperimentResult<R, V>> {
  const { view: makeView, csv = [], tables = [], figures, ...grid } = options;
  const view = makeView ?? ((results) => results.filter((r) => r !== undefined) as V);
  const write = (file: string, text: string) => writeTextAtomic(`${grid.outDir}/${file}`, text);
  const result = await runGrid({
    ...grid,
    checkRow: (row, index, sealed) => {
      const results = grid.jobs.map((_, i) => i === index ? row as R : undefined);
      return csvProblem(csv, view(results), sealed);
    },
    onRows: async (results) => {
      const rows = view(results);
      for (const c of csv) await write(c.file, toCsv(csvRows(c, rows), c.columns));
      for (const t of tables) await write(t.file, t.text(rows));
    },
  });
  const rows = view(result.rows);
  if (grid.shard) return { ...result, view: rows };
  for (const f of await figures?.(rows) ?? []) await write(f.file, f.text);
  return { ...result, view: rows };
}

function csvRows<V>(output: CsvOutput<V>, rows: V): readonly Record<string, unknown>[] {
  if (output.rows) return output.rows(rows) as readonly Record<string, unknown>[];
  if (!Array.isArray(rows)) {
    throw new TypeError(`Cannot write "${output.file}": the rows are not an array, so the CSV needs rows`);
  }
  return rows as Record<string, unknown>[];
}

// Why the CSV rows one stored cell gives are not rows of these CSVs, or undefined.
// A null is a NaN the job returned when the file's checksum proves it (sealed), a damaged file otherwise.
function csvProblem<V>(csv: readonly CsvOutput<V>[], view: V, sealed: boolean): string | undefined {
  let count = 0;
  for (const c of csv) {
    const blank = new Set(c.blank ?? []);
    for (const row of csvRows(c, view)) {
      count++;
      if (typeof row !== "object" || row === null) {
        return `its row gives a ${c.file} row that is not an object`;
      }
      for (const column of c.columns) {
        if (blank.has(column)) continue;
        const v = row[column];
        if (v === undefined) return `column "${column}" of ${c.file} is missing`;
        if ((v === null && !sealed) || (typeof v === "number" && !Number.isFinite(v))) {
          return `column "${column}" of ${c.file} is ${v === null ? "null" : v}`;
        }
      }
    }
  }
  return csv.length > 0 && count === 0 ? "its row gives no CSV row" : undefined;
}
