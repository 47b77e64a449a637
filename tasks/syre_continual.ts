/**
 * `deno task syre:continual`: Figure 8 of the syre paper, loss of plasticity
 * of a small CNN trained on permuted-pixel tasks one after another, vanilla
 * vs syre. Run with `--help` for the flags.
 *
 * @module
 */
import { CONTINUAL_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runContinual } from "../experiments/syre/continual.ts";

await runMain("syre:continual", async () => {
  const parsed = parseTaskFlags(Deno.args, CONTINUAL_TASK);
  if (!parsed) return;
  const { common, settings } = parsed;
  const data = await checkDataDir("syre_continual", common.data, {
    train: settings.trainImages,
    test: settings.testImages,
  });
  if (data.height !== 28 || data.width !== 28) {
    throw new UsageError(`The small CNN needs 28×28 images; ${common.data} has ${data.height}×${data.width}`);
  }
  await prepareOutputDir(common.out);
  console.error(
    `syre:continual: preset ${common.preset}: ${settings.trainImages} images from ${common.data}, ` +
      `${settings.tasks} tasks × ${settings.stepsPerTask} steps, seed ${common.seed}, ` +
      `workers ${common.workers} → ${common.out}/`,
  );
  await runContinual({ ...common, dataset: data.fingerprint }, settings);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!common.shard) console.error(`syre:continual: wrote ${common.out}/continual.csv, 2 SVGs and run.json`);
});
