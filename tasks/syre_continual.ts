/**
 * `deno task syre:continual`: Figure 8 of the syre paper, loss of plasticity
 * of a small CNN trained on permuted-pixel tasks one after another, vanilla
 * vs syre. Run with `--help` for the flags.
 *
 * @module
 */
import { IMAGE_TASK_COMMON_HELP, parseImageTaskArgs } from "../experiments/syre/image_task_args.ts";
import { parseInteger, parsePositive } from "../src/cli/flags.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { CONTINUAL_PRESETS, type ContinualSettings, runContinual } from "../experiments/syre/continual.ts";

const HELP = `Usage: deno task syre:continual [flags]

Figure 8 of the syre paper: a CNN (two convolutions of 10 and 20 channels,
dense layers of 320 and 50) learns ten tasks one after another, task 1 the
original images and each later task a fixed random pixel permutation, with
SGD and weight decay, vanilla (θ₀ = 0) and syre. After each task: the test
accuracy on that task and the rank of the convolution output. Writes
continual.csv, continual_accuracy.svg, continual_rank.svg and run.json.

  --preset NAME     default (10,000 images, 400 steps per task; about 2 min on 2 cores)
                    or paper (60,000 images, three epochs per task)
  --tasks N         number of tasks
  --steps N         SGD steps per task
  --train N         training images (the first N)
  --test N          test images (the first N)
  --batch N         mini-batch size
  --lr X            SGD learning rate
  --gamma X         weight decay γ in γ‖θ‖² (PyTorch's weight_decay = 2γ; default 0.005)
  --sigma X         syre's relative σ₀ (θ₀ ~ N(0, (σ/√fan_in)²); default 0.01)
${IMAGE_TASK_COMMON_HELP}
`;

const OWN = ["tasks", "steps", "train", "test", "batch", "lr", "gamma", "sigma"] as const;

function apply(s: ContinualSettings, f: Record<string, string | undefined>): ContinualSettings {
  return {
    ...s,
    ...(f.tasks !== undefined && { tasks: parseInteger("tasks", f.tasks, 1, 100) }),
    ...(f.steps !== undefined && { stepsPerTask: parseInteger("steps", f.steps, 1) }),
    ...(f.train !== undefined && { trainImages: parseInteger("train", f.train, 10) }),
    ...(f.test !== undefined && { testImages: parseInteger("test", f.test, 10) }),
    ...(f.batch !== undefined && { batch: parseInteger("batch", f.batch, 1) }),
    ...(f.lr !== undefined && { lr: parsePositive("lr", f.lr) }),
    ...(f.gamma !== undefined && { gamma: parsePositive("gamma", f.gamma) }),
    ...(f.sigma !== undefined && { sigma: parsePositive("sigma", f.sigma) }),
  };
}

await runMain("syre:continual", async () => {
  const parsed = parseImageTaskArgs(Deno.args, CONTINUAL_PRESETS, OWN, apply, HELP);
  if (!parsed) return;
  const { common, settings } = parsed;
  const data = await checkDataDir("syre_continual", common.data);
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
  console.error(`syre:continual: wrote ${common.out}/continual.csv, 2 SVGs and run.json`);
});
