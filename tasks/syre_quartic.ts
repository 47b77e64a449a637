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
import {
  QUARTIC_COLUMNS,
  QUARTIC_PRESETS,
  quarticFigures,
  quarticJobs,
} from "../experiments/syre/quartic_grid.ts";
import { parseSyreTaskArgs, syreTaskHelp } from "../experiments/syre/task_args.ts";

const HELP = syreTaskHelp(
  "syre:quartic",
  `Gradient descent on (wᵀw)² − wᵀBw for B = G + Gᵀ (unstructured) and B = diag(v) (structured):
vanilla, weight decay and syre (γ 0.1–10), W-fix (φ 0.001–0.1) and dropout (0.01–0.6).
Writes syre_quartic.csv, syre_quartic_unstructured.svg and syre_quartic_structured.svg.`,
);

await runMain("syre:quartic", async () => {
  const args = parseSyreTaskArgs(Deno.args, HELP);
  if (!args) return;
  await prepareOutputDir(args.out);
  const p = QUARTIC_PRESETS[args.preset];
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
  console.error(`syre:quartic: wrote ${args.out}/syre_quartic.csv and 2 figures`);
});
