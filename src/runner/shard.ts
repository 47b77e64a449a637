/**
 * One machine's part of a grid run on many: shard `index` of `count`
 * (0-based, as Slurm array task IDs and Kubernetes completion indexes are).
 */
export interface Shard {
  /** This shard, 0 ≤ index < count. */
  index: number;
  /** How many shards the grid is split into. */
  count: number;
  /** Where the shard came from, for the progress line: `"--shard"`, `"SLURM_ARRAY_TASK_ID"`, …. */
  source?: string;
}

/**
 * Splits a grid's cells into `count` cost-balanced shares: the costliest
 * cell first, each to the shard with the least estimated work so far (ties
 * to the lower shard; longest-processing-time scheduling). The assignment
 * depends only on the whole grid's costs, never on which cells are already
 * stored, so shards started at different times agree: every cell belongs to
 * exactly one shard, and the shares together are the whole grid.
 *
 * @param costs Each cell's estimated cost, in grid order.
 * @param count How many shards.
 * @returns Each cell's shard, in grid order.
 * @throws {RangeError} If `count` is not a positive integer.
 *
 * @example Four cells on two shards
 * ```ts
 * import { assignShards } from "./shard.ts";
 * import assert from "node:assert/strict";
 *
 * // 8 → shard 0; 5 → shard 1; 4 → shard 1 (5 < 8); 3 → shard 0 (8 < 9).
 * assert.deepEqual(assignShards([3, 8, 4, 5], 2), [0, 0, 1, 1]);
 * assert.deepEqual(assignShards([3, 8, 4, 5], 1), [0, 0, 0, 0]);
 * // More shards than cells: the last shards get nothing.
 * assert.deepEqual(assignShards([1, 1], 3), [0, 1]);
 * ```
 */
export function assignShards(costs: readonly number[], count: number): number[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`Cannot split a grid into "${count}" shards: the count must be a positive integer`);
  }
  const order = costs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  const load = new Array<number>(count).fill(0);
  const shard = new Array<number>(costs.length);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    shard[i] = best;
    load[best] += costs[i];
  }
  return shard;
}

/**
 * The cells of one shard: the grid indexes that {@linkcode assignShards}
 * gives to `shard.index`, in grid order.
 *
 * @param costs Each cell's estimated cost, in grid order.
 * @param shard The shard.
 * @returns Grid indexes, ascending.
 * @throws {RangeError} If the shard's index is not in [0, count).
 *
 * @example The shares are disjoint and cover the grid
 * ```ts
 * import { shardCells } from "./shard.ts";
 * import assert from "node:assert/strict";
 *
 * const costs = [5, 1, 1, 9, 2, 2, 7];
 * const shares = [0, 1, 2].map((index) => shardCells(costs, { index, count: 3 }));
 * assert.deepEqual(shares, [[3], [5, 6], [0, 1, 2, 4]]); // loads 9, 9, 9
 * assert.deepEqual(shares.flat().sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6]);
 * assert.throws(() => shardCells(costs, { index: 3, count: 3 }), RangeError);
 * ```
 */
export function shardCells(costs: readonly number[], shard: Shard): number[] {
  const { index, count } = shard;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`Cannot run shard "${index}" of ${count}: the index must be in [0, ${count})`);
  }
  const owner = assignShards(costs, count);
  return owner.flatMap((s, i) => s === index ? [i] : []);
}
