import { writeTextAtomic } from "../report/atomic_write.ts";

/**
 * What one shard of a grid did, as {@linkcode writeShardRecord} keeps it
 * until the merge copies it into `run.json`.
 */
export interface ShardRecord {
  /** The shard, `"I/N"` (0-based I). */
  shard: string;
  /** Where the shard came from: the flag or the scheduler's variables. */
  source: string;
  /** When the shard started, ISO 8601. */
  started: string;
  /** Wall-clock seconds of the shard, to 0.1 s. */
  seconds: number;
  /** Cells of the shard's share: how many, computed now, found stored. */
  cells: { share: number; ran: number; resumed: number };
}

/**
 * The folder of a grid's shard records, `<outDir>/.shards/<name>`: one
 * small file per shard, so shards on different machines never write the
 * same file (`run.json` is written only by the merge).
 *
 * @param outDir The output folder.
 * @param name The grid's name (its cell folder).
 * @returns The folder's path.
 *
 * @example
 * ```ts
 * import { shardRecordDir } from "./shard_record.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(shardRecordDir("results", "table1"), "results/.shards/table1");
 * ```
 */
export function shardRecordDir(outDir: string, name: string): string {
  return `${outDir}/.shards/${name}`;
}

/**
 * Keeps a shard's record as `<outDir>/.shards/<name>/<I>-of-<N>.json`, atomically;
 * a rerun of the shard replaces it.
 *
 * @param outDir The output folder.
 * @param name The grid's name.
 * @param record What the shard did.
 *
 * @example Write two, read both back in shard order
 * ```ts
 * import { readShardRecords, writeShardRecord } from "./shard_record.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const record = (shard: string) => ({
 *   shard, source: "--shard", started: "2026-01-01T00:00:00Z", seconds: 1, cells: { share: 2, ran: 2, resumed: 0 },
 * });
 * await writeShardRecord(dir, "demo", record("10/11"));
 * await writeShardRecord(dir, "demo", record("2/11"));
 * assert.deepEqual((await readShardRecords(dir, "demo")).map((r) => r.shard), ["2/11", "10/11"]);
 * assert.deepEqual(await readShardRecords(dir, "other"), []);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeShardRecord(outDir: string, name: string, record: ShardRecord): Promise<void> {
  const [index, count] = record.shard.split("/");
  await writeTextAtomic(
    `${shardRecordDir(outDir, name)}/${index}-of-${count}.json`,
    JSON.stringify(record, null, 2) + "\n",
  );
}

/**
 * Every shard record of a grid, by shard count, then index; none when the grid never ran in shards.
 * Unreadable files are skipped (a record is a log, not a result).
 *
 * @param outDir The output folder.
 * @param name The grid's name.
 * @returns The records.
 */
export async function readShardRecords(outDir: string, name: string): Promise<ShardRecord[]> {
  const dir = shardRecordDir(outDir, name);
  const found: { index: number; count: number; record: ShardRecord }[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      const m = /^(\d+)-of-(\d+)\.json$/.exec(entry.name);
      if (!m || !entry.isFile) continue;
      try {
        const record = JSON.parse(await Deno.readTextFile(`${dir}/${entry.name}`)) as ShardRecord;
        found.push({ index: Number(m[1]), count: Number(m[2]), record });
      } catch { /* half-written by hand, or not ours: skip */ }
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return found.sort((a, b) => a.count - b.count || a.index - b.index).map((f) => f.record);
}

/**
 * Forgets a grid's shard records (with its cells, on `--fresh`); a missing folder is fine.
 *
 * @param outDir The output folder.
 * @param name The grid's name.
 *
 * @example
 * ```ts
 * import { clearShardRecords, readShardRecords, writeShardRecord } from "./shard_record.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const cells = { share: 1, ran: 1, resumed: 0 };
 * await writeShardRecord(dir, "demo", { shard: "0/2", source: "--shard", started: "", seconds: 0, cells });
 * await clearShardRecords(dir, "demo");
 * await clearShardRecords(dir, "demo");
 * assert.deepEqual(await readShardRecords(dir, "demo"), []);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function clearShardRecords(outDir: string, name: string): Promise<void> {
  await Deno.remove(shardRecordDir(outDir, name), { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
}
