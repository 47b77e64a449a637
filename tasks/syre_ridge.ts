/**
 * `deno task syre:ridge`: Figure 3 (left) of the syre paper, the test loss
 * of linear regression against d/N. Run with `--help`.
 *
 * @module
 */
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runExperiment } from "../src/runner/run_experiment.ts";
import { syreGridOptions } from "../experiments/syre/grid_options.ts";
import { RIDGE_COLUMNS, ridgeFigures, ridgeJobs } from "../experiments/syre/ridge_grid.ts";
import { RIDGE_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";

await runMain("syre:ridge", async () => {
  const parsed = parseTaskFlags(Deno.args, RIDGE_TASK);
  if (!parsed) return;
  const { flags: args, settings: p } = parsed;
  await prepareOutputDir(args.out);
  console.error(
    `syre:ridge: preset ${args.preset}: d=${p.dim} gamma=${p.gamma} sigma=${p.sigma} noise=${p.noise} ` +
      `runs=${p.runs} seed=${args.seed} workers=${args.workers} → ${args.out}/`,
  );
  await runExperiment({
    ...syreGridOptions(args, { name: "syre_ridge", task: "syre:ridge", config: { ...args, settings: p } }),
    jobs: ridgeJobs(args.preset, args.seed),
    csv: [{ file: "syre_ridge.csv", columns: RIDGE_COLUMNS, rows: (results) => results.flat() }],
    figures: ridgeFigures,
  });
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!args.shard) console.error(`syre:ridge: wrote ${args.out}/syre_ridge.csv and syre_ridge.svg`);
});
