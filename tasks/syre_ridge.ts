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
import { RIDGE_COLUMNS, RIDGE_PRESETS, ridgeFigures, ridgeJobs } from "../experiments/syre/ridge_grid.ts";
import { parseSyreTaskArgs, syreTaskHelp } from "../experiments/syre/task_args.ts";

const HELP = syreTaskHelp(
  "syre:ridge",
  `Linear regression across d/N from 4 to 0.25: minimum-norm least squares, weight decay (γ 0.1)
and syre (γ 0.1, σ₀ 0.01/√d), solved exactly; the test loss of each.
Writes syre_ridge.csv and syre_ridge.svg.`,
);

await runMain("syre:ridge", async () => {
  const args = parseSyreTaskArgs(Deno.args, HELP);
  if (!args) return;
  await prepareOutputDir(args.out);
  const p = RIDGE_PRESETS[args.preset];
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
  console.error(`syre:ridge: wrote ${args.out}/syre_ridge.csv and syre_ridge.svg`);
});
