/**
 * `deno task syre:fcn`: Figure 5 of the syre paper, a four-layer fully
 * connected network on images with weight decay γ and input scale α swept,
 * trained with and without symmetry removal. Run with `--help` for the flags.
 *
 * @module
 */
import { IMAGE_TASK_COMMON_HELP, parseImageTaskArgs } from "../experiments/syre/image_task_args.ts";
import { parseInteger, parsePositive } from "../src/cli/flags.ts";
import { parseNumberList } from "../src/cli/number_list.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { FCN_PRESETS, type FcnSettings, runFcn } from "../experiments/syre/fcn.ts";

const HELP = `Usage: deno task syre:fcn [flags]

Figure 5 of the syre paper: a four-layer fully connected ReLU network (three
hidden layers), batch 64, trained with plain SGD and weight decay γ, vanilla
(θ₀ = 0) and syre, for a sweep of γ at α = 1 and a sweep of the input scale α
at γ = 0.01. Reports train and test accuracy and the rank of the first
layer's covariance before and after the ReLU. Writes fcn.csv,
fcn_{gamma,alpha}_{accuracy,rank}.svg and run.json.

  --preset NAME     default (10,000 images, 1,500 steps, 4 γ and 3 α; a few minutes on 2 cores)
                    or paper (60,000 images, 18,750 steps = 20 epochs, 6 γ and 5 α)
  --gammas LIST     weight decays of the γ sweep, e.g. 0.001,0.01,0.1
  --alphas LIST     input scales of the α sweep, e.g. 0.1,1
  --alpha-gamma X   γ of the α sweep (default 0.01)
  --train N         training images (the first N)
  --test N          test images (the first N)
  --width N         width of the hidden layers (default 300)
  --steps N         gradient steps per cell
  --batch N         mini-batch size (default 64)
  --lr X            SGD learning rate (default 0.1)
  --sigma X         syre's relative σ₀ (θ₀ ~ N(0, (σ/√fan_in)²); default 0.3, see README)
${IMAGE_TASK_COMMON_HELP}
`;

const OWN = [
  "gammas",
  "alphas",
  "alpha-gamma",
  "train",
  "test",
  "width",
  "steps",
  "batch",
  "lr",
  "sigma",
] as const;

function apply(s: FcnSettings, f: Record<string, string | undefined>): FcnSettings {
  return {
    ...s,
    ...(f.gammas !== undefined && { gammas: parseNumberList("gammas", f.gammas, 0, 1e3) }),
    ...(f.alphas !== undefined && { alphas: parseNumberList("alphas", f.alphas, 1e-6, 1e3) }),
    ...(f["alpha-gamma"] !== undefined &&
      { alphaGamma: parseNumberList("alpha-gamma", f["alpha-gamma"], 0, 1e3)[0] }),
    ...(f.train !== undefined && { trainImages: parseInteger("train", f.train, 10) }),
    ...(f.test !== undefined && { testImages: parseInteger("test", f.test, 1) }),
    ...(f.width !== undefined && { width: parseInteger("width", f.width, 2) }),
    ...(f.steps !== undefined && { steps: parseInteger("steps", f.steps, 1) }),
    ...(f.batch !== undefined && { batch: parseInteger("batch", f.batch, 1) }),
    ...(f.lr !== undefined && { lr: parsePositive("lr", f.lr) }),
    ...(f.sigma !== undefined && { sigma: parsePositive("sigma", f.sigma) }),
  };
}

await runMain("syre:fcn", async () => {
  const parsed = parseImageTaskArgs(Deno.args, FCN_PRESETS, OWN, apply, HELP);
  if (!parsed) return;
  const { common, settings } = parsed;
  const data = await checkDataDir("syre_fcn", common.data);
  await prepareOutputDir(common.out);
  console.error(
    `syre:fcn: preset ${common.preset}: ${settings.trainImages} images from ${common.data}, ` +
      `width ${settings.width}, γ ${settings.gammas.join(",")} (α = 1), α ${settings.alphas.join(",")} ` +
      `(γ = ${settings.alphaGamma}), ${settings.steps} steps, seed ${common.seed}, workers ${common.workers} → ` +
      `${common.out}/`,
  );
  await runFcn({ ...common, dataset: data.fingerprint }, settings);
  console.error(`syre:fcn: wrote ${common.out}/fcn.csv, 4 SVGs and run.json`);
});
