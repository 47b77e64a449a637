import { type GridJob, runGrid } from "../../src/runner/run_grid.ts";
import { toCsv } from "../../src/report/csv.ts";
import { writeTextAtomic } from "../../src/report/atomic_write.ts";

/** One figure of a task: an SVG file name (inside the output folder) and its text. */
export interface SyreFigure {
  /** File name, e.g. `"syre_quartic_structured.svg"`. */
  file: string;
  /** SVG text from `svgPlot`. */
  svg: string;
}

/** Options of {@linkcode runSyreFigure}. */
export interface SyreFigureOptions<R> {
  /** Task base name: the CSV is `<name>.csv`, cells live in `<out>/.cells/<name>`. */
  name: string;
  /** Output folder. */
  out: string;
  /** The grid. */
  jobs: readonly GridJob<R>[];
  /** CSV columns, in order (keys of the rows that `csvRows` makes). */
  columns: readonly string[];
  /** Flattens a job's result into CSV rows (default: the result itself is one row). */
  csvRows?: (result: R) => readonly object[];
  /** Draws the figures from every result (grid order). */
  figures: (results: readonly R[]) => SyreFigure[];
  /** Parallel workers. */
  workers: number;
  /** Forget stored cells first. */
  fresh?: boolean;
  /** Progress output; default standard error. */
  write?: (text: string) => void;
  /** The task's name and settings, recorded in `<out>/run.json` (default: the name, no settings). */
  record?: { task: string; config: unknown };
}

/**
 * Runs a syre figure's grid with the shared runner (Workers, resumable
 * cells, progress line), rewrites the CSV atomically after every finished
 * cell, then writes the figures and records the run in `run.json`.
 *
 * @param options The grid, its CSV columns and its figures.
 * @returns Every result, in grid order.
 *
 * @example Written by every syre task; see tasks/syre_quartic.ts
 * ```ts ignore
 * await runSyreFigure({ name: "syre_quartic", out: "results", jobs, columns, figures, workers: 2 });
 * ```
 */
export async function runSyreFigure<R>(options: SyreFigureOptions<R>): Promise<R[]> {
  const flatten = options.csvRows ?? ((r: R) => [r as object]);
  const writeCsv = async (results: readonly (R | undefined)[]) => {
    const rows = results.filter((r): r is R => r !== undefined).flatMap(flatten);
    await writeTextAtomic(
      `${options.out}/${options.name}.csv`,
      toCsv(rows as Record<string, unknown>[], options.columns),
    );
  };
  const result = await runGrid({
    worker: new URL("./_worker.ts", import.meta.url),
    name: options.name,
    outDir: options.out,
    jobs: options.jobs,
    workers: options.workers,
    fresh: options.fresh,
    onRows: writeCsv,
    record: options.record ?? { task: options.name, config: {} },
    ...(options.write ? { write: options.write, live: false } : {}),
  });
  for (const f of options.figures(result.rows)) await writeTextAtomic(`${options.out}/${f.file}`, f.svg);
  return result.rows;
}
