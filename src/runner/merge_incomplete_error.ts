/**
 * Thrown by `runGrid` with `merge` when some cells of the grid are not
 * stored yet: the user's shards have not all finished. A task turns it into
 * one line and exit status 2; nothing was run or written.
 *
 * @example
 * ```ts
 * import { MergeIncompleteError } from "./merge_incomplete_error.ts";
 * import assert from "node:assert/strict";
 *
 * const e = new MergeIncompleteError('Cannot merge "table1": 3 of 12 cells are not stored');
 * assert.equal(e.name, "MergeIncompleteError");
 * assert.ok(e instanceof Error);
 * ```
 */
export class MergeIncompleteError extends Error {
  /**
   * Creates the error, named `"MergeIncompleteError"`.
   *
   * @param message Which grid, and which cells are missing, in one line.
   */
  constructor(message: string) {
    super(message);
    this.name = "MergeIncompleteError";
  }
}
