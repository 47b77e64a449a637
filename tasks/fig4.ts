/**
 * `deno task fig4`: Fig. 4 of the symmetry-breaking paper, test error against
 * mini-batch size and learning rate. Run with `--help` for the flags.
 *
 * @module
 */
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { selectBackend } from "../src/cli/select_backend.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { FIG4_TASK } from "../experiments/phase_retrieval/task_flags.ts";
import { runSweepFigure } from "../experiments/phase_retrieval/sweep_figure.ts";

await runMain("fig4", async () => {
  const parsed = parseTaskFlags(Deno.args, FIG4_TASK);
  if (!parsed) return;
  const config = { name: "fig4", ...parsed.flags, ...await selectBackend("fig4", parsed.flags.backend) };
  await prepareOutputDir(config.out);
  console.error(
    `fig4: preset ${config.preset}: n=${config.n.join(",")} samples=${config.samples} ` +
      `batches=${config.batches.join(",")} lrs=${config.learningRates.join(",")} ` +
      `variants=${config.variants.join(",")} epochs≤${config.epochs} seed=${config.seed} ` +
      `workers=${config.workers} → ${config.out}/`,
  );
  await runSweepFigure(config);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (config.shard) return;
  const files = ["batch.csv", "lr.csv", ...config.variants.flatMap((v) => [`batch_${v}.svg`, `lr_${v}.svg`])];
  console.error(`fig4: wrote ${files.map((f) => `${config.out}/fig4_${f}`).join(", ")} and run.json`);
});
