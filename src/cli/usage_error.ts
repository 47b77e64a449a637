/**
 * A mistake in how a task was called (unknown flag, bad value, an output
 * folder it may not write). Tasks print its message on one line and exit
 * with status 2, without a stack trace.
 *
 * @example An error with its own name
 * ```ts
 * import { UsageError } from "./usage_error.ts";
 * import assert from "node:assert/strict";
 *
 * const e = new UsageError("--n must be positive");
 * assert.ok(e instanceof Error);
 * assert.equal(e.name, "UsageError");
 * ```
 */
export class UsageError extends Error {
  /**
   * Creates the error, named `"UsageError"`.
   *
   * @param message What is wrong, in one line.
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
