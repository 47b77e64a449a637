/**
 * `deno task fourier`: Fourier phase retrieval with and without symmetry
 * breaking, against Fienup's HIO. Run with `--help` for the flags.
 *
 * @module
 */
import { FOURIER_TASK } from "../experiments/fourier/task_flags.ts";
import { runFourier } from "../experiments/fourier/fourier_table.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { UsageError } from "../src/cli/usage_error.ts";

await runMain("fourier", async () => {
  const parsed = parseTaskFlags(Deno.args, FOURIER_TASK);
  if (!parsed) return;
  const config = { ...parsed.flags };
  const images = config.settings.includes("real-2d") ? await checkDataDir("fourier", config.data) : undefined;
  // checkDataDir has read the folder's image counts: no need to load the pixels to count them.
  if (images && images.trainCount + images.testCount < config.samples) {
    throw new UsageError(
      `--samples ${config.samples} needs ${config.samples} images, "${config.data}" holds ${
        images.trainCount + images.testCount
      }`,
    );
  }
  await prepareOutputDir(config.out);
  console.error(
    `fourier: preset ${config.preset}: ${config.settings.join(",")} (real-2d ${config.n}×${config.n}, ` +
      `complex-1d n=${config.n1d}, oversample ${config.oversample}) samples=${config.samples} ` +
      `models=${config.models.join(",")} rules=${config.rules.join(",")} epochs≤${config.epochs} ` +
      `HIO ${config.hioIterations}+${config.hioEr} × ${config.hioRestarts} starts on ${config.hioSignals} ` +
      `signals, seed ${config.seed}, workers ${config.workers} → ${config.out}/`,
  );
  await runFourier({
    ...config,
    models: [...config.models],
    ...(images ? { dataset: images.fingerprint } : {}),
  });
  // A shard writes only its cells (runGrid says so); the files come from the merge.
  if (!config.shard) {
    console.error(`fourier: wrote ${config.out}/fourier.csv, fourier.md, fourier_examples.svg and run.json`);
  }
});
