/**
 * `deno task table4`: Table 4 of the symmetry-breaking paper, NN-B with L1,
 * L2 and L1+L2 weight penalties. Run with `--help` for the flags.
 *
 * @module
 */
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { selectBackend } from "../src/cli/select_backend.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { TABLE4_TASK } from "../experiments/phase_retrieval/task_flags.ts";
import { runRegularizationTable } from "../experiments/phase_retrieval/regularization_table.ts";

await runMain("table4", async () => {
  const parsed = parseTaskFlags(Deno.args, TABLE4_TASK);
  if (!parsed) return;
  const config = { name: "table4", ...parsed.flags, ...await selectBackend("table4", parsed.flags.backend) };
  await prepareOutputDir(config.out);
  console.error(
    `table4: preset ${config.preset}: n=${config.n.join(",")} samples=${config.samples} ` +
      `schemes=${config.schemes.join(",")} λ=${config.coefficient} epochs≤${config.epochs} ` +
      `seed=${config.seed} workers=${config.workers} → ${config.out}/`,
  );
  await runRegularizationTable(config);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!config.shard) {
    console.error(
      `table4: wrote ${config.out}/table4.csv, ${config.out}/table4.md and ${config.out}/run.json`,
    );
  }
});
