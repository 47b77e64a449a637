/**
 * `deno task syre:vae`: Figures 6 and 7 of the syre paper, posterior
 * collapse of a β-VAE against β, with weight decay on the encoder, vanilla
 * vs syre. Run with `--help` for the flags.
 *
 * @module
 */
import { VAE_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runVae } from "../experiments/syre/vae.ts";

await runMain("syre:vae", async () => {
  const parsed = parseTaskFlags(Deno.args, VAE_TASK);
  if (!parsed) return;
  const { common, settings } = parsed;
  const data = await checkDataDir("syre_vae", common.data, {
    train: settings.trainImages,
    test: settings.testImages,
  });
  await prepareOutputDir(common.out);
  console.error(
    `syre:vae: preset ${common.preset}: ${settings.trainImages} images from ${common.data}, ` +
      `β ${settings.betas.join(",")}, ${settings.steps} steps, seed ${common.seed}, ` +
      `workers ${common.workers} → ${common.out}/`,
  );
  await runVae({ ...common, dataset: data.fingerprint }, settings);
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!common.shard) console.error(`syre:vae: wrote ${common.out}/vae.csv, 3 SVGs and run.json`);
});
