/**
 * `deno task syre:fcn`: Figure 5 of the syre paper, a four-layer fully
 * connected network on images with weight decay γ and input scale α swept,
 * trained with and without symmetry removal. Run with `--help` for the flags.
 *
 * @module
 */
import { FCN_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runFcn } from "../experiments/syre/fcn.ts";

await runMain("syre:fcn", async () => {
  const parsed = parseTaskFlags(Deno.args, FCN_TASK);
  if (!parsed) return;
  const { common, settings } = parsed;
  const data = await checkDataDir("syre_fcn", common.data, {
    train: settings.trainImages,
    test: settings.testImages,
  });
  await prepareOutputDir(common.out);
  console.error(
    `syre:fcn: preset ${common.preset}: ${settings.trainImages} images from ${common.data}, ` +
      `width ${settings.width}, γ ${settings.gammas.join(",")} (α = 1), α ${settings.alphas.join(",")} ` +
      `(γ = ${settings.alphaGamma}), ${settings.steps} steps, seed ${common.seed}, workers ${common.workers} → ` +
      `${common.out}/`,
  );
  await runFcn({ ...common, dataset: data.fingerprint }, settings);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!common.shard) console.error(`syre:fcn: wrote ${common.out}/fcn.csv, 4 SVGs and run.json`);
});
