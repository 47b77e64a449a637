/**
 * What the task entry points share: flag parsing, number lists, output and data
 * folders, {@linkcode runMain} and the {@linkcode UsageError} it turns into one
 * line and exit status 2.
 *
 * @example Unknown flags are usage errors
 * ```ts
 * import { parseFlags, UsageError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = { json: { type: "boolean", default: false } } as const;
 * assert.equal(parseFlags(["--json"], flags).json, true);
 * assert.throws(() => parseFlags(["--jsno"], flags), UsageError);
 * ```
 *
 * @module
 */
export * from "./budget.ts";
export * from "./data_dir.ts";
export * from "./flag_spec.ts";
export * from "./flags.ts";
export * from "./number_list.ts";
export * from "./output_dir.ts";
export * from "./parse_flags.ts";
export * from "./parse_task_flags.ts";
export * from "./run_main.ts";
export * from "./shard_flag.ts";
export * from "./select_backend.ts";
export * from "./shared_flags.ts";
export * from "./task_help.ts";
export * from "./usage_error.ts";
