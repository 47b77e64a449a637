/**
 * `deno task fig4`: Fig. 4 of the symmetry-breaking paper, test error against
 * mini-batch size and learning rate. Run with `--help` for the flags.
 *
 * @module
 */
import { parseChoices, parseIntList } from "../src/cli/flags.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { parseSweepArgs, sweepHelpLines } from "../experiments/phase_retrieval/sweep_args.ts";
import { parseNumberList } from "../src/cli/number_list.ts";
import {
  FIG4_BATCHES,
  FIG4_LEARNING_RATES,
  FIG4_PRESETS,
  runSweepFigure,
} from "../experiments/phase_retrieval/sweep_figure.ts";

const HELP = `Usage: deno task fig4 [flags]

Trains NN on real Gaussian PR with canonicalised (A) and raw (B) targets, sweeping the
mini-batch size and the learning rate, and writes fig4_batch.csv, fig4_lr.csv, one SVG
per panel (fig4_batch_A.svg, fig4_batch_B.svg, fig4_lr_A.svg, fig4_lr_B.svg) and run.json.

  --batches LIST    mini-batch sizes (default ${FIG4_BATCHES.join(",")}; learning rate from --lr)
  --lrs LIST        learning rates (default ${FIG4_LEARNING_RATES.join(",")}; batch from --batch)
  --variants LIST   A, B or both (default A,B: the paper does not say which it swept)
${sweepHelpLines(FIG4_PRESETS)}
`;

await runMain("fig4", async () => {
  const parsed = parseSweepArgs("fig4", Deno.args, FIG4_PRESETS, {
    batches: { type: "string", default: FIG4_BATCHES.join(",") },
    lrs: { type: "string", default: FIG4_LEARNING_RATES.join(",") },
    variants: { type: "string", default: "A,B" },
  });
  if (!parsed) return void console.log(HELP);
  const { config: base, values } = parsed;
  const config = {
    ...base,
    batches: parseIntList("batches", values.batches as string, 1),
    learningRates: parseNumberList("lrs", values.lrs as string, 1e-12, 10),
    variants: parseChoices("variants", (values.variants as string).toLowerCase(), ["a", "b"] as const)
      .map((v) => v.toUpperCase() as "A" | "B"),
  };
  await prepareOutputDir(config.out);
  console.error(
    `fig4: preset ${config.preset}: n=${config.n.join(",")} samples=${config.samples} ` +
      `batches=${config.batches.join(",")} lrs=${config.learningRates.join(",")} ` +
      `variants=${config.variants.join(",")} epochs≤${config.epochs} seed=${config.seed} ` +
      `workers=${config.workers} → ${config.out}/`,
  );
  await runSweepFigure(config);
  const files = ["batch.csv", "lr.csv", ...config.variants.flatMap((v) => [`batch_${v}.svg`, `lr_${v}.svg`])];
  console.error(`fig4: wrote ${files.map((f) => `${config.out}/fig4_${f}`).join(", ")} and run.json`);
});
