import type { Shard } from "../runner/shard.ts";
import { UsageError } from "./usage_error.ts";

/**
 * The scheduler variables a task reads to find its shard, and the only ones
 * a grid task may read: `deno.json` grants `--allow-env` for exactly these.
 *
 * @example
 * ```ts
 * import { SHARD_ENV } from "./shard_flag.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(SHARD_ENV.join(","), "SLURM_ARRAY_TASK_ID,SLURM_ARRAY_TASK_COUNT,JOB_COMPLETION_INDEX");
 * ```
 */
export const SHARD_ENV = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX"] as const;

/**
 * Reads `--shard I/N`: shard I (0-based) of N.
 *
 * @param flag The flag's name, for the message.
 * @param text The flag's value.
 * @returns The shard, its source `"--shard"`.
 * @throws {UsageError} Unless the text is `I/N` with 0 ≤ I < N.
 *
 * @example
 * ```ts
 * import { parseShardFlag } from "./shard_flag.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseShardFlag("shard", "3/4"), { index: 3, count: 4, source: "--shard" });
 * assert.throws(() => parseShardFlag("shard", "4/4"), /--shard must be I\/N with 0 ≤ I < N, got "4\/4"/);
 * ```
 */
export function parseShardFlag(flag: string, text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (!m || !(index < count)) throw new UsageError(`--${flag} must be I/N with 0 ≤ I < N, got "${text}"`);
  return { index, count, source: `--${flag}` };
}

/** The settings {@linkcode resolveShard} reads: the flags `--shard`, `--shards`, `--merge` and `--fresh`. */
export interface ShardFlags {
  /** `--shard I/N`, if given. */
  shard?: Shard;
  /** `--shards N`: the shard count of a Kubernetes Indexed Job. */
  shards?: number;
  /** `--merge`: assemble from stored cells; never a shard. */
  merge?: boolean;
  /** `--fresh`: forget stored cells; never with a shard. */
  fresh?: boolean;
}

/**
 * The shard a task runs: `--shard I/N` if given; else, in a Slurm array
 * job, `SLURM_ARRAY_TASK_ID` of `SLURM_ARRAY_TASK_COUNT`; else, in a
 * Kubernetes Indexed Job, `JOB_COMPLETION_INDEX` of `--shards N`; else none
 * (the whole grid). `--merge` never runs as a shard.
 *
 * @param flags The task's shard flags.
 * @param env Reads a variable (default: the process's environment where the task may read it).
 * @returns The shard, its `source` saying which of these gave it; `undefined` for the whole grid.
 * @throws {UsageError} For a shard with `--fresh` or `--merge`, an index outside [0, N), or
 * `JOB_COMPLETION_INDEX` and `--shards` without each other.
 *
 * @example Flag, Slurm, Kubernetes, none
 * ```ts
 * import { resolveShard } from "./shard_flag.ts";
 * import assert from "node:assert/strict";
 *
 * const slurm = { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "4" } as Record<string, string>;
 * const k8s = { JOB_COMPLETION_INDEX: "5" } as Record<string, string>;
 * const none = () => undefined;
 * assert.equal(resolveShard({ shard: { index: 1, count: 3, source: "--shard" } }, (v) => slurm[v])?.index, 1);
 * assert.deepEqual(resolveShard({}, (v) => slurm[v]), {
 *   index: 2, count: 4, source: "SLURM_ARRAY_TASK_ID=2 of SLURM_ARRAY_TASK_COUNT=4",
 * });
 * assert.deepEqual(resolveShard({ shards: 8 }, (v) => k8s[v]), { index: 5, count: 8, source: "JOB_COMPLETION_INDEX=5 of --shards 8" });
 * assert.equal(resolveShard({}, none), undefined);
 * assert.equal(resolveShard({ merge: true }, (v) => slurm[v]), undefined);
 * assert.throws(() => resolveShard({}, (v) => k8s[v]), /JOB_COMPLETION_INDEX is set: give --shards N/);
 * assert.throws(() => resolveShard({ fresh: true }, (v) => slurm[v]), /--fresh cannot be used by a shard/);
 * ```
 */
export function resolveShard(
  flags: ShardFlags,
  env: (name: string) => string | undefined = readEnv,
): Shard | undefined {
  if (flags.merge) {
    if (flags.shard) throw new UsageError("--merge assembles every shard's cells: it takes no --shard");
    if (flags.fresh) throw new UsageError("--merge reads the stored cells: it cannot be used with --fresh");
    return undefined;
  }
  const shard = flags.shard ?? fromEnv(flags.shards, env);
  if (shard && flags.fresh) {
    throw new UsageError(
      "--fresh cannot be used by a shard (it would delete the other shards' cells): delete the cell folder once, before submitting",
    );
  }
  return shard;
}

function fromEnv(shards: number | undefined, env: (name: string) => string | undefined): Shard | undefined {
  const id = env("SLURM_ARRAY_TASK_ID"), total = env("SLURM_ARRAY_TASK_COUNT");
  if (id !== undefined && total !== undefined) {
    const count = Number(total);
    if (shards !== undefined && shards !== count) {
      throw new UsageError(`--shards ${shards} differs from SLURM_ARRAY_TASK_COUNT=${total}`);
    }
    return checked(Number(id), count, `SLURM_ARRAY_TASK_ID=${id} of SLURM_ARRAY_TASK_COUNT=${total}`);
  }
  const index = env("JOB_COMPLETION_INDEX");
  if (index !== undefined && shards === undefined) {
    throw new UsageError("JOB_COMPLETION_INDEX is set: give --shards N, the Indexed Job's completions");
  }
  if (index === undefined && shards !== undefined) {
    throw new UsageError(
      "--shards needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); elsewhere use --shard I/N",
    );
  }
  return index === undefined
    ? undefined
    : checked(Number(index), shards!, `JOB_COMPLETION_INDEX=${index} of --shards ${shards}`);
}

function checked(index: number, count: number, source: string): Shard {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new UsageError(
      `Cannot run shard ${source}: the index must be in [0, N) (submit a Slurm array as --array=0-<N-1>)`,
    );
  }
  return { index, count, source };
}

/** A scheduler variable, or `undefined` where it is unset or the task may not read it. */
function readEnv(name: string): string | undefined {
  return Deno.permissions.querySync({ name: "env", variable: name }).state === "granted"
    ? Deno.env.get(name)
    : undefined;
}
