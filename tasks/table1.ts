/**
 * `deno task table1`: Table 1 of the symmetry-breaking paper, real Gaussian
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

await runMain("table1", async () => {
  const parsed = parseTaskFlags(Deno.args, prTableTask("table1", "real"));
  if (!parsed) return;
  const config = {
    name: "table1",
    field: "real" as const,
    ...parsed.flags,
    ...await selectBackend("table1", parsed.flags.backend),
  };
  await prepareOutputDir(config.out);
  console.error(
    `table1: preset ${config.preset}: n=${config.n.join(",")} samples=${config.samples.join(",")} ` +
      `models=${config.models.join(",")} batch=${config.batch} epochs≤${config.epochs} seed=${config.seed} ` +
      `workers=${config.workers} → ${config.out}/`,
  );
  await runPRTable(config);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!config.shard) {
    console.error(
      `table1: wrote ${config.out}/table1.csv, ${config.out}/table1.md and ${config.out}/run.json`,
    );
  }
});
