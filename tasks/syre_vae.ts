/**
 * `deno task syre:vae`: Figures 6 and 7 of the syre paper, posterior
 * collapse of a β-VAE against β, with weight decay on the encoder, vanilla
 * vs syre. Run with `--help` for the flags.
 *
 * @module
 */
import { IMAGE_TASK_COMMON_HELP, parseImageTaskArgs } from "../experiments/syre/image_task_args.ts";
import { parseInteger, parsePositive } from "../src/cli/flags.ts";
import { parseNumberList } from "../src/cli/number_list.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { runVae, VAE_PRESETS, type VaeSettings } from "../experiments/syre/vae.ts";

const HELP = `Usage: deno task syre:vae [flags]

Figures 6 and 7 of the syre paper: a β-VAE (two-layer SiLU encoder and
decoder, hidden and latent width 200, fixed posterior variance η = 0.01)
trained with Adam for each β, weight decay on the encoder only, vanilla
(θ₀ = 0) and syre. Writes vae.csv, vae_rank.svg (rank of the encoder output
against β), vae_reconstruction.svg (test reconstruction loss against β),
vae_images.svg (reconstructions of eight test images) and run.json.

  --preset NAME     default (10,000 images, β 0.1 to 10, 1,500 steps; about 3 min on 2 cores)
                    or paper (60,000 images, nine β, twenty epochs)
  --betas LIST      the β values, e.g. 0.1,1,10
  --steps N         Adam steps per model
  --train N         training images (the first N)
  --test N          test images (the first N)
  --batch N         mini-batch size
  --lr X            Adam learning rate
  --gamma X         weight decay γ of the encoder (default 0.1)
  --sigma X         syre's relative σ₀ (θ₀ ~ N(0, (σ/√fan_in)²); default 1)
  --eta X           fixed posterior variance η (default 0.01)
  --width N         hidden and latent width (default 200)
${IMAGE_TASK_COMMON_HELP}
`;

const OWN = ["betas", "steps", "train", "test", "batch", "lr", "gamma", "sigma", "eta", "width"] as const;

function apply(s: VaeSettings, f: Record<string, string | undefined>): VaeSettings {
  return {
    ...s,
    ...(f.betas !== undefined && { betas: parseNumberList("betas", f.betas, 0, 1e6) }),
    ...(f.steps !== undefined && { steps: parseInteger("steps", f.steps, 1) }),
    ...(f.train !== undefined && { trainImages: parseInteger("train", f.train, 10) }),
    ...(f.test !== undefined && { testImages: parseInteger("test", f.test, 10) }),
    ...(f.batch !== undefined && { batch: parseInteger("batch", f.batch, 1) }),
    ...(f.lr !== undefined && { lr: parsePositive("lr", f.lr) }),
    ...(f.gamma !== undefined && { gamma: parsePositive("gamma", f.gamma) }),
    ...(f.sigma !== undefined && { sigma: parsePositive("sigma", f.sigma) }),
    ...(f.eta !== undefined && { eta: parsePositive("eta", f.eta) }),
    ...(f.width !== undefined && { width: parseInteger("width", f.width, 1, 4096) }),
  };
}

await runMain("syre:vae", async () => {
  const parsed = parseImageTaskArgs(Deno.args, VAE_PRESETS, OWN, apply, HELP);
  if (!parsed) return;
  const { common, settings } = parsed;
  const data = await checkDataDir("syre_vae", common.data);
  await prepareOutputDir(common.out);
  console.error(
    `syre:vae: preset ${common.preset}: ${settings.trainImages} images from ${common.data}, ` +
      `β ${settings.betas.join(",")}, ${settings.steps} steps, seed ${common.seed}, ` +
      `workers ${common.workers} → ${common.out}/`,
  );
  await runVae({ ...common, dataset: data.fingerprint }, settings);
  console.error(`syre:vae: wrote ${common.out}/vae.csv, 3 SVGs and run.json`);
});
