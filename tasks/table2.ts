/**
 * `deno task table2`: Table 2 of the symmetry-breaking paper, complex Gaussian
 * phase retrieval. Run with `--help` for the flags.
 *
 * @module
 */
import { parsePRTableArgs } from "../experiments/phase_retrieval/pr_table_args.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runPRTable } from "../experiments/phase_retrieval/pr_table.ts";

await runMain("table2", async () => {
  const config = parsePRTableArgs("table2", "complex", Deno.args);
  if (!config) return;
  await prepareOutputDir(config.out);
  console.error(
    `table2: preset ${config.preset}: n=${config.n.join(",")} samples=${config.samples.join(",")} ` +
      `models=${config.models.join(",")} batch=${config.batch} epochs≤${config.epochs} seed=${config.seed} ` +
      `workers=${config.workers} → ${config.out}/`,
  );
  await runPRTable(config);
  console.error(`table2: wrote ${config.out}/table2.csv, ${config.out}/table2.md and ${config.out}/run.json`);
});
