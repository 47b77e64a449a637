/**
 * `deno task table4`: Table 4 of the symmetry-breaking paper, NN-B with L1,
 * L2 and L1+L2 weight penalties. Run with `--help` for the flags.
 *
 * @module
 */
import { parseChoices, parsePositive } from "../src/cli/flags.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { parseSweepArgs, sweepHelpLines } from "../experiments/phase_retrieval/sweep_args.ts";
import {
  DEFAULT_COEFFICIENT,
  REGULARIZATIONS,
  runRegularizationTable,
  TABLE4_PRESETS,
} from "../experiments/phase_retrieval/regularization_table.ts";

const HELP = `Usage: deno task table4 [flags]

Retrains NN-B (raw targets, real Gaussian PR) with L1, L2 and L1+L2 weight penalties,
beside the unregularised NN-B, and writes table4.csv, table4.md and run.json.

  --coefficient X   λ of each penalty term (default ${DEFAULT_COEFFICIENT}; the paper gives none)
  --schemes LIST    any of ${REGULARIZATIONS.join(",")} (default: all)
${sweepHelpLines(TABLE4_PRESETS)}
`;

await runMain("table4", async () => {
  const parsed = parseSweepArgs("table4", Deno.args, TABLE4_PRESETS, {
    coefficient: { type: "string", default: String(DEFAULT_COEFFICIENT) },
    schemes: { type: "string", default: REGULARIZATIONS.join(",") },
  });
  if (!parsed) return void console.log(HELP);
  const { config: base, values } = parsed;
  const config = {
    ...base,
    coefficient: parsePositive("coefficient", values.coefficient as string),
    schemes: parseChoices("schemes", values.schemes as string, REGULARIZATIONS),
  };
  await prepareOutputDir(config.out);
  console.error(
    `table4: preset ${config.preset}: n=${config.n.join(",")} samples=${config.samples} ` +
      `schemes=${config.schemes.join(",")} λ=${config.coefficient} epochs≤${config.epochs} ` +
      `seed=${config.seed} workers=${config.workers} → ${config.out}/`,
  );
  await runRegularizationTable(config);
  console.error(`table4: wrote ${config.out}/table4.csv, ${config.out}/table4.md and ${config.out}/run.json`);
});
