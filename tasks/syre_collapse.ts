/**
 * `deno task syre:collapse`: Figure 1 of the syre paper, a two-layer ReLU
 * network started with identical hidden neurons, trained with and without
 * symmetry removal. Run with `--help` for the flags.
 *
 * @module
 */
import { COLLAPSE_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runCollapse } from "../experiments/syre/collapse.ts";

await runMain("syre:collapse", async () => {
  const parsed = parseTaskFlags(Deno.args, COLLAPSE_TASK);
  if (!parsed) return;
  const { common, settings } = parsed;
  const data = await checkDataDir("syre_collapse", common.data, {
    train: settings.trainImages,
    testCap: 2000,
  });
  await prepareOutputDir(common.out);
  console.error(
    `syre:collapse: preset ${common.preset}: ${settings.trainImages} images from ${common.data}, ` +
      `hidden ${settings.hidden}, tied fractions ${settings.fractions.join(",")}, ${settings.steps} steps, ` +
      `seed ${common.seed}, workers ${common.workers} → ${common.out}/`,
  );
  await runCollapse({ ...common, dataset: data.fingerprint }, settings);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!common.shard) {
    console.error(
      `syre:collapse: wrote ${common.out}/collapse.csv, collapse_summary.csv, 4 SVGs and run.json`,
    );
  }
});
