import type { Shard } from "../runner/shard.ts";

/**
 * How a flag's text is read:
 * - `int`: one integer in [`min` (default 0), `max`]; scientific notation for whole numbers (`2e4`);
 * - `positive`: one positive finite number;
 * - `intList`, `numberList`: comma-separated integers in [`min` (default 1), `max`], numbers in [`min`, `max`];
 * - `choice`, `choices`: one name, or a comma-separated list of names, from `choices`;
 * - `preset`: one of the task's preset names (see {@linkcode TaskSpec.presets});
 * - `boolean`: present or not, no value;
 * - `outDir`: a folder, trailing slashes dropped (`"/"` kept); `dataDir`: the same, and not `"/"` or empty;
 * - `string`: the text as given;
 * - `custom`: whatever {@linkcode FlagSpec.parse} makes of it;
 * - `shard`: `I/N`, shard I (0-based) of N; when not given, from the scheduler's environment and the
 *   `shards`, `merge` and `fresh` settings (see `resolveShard`); `undefined` for the whole grid.
 *
 * @example
 * ```ts
 * import type { FlagKind } from "./flag_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const kind: FlagKind = "intList";
 * assert.equal(kind, "intList");
 * ```
 */
export type FlagKind =
  | "int"
  | "positive"
  | "intList"
  | "numberList"
  | "choice"
  | "choices"
  | "preset"
  | "boolean"
  | "outDir"
  | "dataDir"
  | "string"
  | "custom"
  | "shard";

/**
 * One flag, as data: how its value is read and checked, where it goes, its
 * default and its help line. A task's flags are a {@linkcode FlagTable}.
 *
 * @example A learning-rate flag
 * ```ts
 * import type { FlagSpec } from "./flag_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const lr: FlagSpec = { kind: "positive", key: "learningRate", default: 1e-3, help: "learning rate (default {default})" };
 * assert.equal(lr.key, "learningRate");
 * ```
 */
export interface FlagSpec {
  /** How the value is read. */
  readonly kind: FlagKind;
  /** The help line; `{default}` stands for the default, and a `"\n"` starts a continuation line under it. */
  readonly help: string;
  /** The setting the value goes to (default: the flag's name), e.g. `"learningRate"` for `--lr`. */
  readonly key?: string;
  /** The value's placeholder in the help (default: `N`, `X`, `LIST`, `NAME` or `DIR` by kind; none for booleans). */
  readonly arg?: string;
  /** Smallest value allowed (`int`, `intList`, `numberList`). */
  readonly min?: number;
  /** Largest value allowed (`int`, `intList`, `numberList`). */
  readonly max?: number;
  /** Why `max` is the bound (`int`, `intList`), said in the error, e.g. `"a cell's 4 GiB: 28×28 inputs × 16 B per weight"`. */
  readonly maxWhy?: string;
  /** The names allowed (`choice`, `choices`). */
  readonly choices?: readonly string[];
  /** The value when neither the flag nor the preset gives one; a flag without either is left unset. */
  readonly default?: unknown;
  /** Reads a `custom` flag's text (the flag's name is for the error message); throws a `UsageError`. */
  readonly parse?: (flag: string, text: string) => unknown;
}

/**
 * A task's flags by name (without the dashes), in the order of its help text.
 *
 * @example
 * ```ts
 * import type { FlagTable } from "./flag_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = { json: { kind: "boolean", help: "one JSON object per line" } } as const satisfies FlagTable;
 * assert.deepEqual(Object.keys(flags), ["json"]);
 * ```
 */
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/**
 * A task's presets by name: each a plain object of settings that the flags
 * with the same key override.
 *
 * @example
 * ```ts
 * import type { Presets } from "./flag_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const presets: Presets = { default: { samples: 2000 }, paper: { samples: 10000 } };
 * assert.equal(Object.keys(presets).length, 2);
 * ```
 */
export type Presets = Readonly<Record<string, object>>;

/**
 * Everything a task's command line is read with: its name and summary (for
 * `--help`), its flags, its presets and a check across flags.
 *
 * @typeParam T The task's flags.
 * @typeParam P The task's presets.
 *
 * @example
 * ```ts
 * import type { TaskSpec } from "./flag_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const spec: TaskSpec = { task: "bench", summary: "Times things.", flags: {} };
 * assert.equal(spec.task, "bench");
 * ```
 */
