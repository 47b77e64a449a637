import { Pcg32 } from "../random/pcg32.ts";

/**
 * An endless stream of mini-batch row indices: each epoch is a fresh seeded
 * shuffle of `0 … rows − 1`, cut into batches of `batch` (the last batch of
 * an epoch may be shorter).
 *
 * @example Every row once per epoch
 * ```ts
 * import { MiniBatches } from "./mini_batches.ts";
 * import assert from "node:assert/strict";
 *
 * const b = new MiniBatches(5, 2, 1);
 * const epoch = [...b.next(), ...b.next(), ...b.next()];
 * assert.deepEqual(epoch.sort(), [0, 1, 2, 3, 4]);
 * ```
 */
export class MiniBatches {
  /** Rows per batch. */
  readonly batch: number;
  readonly #order: Uint32Array;
  readonly #rng: Pcg32;
  #at: number;

  /**
   * Draws batches of `batch` row indices from `rows` rows, reshuffled each epoch.
   *
   * @param rows Number of rows to draw from.
   * @param batch Rows per batch.
   * @param seed Seed of the shuffles.
   * @throws {RangeError} If rows or batch is not a positive integer.
   */
  constructor(rows: number, batch: number, seed: number) {
    if (!(Number.isInteger(rows) && rows > 0 && Number.isInteger(batch) && batch > 0)) {
      throw new RangeError(
        `Cannot batch: rows and batch must be positive integers, got ${rows} and ${batch}`,
      );
    }
    this.batch = batch;
    this.#order = Uint32Array.from({ length: rows }, (_, i) => i);
    this.#rng = new Pcg32(seed);
    this.#at = rows;
  }

  /**
   * The next batch's row indices (a view, valid until the next call).
   *
   * @returns Between 1 and `batch` indices.
   */
  next(): Uint32Array {
    const order = this.#order;
    if (this.#at >= order.length) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = this.#rng.nextInt(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      this.#at = 0;
    }
    const end = Math.min(order.length, this.#at + this.batch);
    const out = order.subarray(this.#at, end);
    this.#at = end;
    return out;
  }
}

/**
 * Copies the rows `indices` of a row-major matrix into a new array.
 *
 * @param data `rows × dim`, row-major.
 * @param dim Row length.
 * @param indices Rows to copy, in order.
 * @returns `indices.length × dim`.
 *
 * @example
 * ```ts
 * import { gatherRows } from "./mini_batches.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(gatherRows(new Float32Array([1, 2, 3, 4, 5, 6]), 2, [2, 0]), new Float32Array([5, 6, 1, 2]));
 * ```
 */
export function gatherRows<T extends Float32Array | Uint8Array>(
  data: T,
  dim: number,
  indices: ArrayLike<number>,
): T {
  const out = new (data.constructor as new (n: number) => T)(indices.length * dim);
  for (let i = 0; i < indices.length; i++) {
    out.set(data.subarray(indices[i] * dim, (indices[i] + 1) * dim), i * dim);
  }
  return out;
}
