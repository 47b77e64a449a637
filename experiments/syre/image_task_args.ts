import { DEFAULT_DATA_DIR } from "../../src/data/image_dataset.ts";
import { parseInteger } from "../../src/cli/flags.ts";
import { parseFlags } from "../../src/cli/parse_flags.ts";
import { UsageError } from "../../src/cli/usage_error.ts";
import { outDirFlag } from "../../src/cli/output_dir.ts";

/** The flags every syre image task shares, after parsing. */
export interface ImageTaskCommon {
  /** Name of the preset the settings came from. */
  preset: string;
  /** Dataset folder (MNIST format). */
  data: string;
  /** Output folder. */
  out: string;
  /** Run seed. */
  seed: number;
  /** Parallel grid workers. */
  workers: number;
  /** Forget finished cells. */
  fresh: boolean;
  /** The dataset's fingerprint (from `checkDataDir`), part of every cell key; unset for the library's own use. */
  dataset?: string;
}

/** Help lines of the shared flags. */
export const IMAGE_TASK_COMMON_HELP =
  `  --data DIR        MNIST-format dataset folder (default ${DEFAULT_DATA_DIR};
                    elsewhere needs read permission, see README "syre on images")
  --seed N          run seed; weights, θ₀ and batch orders derive from it (default 1)
  --workers N       parallel workers (default: the number of cores)
  --out DIR         output folder (default results; the task may write only there)
  --fresh           forget finished cells and start over
  --help            print this text`;

/**
 * Parses a syre image task's flags: the shared ones (`--preset`, `--data`,
 * `--seed`, `--workers`, `--out`, `--fresh`, `--help`) and the task's own
 * string flags, which override the preset's values through `parse`.
 *
 * @param args Command-line arguments.
 * @param presets The task's presets by name; `default` must be one.
 * @param own The task's own flags (all take a value) and how to apply them to a preset's settings.
 * @param help The task's help text, printed for `--help`.
 * @returns The shared settings and the task's settings, or `undefined` after `--help`.
 * @throws {UsageError} For unknown flags, a bad preset or a bad value.
 *
 * @example
 * ```ts
 * import { parseImageTaskArgs } from "./image_task_args.ts";
 * import { parseInteger } from "../../src/cli/flags.ts";
 * import assert from "node:assert/strict";
 *
 * const presets = { default: { steps: 10 }, paper: { steps: 1000 } };
 * const apply = (s: { steps: number }, f: Record<string, string | undefined>) =>
 *   f.steps === undefined ? s : { ...s, steps: parseInteger("steps", f.steps, 1) };
 * const r = parseImageTaskArgs(["--preset", "paper", "--seed", "3"], presets, ["steps"], apply, "help")!;
 * assert.deepEqual([r.common.preset, r.common.seed, r.settings.steps], ["paper", 3, 1000]);
 * assert.throws(() => parseImageTaskArgs(["--steps", "0"], presets, ["steps"], apply, ""), /--steps/);
 * ```
 */
export function parseImageTaskArgs<S>(
  args: string[],
  presets: Record<string, S>,
  own: readonly string[],
  parse: (settings: S, flags: Record<string, string | undefined>) => S,
  help: string,
): { common: ImageTaskCommon; settings: S } | undefined {
  const values = parseFlags(args, {
    preset: { type: "string", default: "default" },
    data: { type: "string", default: DEFAULT_DATA_DIR },
    seed: { type: "string", default: "1" },
    workers: { type: "string", default: String(navigator.hardwareConcurrency || 1) },
    out: { type: "string", default: "results" },
    fresh: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
    ...Object.fromEntries(own.map((f) => [f, { type: "string" as const }])),
  }) as Record<string, string | boolean | undefined>;
  if (values.help) {
    console.log(help);
    return undefined;
  }
  const preset = values.preset as string;
  if (!Object.hasOwn(presets, preset)) {
    throw new UsageError(`--preset must be one of ${Object.keys(presets).join(", ")}, got "${preset}"`);
  }
  const data = (values.data as string).replace(/\/+$/, "");
  if (data === "") throw new UsageError(`--data must name a folder`);
  const flags = Object.fromEntries(own.map((f) => [f, values[f] as string | undefined]));
  return {
    common: {
      preset,
      data,
      out: outDirFlag(values.out as string),
      seed: parseInteger("seed", values.seed as string, 0),
      workers: parseInteger("workers", values.workers as string, 1, 256),
      fresh: values.fresh as boolean,
    },
    settings: parse(presets[preset], flags),
  };
}
