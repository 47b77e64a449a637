/**
 * `deno task fig2`: Fig. 2 of the symmetry-breaking paper, learning the square
 * root with and without symmetry breaking. Run with `--help` for the flags.
 *
 * @module
 */
import { parseInteger, parsePositive } from "../src/cli/flags.ts";
import { outDirFlag, prepareOutputDir } from "../src/cli/output_dir.ts";
import { parseFlags } from "../src/cli/parse_flags.ts";
import { runMain } from "../src/cli/run_main.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import { FIG2_PRESETS, runSqrtFigure } from "../experiments/phase_retrieval/sqrt_figure.ts";

const HELP = `Usage: deno task fig2 [flags]

Trains the paper's NN to recover x from x², on raw x (B) and on |x| (A, sign symmetry broken),
and writes fig2.csv (the two test errors), fig2.svg and run.json.

  --preset NAME     default (2000 pairs) or paper (10000 pairs); the paper gives no setting
  --samples N       pairs (x, x²) drawn, x uniform in [−1, 1] (≥ 100)
  --epochs N        most epochs (default 100)
  --batch N         mini-batch size (default 32)
  --lr X            Adam learning rate (default 0.001)
  --patience N      early-stopping patience in epochs (default 10)
  --seed N          run seed (default 1)
  --workers N       parallel workers (default: the number of cores)
  --out DIR         output folder (default results; the task may write only there)
  --fresh           forget finished cells and start over
  --help            print this text
`;

await runMain("fig2", async () => {
  const v = parseFlags(Deno.args, {
    preset: { type: "string", default: "default" },
    samples: { type: "string" },
    epochs: { type: "string" },
    batch: { type: "string", default: "32" },
    lr: { type: "string", default: "0.001" },
    patience: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
    workers: { type: "string", default: String(navigator.hardwareConcurrency || 1) },
    out: { type: "string", default: "results" },
    fresh: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  });
  if (v.help) return void console.log(HELP);
  const preset = FIG2_PRESETS[v.preset];
  if (!Object.hasOwn(FIG2_PRESETS, v.preset)) {
    throw new UsageError(
      `--preset must be one of ${Object.keys(FIG2_PRESETS).join(", ")}, got "${v.preset}"`,
    );
  }
  const config = {
    name: "fig2",
    preset: v.preset,
    samples: v.samples === undefined ? preset.samples : parseInteger("samples", v.samples, 100),
    epochs: v.epochs === undefined ? preset.epochs : parseInteger("epochs", v.epochs, 1),
    batch: parseInteger("batch", v.batch, 1),
    learningRate: parsePositive("lr", v.lr),
    patience: parseInteger("patience", v.patience, 1),
    seed: parseInteger("seed", v.seed, 0),
    workers: parseInteger("workers", v.workers, 1, 256),
    out: outDirFlag(v.out),
    fresh: v.fresh,
  };
  await prepareOutputDir(config.out);
  console.error(
    `fig2: preset ${config.preset}: samples=${config.samples} epochs≤${config.epochs} batch=${config.batch} ` +
      `lr=${config.learningRate} seed=${config.seed} → ${config.out}/`,
  );
  await runSqrtFigure(config);
  console.error(`fig2: wrote ${config.out}/fig2.csv, ${config.out}/fig2.svg and ${config.out}/run.json`);
});
