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
  REPARAM_PRESETS,
  reparamCsvRows,
  reparamFigures,
  reparamJobs,
} from "../experiments/syre/reparam_grid.ts";
import { parseSyreTaskArgs, syreTaskHelp } from "../experiments/syre/task_args.ts";

const HELP = syreTaskHelp(
  "syre:reparam",
  `SGD with weight decay on ℓ(u, w) = ((u ⊙ w)ᵀx − y)², u, w, x ∈ R²⁰⁰, against W-fix (φ 0.3, κ 0.01)
and syre; counts dead neurons (|uᵢ| and |wᵢ| below 1e-3) and the test loss over training.
Writes syre_reparam.csv, syre_reparam_dead.svg and syre_reparam_loss.svg.`,
);

await runMain("syre:reparam", async () => {
  const args = parseSyreTaskArgs(Deno.args, HELP);
  if (!args) return;
  await prepareOutputDir(args.out);
  const p = REPARAM_PRESETS[args.preset];
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
  console.error(`syre:reparam: wrote ${args.out}/syre_reparam.csv and 2 figures`);
});
