/**
 * `deno task fig2`: Fig. 2 of the symmetry-breaking paper, learning the square
 * root with and without symmetry breaking. Run with `--help` for the flags.
 *
 * @module
 */
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { runMain } from "../src/cli/run_main.ts";
import { selectBackend } from "../src/cli/select_backend.ts";
import { FIG2_TASK } from "../experiments/phase_retrieval/task_flags.ts";
import { runSqrtFigure } from "../experiments/phase_retrieval/sqrt_figure.ts";

await runMain("fig2", async () => {
  const parsed = parseTaskFlags(Deno.args, FIG2_TASK);
  if (!parsed) return;
  const config = { name: "fig2", ...parsed.flags, ...await selectBackend("fig2", parsed.flags.backend) };
  await prepareOutputDir(config.out);
  console.error(
    `fig2: preset ${config.preset}: samples=${config.samples} epochs≤${config.epochs} batch=${config.batch} ` +
      `lr=${config.learningRate} seed=${config.seed} → ${config.out}/`,
  );
  await runSqrtFigure(config);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!config.shard) {
    console.error(`fig2: wrote ${config.out}/fig2.csv, ${config.out}/fig2.svg and ${config.out}/run.json`);
  }
});
