import type { ParseArgsOptionsConfig } from "node:util";
import { FIT_DEFAULTS } from "../../src/nn/fit.ts";
import { parseInteger, parseIntList, parsePositive } from "../../src/cli/flags.ts";
import { parseFlags } from "../../src/cli/parse_flags.ts";
import { MIN_SAMPLES } from "./pr_table_args.ts";
import { UsageError } from "../../src/cli/usage_error.ts";
import { outDirFlag } from "../../src/cli/output_dir.ts";

/** The settings every hyperparameter study (Table 4, Fig. 4) shares; studies add their own. */
export interface SweepConfig {
  /** Task name: output base name and cell folder. */
  name: string;
  /** The preset the settings came from. */
  preset: string;
  /** Signal dimensions. */
  n: number[];
  /** Dataset size (train, validation and test). */
  samples: number;
  /** Run seed. */
  seed: number;
  /** Most epochs per network. */
  epochs: number;
  /** Early-stopping patience. */
  patience: number;
  /** Mini-batch size where the study does not vary it. */
  batch: number;
  /** Adam learning rate where the study does not vary it. */
  learningRate: number;
  /** Parallel workers. */
  workers: number;
  /** Output folder. */
  out: string;
  /** Forget stored cells. */
  fresh: boolean;
}

/** What a preset of a study fixes; flags override it. */
export interface SweepPreset {
  /** Signal dimensions. */
  n: number[];
  /** Dataset size. */
  samples: number;
  /** Most epochs per network. */
  epochs: number;
}

/**
 * The help lines of the flags every study accepts.
 *
 * @param presets The study's presets, listed under `--preset`.
 * @returns Help text, one flag a line.
 *
 * @example
 * ```ts
 * import { sweepHelpLines } from "./sweep_args.ts";
 * import assert from "node:assert/strict";
 *
 * const help = sweepHelpLines({ default: { n: [5], samples: 20000, epochs: 10 } });
 * assert.match(help, /--preset NAME +default \(n=5; 20000 samples; epochs≤10\)/);
 * ```
 */
export function sweepHelpLines(presets: Record<string, SweepPreset>): string {
  const list = Object.entries(presets).map(([k, p]) =>
    `${k} (n=${p.n.join(",")}; ${p.samples} samples; epochs≤${p.epochs})`
  ).join(" or ");
  return `  --preset NAME     ${list}
  --n LIST          signal dimensions, e.g. 5,15
  --samples N       dataset size (≥ ${MIN_SAMPLES})
  --epochs N        most epochs per network
  --batch N         mini-batch size where not swept (default ${FIT_DEFAULTS.batch})
  --lr X            Adam learning rate where not swept (default ${FIT_DEFAULTS.learningRate})
  --patience N      early-stopping patience in epochs (default ${FIT_DEFAULTS.patience})
  --seed N          run seed (default 1)
  --workers N       parallel workers (default: the number of cores)
  --out DIR         output folder (default results; the task may write only there)
  --fresh           forget finished cells and start over
  --help            print this text`;
}

/**
 * Parses a study's flags: the shared ones into a {@linkcode SweepConfig},
 * the study's own (`extra`) returned as raw values. Bad input throws a
 * {@linkcode UsageError}.
 *
 * @param name The task name.
 * @param args Command-line arguments.
 * @param presets The study's presets (must include `default`).
 * @param extra Option config of the study's own flags.
 * @returns The config and every raw value, or `undefined` after `--help` (the caller prints its help).
 *
 * @example
 * ```ts
 * import { parseSweepArgs } from "./sweep_args.ts";
 * import assert from "node:assert/strict";
 *
 * const presets = { default: { n: [5, 10], samples: 20000, epochs: 10 } };
 * const r = parseSweepArgs("fig4", ["--n", "5", "--lrs", "0.1"], presets, { lrs: { type: "string" } })!;
 * assert.deepEqual([r.config.n, r.config.samples, r.config.epochs, r.values.lrs], [[5], 20000, 10, "0.1"]);
 * assert.throws(() => parseSweepArgs("fig4", ["--samples", "5"], presets, {}), /--samples/);
 * ```
 */
export function parseSweepArgs<T extends ParseArgsOptionsConfig>(
  name: string,
  args: string[],
  presets: Record<string, SweepPreset>,
  extra: T,
): { config: SweepConfig; values: Record<string, string | boolean | undefined> } | undefined {
  const values = parseFlags(args, {
    preset: { type: "string", default: "default" },
    n: { type: "string" },
    samples: { type: "string" },
    epochs: { type: "string" },
    batch: { type: "string", default: String(FIT_DEFAULTS.batch) },
    lr: { type: "string", default: String(FIT_DEFAULTS.learningRate) },
    patience: { type: "string", default: String(FIT_DEFAULTS.patience) },
    seed: { type: "string", default: "1" },
    workers: { type: "string", default: String(navigator.hardwareConcurrency || 1) },
    out: { type: "string", default: "results" },
    fresh: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
    ...extra,
  }) as Record<string, string | boolean | undefined>;
  if (values.help) return undefined;
  const presetName = values.preset as string;
  if (!Object.hasOwn(presets, presetName)) {
    throw new UsageError(`--preset must be one of ${Object.keys(presets).join(", ")}, got "${presetName}"`);
  }
  const preset = presets[presetName];
  const str = (k: string) => values[k] as string | undefined;
  return {
    config: {
      name,
      preset: presetName,
      n: str("n") === undefined ? [...preset.n] : parseIntList("n", str("n")!, 1),
      samples: str("samples") === undefined
        ? preset.samples
        : parseInteger("samples", str("samples")!, MIN_SAMPLES),
      seed: parseInteger("seed", str("seed")!, 0),
      epochs: str("epochs") === undefined ? preset.epochs : parseInteger("epochs", str("epochs")!, 1),
      patience: parseInteger("patience", str("patience")!, 1),
      batch: parseInteger("batch", str("batch")!, 1),
      learningRate: parsePositive("lr", str("lr")!),
      workers: parseInteger("workers", str("workers")!, 1, 256),
      out: outDirFlag(str("out")!),
      fresh: values.fresh as boolean,
    },
    values,
  };
}
