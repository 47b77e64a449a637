/**
 * `deno task syre:reparam`: Figure 3 (right) of the syre paper, dead
 * neurons of the reparametrised regression ((u ⊙ w)ᵀx − y)². Run with `--help`.
 *
 * @module
 */
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runExperiment } from "../src/runner/run_experiment.ts";
import { syreGridOptions } from "../experiments/syre/grid_options.ts";
import {
  REPARAM_COLUMNS,
  reparamCsvRows,
  reparamFigures,
  reparamJobs,
} from "../experiments/syre/reparam_grid.ts";
import { REPARAM_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";

await runMain("syre:reparam", async () => {
  const parsed = parseTaskFlags(Deno.args, REPARAM_TASK);
  if (!parsed) return;
  const { flags: args, settings: p } = parsed;
  await prepareOutputDir(args.out);
  console.error(
    `syre:reparam: preset ${args.preset}: d=${p.dim} steps=${p.steps} batch=${p.batch} lr=${p.learningRate} ` +
      `gamma=${p.gamma} sigma=${p.sigma} runs=${p.runs} seed=${args.seed} workers=${args.workers} → ${args.out}/`,
  );
  await runExperiment({
    ...syreGridOptions(args, {
      name: "syre_reparam",
      task: "syre:reparam",
      config: { ...args, settings: p },
    }),
    jobs: reparamJobs(args.preset, args.seed),
    csv: [{
      file: "syre_reparam.csv",
      columns: REPARAM_COLUMNS,
      rows: (results) => results.flatMap(reparamCsvRows),
    }],
    figures: reparamFigures,
  });
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!args.shard) console.error(`syre:reparam: wrote ${args.out}/syre_reparam.csv and 2 figures`);
});
