/**
 * `deno task syre:quartic`: Figure 4 of the syre paper, the degree of
 * symmetry against the final objective of (wᵀw)² − wᵀBw. Run with `--help`.
 *
 * @module
 */
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runExperiment } from "../src/runner/run_experiment.ts";
import { syreGridOptions } from "../experiments/syre/grid_options.ts";
import { QUARTIC_COLUMNS, quarticFigures, quarticJobs } from "../experiments/syre/quartic_grid.ts";
import { QUARTIC_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";

await runMain("syre:quartic", async () => {
  const parsed = parseTaskFlags(Deno.args, QUARTIC_TASK);
  if (!parsed) return;
  const { flags: args, settings: p } = parsed;
  await prepareOutputDir(args.out);
  console.error(
    `syre:quartic: preset ${args.preset}: d=${p.dim} steps=${p.steps.unstructured}/${p.steps.structured} ` +
      `lr=${p.learningRate} sigma=kappa=${p.sigma} seed=${args.seed} workers=${args.workers} → ${args.out}/`,
  );
  await runExperiment({
    ...syreGridOptions(args, {
      name: "syre_quartic",
      task: "syre:quartic",
      config: { ...args, settings: p },
    }),
    jobs: quarticJobs(args.preset, args.seed),
    csv: [{ file: "syre_quartic.csv", columns: QUARTIC_COLUMNS }],
    figures: quarticFigures,
  });
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!args.shard) console.error(`syre:quartic: wrote ${args.out}/syre_quartic.csv and 2 figures`);
});
