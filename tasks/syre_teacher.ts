/**
 * `deno task syre:teacher`: Figures 2 and 10 of the syre paper, the rank of
 * a tanh student's first-layer representation against the input dimension,
 * label noise and input noise. Run with `--help`.
 *
 * @module
 */
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runExperiment } from "../src/runner/run_experiment.ts";
import { syreGridOptions } from "../experiments/syre/grid_options.ts";
import {
  TEACHER_COLUMNS,
  TEACHER_PRESETS,
  teacherFigures,
  teacherJobs,
} from "../experiments/syre/teacher_grid.ts";
import { parseSyreTaskArgs, syreTaskHelp } from "../experiments/syre/task_args.ts";

const HELP = syreTaskHelp(
  "syre:teacher",
  `A random two-layer tanh teacher (300 hidden, 10 classes) labels Gaussian inputs; a student of the
same shape learns them with Adam (lr 0.01, weight decay 0.01), vanilla or syre. Reads the rank of the
covariance of the student's first-layer output against the input dimension, label noise (0–80 %)
and input noise (std 0–1.6). Writes syre_teacher.csv and three figures.`,
);

await runMain("syre:teacher", async () => {
  const args = parseSyreTaskArgs(Deno.args, HELP);
  if (!args) return;
  await prepareOutputDir(args.out);
  const p = TEACHER_PRESETS[args.preset];
  console.error(
    `syre:teacher: preset ${args.preset}: inputs=${p.inputs.join(",")} hidden=${p.base.hidden} ` +
      `train=${p.base.train} epochs=${p.base.epochs} batch=${p.base.batch} sigma=${p.sigma} ` +
      `seed=${args.seed} workers=${args.workers} → ${args.out}/`,
  );
  await runExperiment({
    ...syreGridOptions(args, {
      name: "syre_teacher",
      task: "syre:teacher",
      config: { ...args, settings: p },
    }),
    jobs: teacherJobs(args.preset, args.seed),
    csv: [{ file: "syre_teacher.csv", columns: TEACHER_COLUMNS }],
    figures: teacherFigures,
  });
  console.error(`syre:teacher: wrote ${args.out}/syre_teacher.csv and 3 figures`);
});
