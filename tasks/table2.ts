/**
 * `deno task table2`: Table 2 of the symmetry-breaking paper, complex Gaussian
 * phase retrieval. Run with `--help` for the flags.
 *
 * @module
 */
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { prTableTask } from "../experiments/phase_retrieval/task_flags.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { selectBackend } from "../src/cli/select_backend.ts";
import { runPRTable } from "../experiments/phase_retrieval/pr_table.ts";

await runMain("table2", async () => {
  const parsed = parseTaskFlags(Deno.args, prTableTask("table2", "complex"));
  if (!parsed) return;
  const config = {
    name: "table2",
    field: "complex" as const,
    ...parsed.flags,
    ...await selectBackend("table2", parsed.flags.backend),
  };
  await prepareOutputDir(config.out);
  console.error(
    `table2: preset ${config.preset}: n=${config.n.join(",")} samples=${config.samples.join(",")} ` +
      `models=${config.models.join(",")} batch=${config.batch} epochs≤${config.epochs} seed=${config.seed} ` +
      `workers=${config.workers} → ${config.out}/`,
  );
  await runPRTable(config);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!config.shard) {
    console.error(
      `table2: wrote ${config.out}/table2.csv, ${config.out}/table2.md and ${config.out}/run.json`,
    );
  }
});
