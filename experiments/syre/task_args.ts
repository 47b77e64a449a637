import { parseFlags } from "../../src/cli/parse_flags.ts";
import { parseInteger } from "../../src/cli/flags.ts";
import { UsageError } from "../../src/cli/usage_error.ts";
import { outDirFlag } from "../../src/cli/output_dir.ts";

/** The settings every syre figure task shares. */
export interface SyreTaskArgs<P extends string> {
  /** The chosen preset. */
  preset: P;
  /** Run seed; every random draw derives from it. */
  seed: number;
  /** Parallel workers. */
  workers: number;
  /** Output folder. */
  out: string;
  /** Forget stored cells and run everything again. */
  fresh: boolean;
}

/** The presets of every syre figure task: `smoke` (seconds, for tests), `default` (minutes) and `paper`. */
export const SYRE_PRESETS = ["smoke", "default", "paper"] as const;

/** A preset name. */
export type SyrePreset = typeof SYRE_PRESETS[number];

/**
 * Parses the flags of a syre figure task: `--preset`, `--seed`,
 * `--workers`, `--out`, `--fresh`, `--help`. Bad input throws a one-line
 * {@linkcode UsageError}.
 *
 * @param args Command-line arguments.
 * @param help The task's help text, printed for `--help`.
 * @returns The settings, or `undefined` after `--help`.
 *
 * @example
 * ```ts
 * import { parseSyreTaskArgs } from "./task_args.ts";
 * import assert from "node:assert/strict";
 *
 * const a = parseSyreTaskArgs(["--preset", "paper", "--seed", "3"], "help")!;
 * assert.deepEqual([a.preset, a.seed, a.out], ["paper", 3, "results"]);
 * assert.throws(() => parseSyreTaskArgs(["--preset", "huge"], "help"), /--preset/);
 * ```
 */
export function parseSyreTaskArgs(args: string[], help: string): SyreTaskArgs<SyrePreset> | undefined {
  const values = parseFlags(args, {
    preset: { type: "string", default: "default" },
    seed: { type: "string", default: "1" },
    workers: { type: "string", default: String(navigator.hardwareConcurrency || 1) },
    out: { type: "string", default: "results" },
    fresh: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  });
  if (values.help) {
    console.log(help);
    return undefined;
  }
  const preset = values.preset as SyrePreset;
  if (!SYRE_PRESETS.includes(preset)) {
    throw new UsageError(`--preset must be one of ${SYRE_PRESETS.join(", ")}, got "${values.preset}"`);
  }
  return {
    preset,
    seed: parseInteger("seed", values.seed, 0),
    workers: parseInteger("workers", values.workers, 1, 256),
    out: outDirFlag(values.out),
    fresh: values.fresh,
  };
}

/**
 * The help text of a syre figure task: its summary, then the shared flags.
 *
 * @param task The task name, e.g. `"syre:quartic"`.
 * @param summary What it runs and writes, a few lines.
 * @returns The help text.
 *
 * @example
 * ```ts
 * import { syreTaskHelp } from "./task_args.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(syreTaskHelp("syre:quartic", "Figure 4."), /^Usage: deno task syre:quartic/);
 * ```
 */
export function syreTaskHelp(task: string, summary: string): string {
  return `Usage: deno task ${task} [flags]

${summary}

  --preset NAME   smoke (seconds, for tests), default (minutes on 2 cores) or paper
  --seed N        run seed; every random draw derives from it (default 1)
  --workers N     parallel workers (default: the number of cores)
  --out DIR       output folder (default results; the task may write only there)
  --fresh         forget finished cells and start over
  --help          print this text
`;
}
