import type { FlagSpec, FlagTable, ParsedTask, Presets, TaskSpec } from "./flag_spec.ts";
import { parseChoice, parseChoices, parseInteger, parseIntList, parsePositive } from "./flags.ts";
import { parseNumberList } from "./number_list.ts";
import { outDirFlag } from "./output_dir.ts";
import { parseFlags } from "./parse_flags.ts";
import { parseShardFlag, resolveShard, type ShardFlags } from "./shard_flag.ts";
import { taskHelp } from "./task_help.ts";
import { UsageError } from "./usage_error.ts";

/**
 * Reads a task's command line from its flag table, nanoGPT-configurator
 * style: the preset (a plain object of settings) is chosen first, then each
 * flag's value comes from the command line if given, else from the preset's
 * field of the same key, else from the flag's default. Flags are checked in
 * table order, then across flags by the spec's `check`. `--help` prints the
 * text {@linkcode taskHelp} makes and returns `undefined`, before any value
 * is checked. A `shard` flag not given is read from the scheduler's
 * environment (`resolveShard`), through `options.env`.
 *
 * @param args The command-line arguments.
 * @param spec The task: its flags, presets and help.
 * @param options `env` reads an environment variable (default: the process's, where permitted).
 * @returns The settings, or `undefined` after `--help`.
 * @throws {UsageError} For an unknown flag, a stray argument or a bad value, in one line.
 *
 * @example Flags override the preset
 * ```ts
 * import { parseTaskFlags } from "./parse_task_flags.ts";
 * import { SHARED_FLAGS } from "./shared_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const spec = {
 *   task: "demo",
 *   summary: "A demo.",
 *   flags: {
 *     preset: SHARED_FLAGS.preset,
 *     steps: SHARED_FLAGS.steps,
 *     lr: { ...SHARED_FLAGS.lr, key: "lr" },
 *     seed: SHARED_FLAGS.seed,
 *   },
 *   presets: { default: { steps: 10, lr: 0.1, width: 20 }, paper: { steps: 1000, lr: 0.01, width: 200 } },
 * } as const;
 * const r = parseTaskFlags(["--preset", "paper", "--steps", "2e3"], spec)!;
 * assert.deepEqual(r.flags, { preset: "paper", steps: 2000, lr: 0.01, seed: 1 });
 * assert.deepEqual(r.settings, { steps: 2000, lr: 0.01, width: 200 });
 * assert.deepEqual(r.common, { preset: "paper", seed: 1 });
 * assert.throws(() => parseTaskFlags(["--steps", "0"], spec), /^UsageError: --steps must be an integer ≥ 1, got "0"$/);
 * assert.throws(() => parseTaskFlags(["--preset", "huge"], spec), /--preset must be one of default, paper/);
 * ```
 */
export function parseTaskFlags<const T extends FlagTable, const P extends Presets = Record<never, object>>(
  args: string[],
  spec: TaskSpec<T, P>,
  options: { env?: (name: string) => string | undefined } = {},
): ParsedTask<T, P> | undefined {
  const table: FlagTable = spec.flags;
  const raw = parseFlags(
    args,
    Object.fromEntries(
      [...Object.keys(table), "help"].map((
        name,
      ) => [name, { type: table[name]?.kind === "boolean" || name === "help" ? "boolean" : "string" }]),
    ) as Record<string, { type: "string" | "boolean" }>,
  ) as Record<string, string | boolean | undefined>;
  if (raw.help) {
    console.log(taskHelp(spec));
    return undefined;
  }
  const presets: Presets = spec.presets ?? {};
  const presetFlag = Object.entries(table).find(([, f]) => f.kind === "preset");
  const preset: object = presetFlag
    ? presets[
      parseChoice(presetFlag[0], String(raw[presetFlag[0]] ?? presetFlag[1].default), Object.keys(presets))
    ]
    : {};
  const flags: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(table)) {
    const key = f.key ?? name;
    const text = raw[name];
    const value = f.kind === "preset"
      ? String(text ?? f.default)
      : f.kind === "boolean"
      ? text ?? f.default ?? false
      : text !== undefined
      ? readFlag(name, f, text as string)
      : Object.hasOwn(preset, key)
      ? (preset as Record<string, unknown>)[key]
      : f.default;
    flags[key] = Array.isArray(value) ? [...value] : value;
  }
  for (const [name, f] of Object.entries(table)) {
    if (f.kind === "shard") flags[f.key ?? name] = resolveShard(flags as ShardFlags, options.env);
  }
  const settings = Object.fromEntries(
    Object.entries(preset).map(([k, v]) => [k, Object.hasOwn(flags, k) ? flags[k] : v]),
  );
  const common = Object.fromEntries(Object.entries(flags).filter(([k]) => !Object.hasOwn(preset, k)));
  const parsed = { flags, settings, common } as unknown as ParsedTask<T, P>;
  spec.check?.(parsed.flags);
  return parsed;
}

/** Reads one flag's text by its kind. */
function readFlag(name: string, f: FlagSpec, text: string): unknown {
  switch (f.kind) {
    case "int":
      return parseInteger(name, text, f.min ?? 0, f.max, f.maxWhy);
    case "positive":
      return parsePositive(name, text);
    case "intList":
      return parseIntList(name, text, f.min ?? 1, f.max, f.maxWhy);
    case "numberList":
      return parseNumberList(name, text, f.min ?? -Infinity, f.max ?? Infinity);
    case "choice":
      return parseChoice(name, text, f.choices ?? []);
    case "choices":
      return parseChoices(name, text, f.choices ?? []);
    case "outDir":
      return outDirFlag(text);
    case "dataDir": {
      const dir = text.replace(/\/+$/, "");
      if (dir === "") throw new UsageError(`--${name} must name a folder`);
      return dir;
    }
    case "shard":
      return parseShardFlag(name, text);
    case "custom":
      if (!f.parse) throw new TypeError(`Cannot read flag "--${name}": a custom flag needs a parse function`);
      return f.parse(name, text);
    default:
      return text;
  }
}