export interface TaskSpec<T extends FlagTable = FlagTable, P extends Presets = Presets> {
  /** The task's name, as `deno task` calls it, e.g. `"syre:vae"`. */
  readonly task: string;
  /** What the task does and writes, printed under the usage line of `--help`. */
  readonly summary: string;
  /** The task's flags, `--help` aside (every task has it). */
  readonly flags: T;
  /** The presets the `preset` flag chooses from; required when a flag is of kind `preset`. */
  readonly presets?: P;
  /** The column the help lines start at (default 20). */
  readonly column?: number;
  /** Checks the settings across flags after parsing; throws a `UsageError`. */
  readonly check?: (flags: TaskFlags<T, P>) => void;
}

/** The parsed value type of a flag spec (a custom parser's result, a number, a list, a choice or a string). */
export type ValueOf<F> = F extends { kind: "custom"; parse: (flag: string, text: string) => infer V } ? V
  : F extends { kind: "int" | "positive" } ? number
  : F extends { kind: "intList" | "numberList" } ? number[]
  : F extends { kind: "boolean" } ? boolean
  : F extends { kind: "shard" } ? Shard | undefined
  : F extends { kind: "choices"; choices: readonly (infer C)[] } ? C[]
  : F extends { kind: "choice"; choices: readonly (infer C)[] } ? C
  : string;

/** The settings key a flag fills: its `key`, else its name. */
export type KeyOf<N, F> = F extends { key: infer K extends string } ? K : N;

/**
 * The settings a task's flags give, by key: each flag's typed value.
 *
 * @typeParam T The task's flags.
 *
 * @example
 * ```ts
 * import type { FlagValues } from "./flag_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = { lr: { kind: "positive", key: "learningRate", help: "" } } as const;
 * const values: FlagValues<typeof flags> = { learningRate: 0.1 };
 * assert.equal(values.learningRate, 0.1);
 * ```
 */
export type FlagValues<T extends FlagTable> = { -readonly [N in keyof T as KeyOf<N, T[N]>]: ValueOf<T[N]> };

/**
 * A task's settings from its flags, with `preset` narrowed to the names of
 * its presets.
 *
 * @typeParam T The task's flags.
 * @typeParam P The task's presets.
 *
 * @example
 * ```ts
 * import type { TaskFlags } from "./flag_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = { preset: { kind: "preset", help: "" }, seed: { kind: "int", help: "" } } as const;
 * const values: TaskFlags<typeof flags, { smoke: object }> = { preset: "smoke", seed: 1 };
 * assert.equal(values.preset, "smoke");
 * ```
 */
export type TaskFlags<T extends FlagTable, P extends Presets> =
  & Omit<FlagValues<T>, "preset">
  & ("preset" extends keyof T ? { preset: keyof P & string } : unknown);

/**
 * What {@linkcode TaskSpec}'s flags give: every setting by key (`flags`),
 * the chosen preset with the flags of its keys applied (`settings`), and
 * the settings outside the preset (`common`).
 *
 * @typeParam T The task's flags.
 * @typeParam P The task's presets.
 *
 * @example
 * ```ts
 * import type { ParsedTask } from "./flag_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = { preset: { kind: "preset", help: "" }, steps: { kind: "int", help: "" } } as const;
 * type P = { default: { steps: number; lr: number } };
 * const parsed: ParsedTask<typeof flags, P> = {
 *   flags: { preset: "default", steps: 5 },
 *   settings: { steps: 5, lr: 0.1 },
 *   common: { preset: "default" },
 * };
 * assert.equal(parsed.settings.lr, 0.1);
 * ```
 */
export interface ParsedTask<T extends FlagTable, P extends Presets> {
  /** Every flag's value by key (from the flag, else the preset, else the flag's default). */
  flags: TaskFlags<T, P>;
  /** The chosen preset, its fields overridden by the flags of the same key; `{}` without presets. */
  settings: P[keyof P];
  /** The flags whose keys the preset does not have. */
  common: Omit<TaskFlags<T, P>, keyof P[keyof P]>;
}
