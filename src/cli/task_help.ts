import type { FlagSpec, FlagTable, Presets, TaskSpec } from "./flag_spec.ts";
import { SHARED_FLAGS } from "./shared_flags.ts";

const ARG: Partial<Record<FlagSpec["kind"], string>> = {
  int: "N",
  positive: "X",
  intList: "LIST",
  numberList: "LIST",
  choice: "NAME",
  choices: "LIST",
  preset: "NAME",
  outDir: "DIR",
  dataDir: "DIR",
  string: "X",
  custom: "X",
  shard: "I/N",
};

/**
 * The `--help` text of a task, made from its table: the usage line, the
 * summary, then one line per flag (`--help` last), its help starting at the
 * spec's column, `{default}` replaced by the flag's default (or, for a flag
 * without one, by its field in the default preset) and continuation lines
 * indented to the same column.
 *
 * @param spec The task.
 * @returns The text, ending in a newline.
 *
 * @example
 * ```ts
 * import { taskHelp } from "./task_help.ts";
 * import assert from "node:assert/strict";
 *
 * const help = taskHelp({
 *   task: "fig2",
 *   summary: "Draws Fig. 2.",
 *   flags: {
 *     preset: { kind: "preset", default: "default", help: "default or paper" },
 *     batch: { kind: "int", default: 32, help: "mini-batch size (default {default})" },
 *     epochs: { kind: "int", help: "most epochs (default {default})" },
 *   },
 *   presets: { default: { epochs: 100 }, paper: { epochs: 500 } },
 * });
 * assert.equal(
 *   help,
 *   "Usage: deno task fig2 [flags]\n\nDraws Fig. 2.\n\n" +
 *     "  --preset NAME     default or paper\n" +
 *     "  --batch N         mini-batch size (default 32)\n" +
 *     "  --epochs N        most epochs (default 100)\n" +
 *     "  --help            print this text\n",
 * );
 * ```
 */
export function taskHelp<T extends FlagTable, P extends Presets>(spec: TaskSpec<T, P>): string {
  const column = spec.column ?? 20;
  const table: FlagTable = { ...spec.flags, help: SHARED_FLAGS.help };
  const presetFlag = Object.values(table).find((f) => f.kind === "preset");
  const preset = (spec.presets as Record<string, Record<string, unknown>> | undefined)?.[
    String(presetFlag?.default)
  ];
  const lines = Object.entries(table).map(([name, f]) => {
    const arg = f.arg ?? ARG[f.kind];
    const head = `  --${name}${arg ? ` ${arg}` : ""}`;
    const help = f.help.replaceAll("{default}", formatDefault(f.default ?? preset?.[f.key ?? name]));
    return (head.length < column ? head.padEnd(column) : `${head} `) +
      help.replaceAll("\n", `\n${" ".repeat(column)}`);
  });
  return `Usage: deno task ${spec.task} [flags]\n\n${spec.summary}\n\n${lines.join("\n")}\n`;
}

/** A default as the command line would give it: lists comma-separated. */
function formatDefault(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}
