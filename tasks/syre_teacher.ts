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
import { TEACHER_COLUMNS, teacherFigures, teacherJobs } from "../experiments/syre/teacher_grid.ts";
import { TEACHER_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";

await runMain("syre:teacher", async () => {
  const parsed = parseTaskFlags(Deno.args, TEACHER_TASK);
  if (!parsed) return;
  const { flags: args, settings: p } = parsed;
  await prepareOutputDir(args.out);
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
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!args.shard) console.error(`syre:teacher: wrote ${args.out}/syre_teacher.csv and 3 figures`);
});
