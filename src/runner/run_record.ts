import { writeTextAtomic } from "../report/atomic_write.ts";
import denoJson from "../../deno.json" with { type: "json" };

// The npm packages the library pins (deno.json's import map), by name: "tfjs-core" → "4.22.0".
const PINNED: Record<string, string> = Object.fromEntries(
  Object.values(denoJson.imports).flatMap((spec) => {
    const m = /^npm:(?:@[^/]+\/)?([^@]+)@(.+)$/.exec(spec);
    return m ? [[m[1], m[2]]] : [];
  }),
);

/** What a finished grid reports, as {@linkcode recordRun} stores it. */
export interface RunSummary {
  /** Wall-clock seconds of the run. */
  seconds: number;
  /** Cells computed in this run. */
  ran: number;
  /** Cells found finished in the cell store. */
  resumed: number;
  /** Cells in the grid. */
  total: number;
  /** What each shard did, when the grid ran in shards (recorded as `shards`; left out when empty). */
  shards?: readonly unknown[];
}

/**
 * Records a task's run in `<out>/run.json` under the task's name (its
 * configuration, the versions that produced it, start time, duration and
 * cell counts), keeping the records of other tasks that share the folder.
 * The read–modify–write holds an exclusive lock, `<out>/run.json.lock`
 * (created with `createNew`, retried every 20 ms; one older than 30 s is
 * taken as left by a killed process), so two tasks finishing together both
 * keep their records. The file is replaced atomically; an unreadable one is
 * started afresh.
 *
 * @param out The task's output folder.
 * @param task The task's name, its key in `run.json`.
 * @param config The task's settings (JSON-serialisable).
 * @param summary Duration and cell counts of the run.
 * @param started When the run started, as an ISO 8601 string.
 * @throws {Error} If the lock cannot be taken within 60 s.
 *
 * @example
 * ```ts
 * import { recordRun } from "./run_record.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const summary = { seconds: 1.23, ran: 2, resumed: 1, total: 3 };
 * await recordRun(dir, "table4", { n: [5] }, summary, "2026-01-01T00:00:00Z");
 * await recordRun(dir, "fig4", { n: [10] }, summary, "2026-01-01T00:00:00Z");
 * const all = JSON.parse(await Deno.readTextFile(`${dir}/run.json`));
 * assert.deepEqual(Object.keys(all), ["table4", "fig4"]);
 * assert.deepEqual(all.fig4.cells, { total: 3, ran: 2, resumed: 1 });
 * assert.equal(all.fig4.seconds, 1.2);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function recordRun(
  out: string,
  task: string,
  config: unknown,
  summary: RunSummary,
  started: string,
): Promise<void> {
  const path = `${out}/run.json`;
  await withLock(`${path}.lock`, async () => {
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(await Deno.readTextFile(path));
    } catch { /* missing or unreadable: start afresh */ }
    all[task] = entry(task, config, summary, started);
    await writeTextAtomic(path, JSON.stringify(all, null, 2) + "\n");
  });
}

function entry(task: string, config: unknown, summary: RunSummary, started: string): unknown {
  return {
    task,
    config,
    versions: {
      symbreak: denoJson.version,
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      ...PINNED,
    },
    started,
    seconds: Math.round(summary.seconds * 10) / 10,
    cells: { total: summary.total, ran: summary.ran, resumed: summary.resumed },
    ...(summary.shards?.length ? { shards: summary.shards } : {}),
  };
}

const STALE_MS = 30_000, WAIT_MS = 60_000;

// Runs `body` holding the lock file `lock`, which only one process (or call) can create at a time.
async function withLock(lock: string, body: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      (await Deno.open(lock, { write: true, createNew: true })).close();
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
      const mtime = (await Deno.stat(lock).catch(() => undefined))?.mtime?.getTime();
      if (mtime !== undefined && Date.now() - mtime > STALE_MS) {
        await Deno.remove(lock).catch(() => {});
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Cannot record the run: "${lock}" is held by another task`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  try {
    await body();
  } finally {
    await Deno.remove(lock).catch(() => {});
  }
}
