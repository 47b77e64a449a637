/**
 * `deno task syre:collapse`: Figure 1 of the syre paper, a two-layer ReLU
 * network started with identical hidden neurons, trained with and without
 * symmetry removal. Run with `--help` for the flags.
 *
 * @module
 */
import { IMAGE_TASK_COMMON_HELP, parseImageTaskArgs } from "../experiments/syre/image_task_args.ts";
import { parseInteger, parsePositive } from "../src/cli/flags.ts";
import { parseNumberList } from "../src/cli/number_list.ts";
import { checkDataDir } from "../src/cli/data_dir.ts";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { COLLAPSE_PRESETS, type CollapseSettings, runCollapse } from "../experiments/syre/collapse.ts";

const HELP = `Usage: deno task syre:collapse [flags]

Figure 1 of the syre paper: a two-layer ReLU network on images, started in a
low-capacity state where a fraction of hidden neurons are identical, trained
with SGD and Adam, vanilla (θ₀ = 0) and syre. Writes collapse.csv,
collapse_summary.csv, collapse_{sgd,adam}_{vanilla,syre}.svg and run.json.

  --preset NAME     default (20,000 images, 100 hidden, 3,000 steps; about 2 min on 2 cores)
                    or paper (60,000 images, 200 hidden, 20,000 steps, 7 fractions)
  --fractions LIST  fractions of identical hidden neurons, e.g. 0,0.5,0.99
  --train N         training images (the first N)
  --hidden N        hidden width
  --steps N         gradient steps per curve
  --batch N         mini-batch size
  --gamma X         weight decay γ of both methods
  --sigma X         syre's relative σ₀ (θ₀ ~ N(0, (σ/√fan_in)²); default 0.01)
${IMAGE_TASK_COMMON_HELP}
`;

const OWN = ["fractions", "train", "hidden", "steps", "batch", "gamma", "sigma"] as const;

function apply(s: CollapseSettings, f: Record<string, string | undefined>): CollapseSettings {
  return {
    ...s,
    ...(f.fractions !== undefined && { fractions: parseNumberList("fractions", f.fractions, 0, 1) }),
    ...(f.train !== undefined && { trainImages: parseInteger("train", f.train, 10) }),
    ...(f.hidden !== undefined && { hidden: parseInteger("hidden", f.hidden, 2) }),
    ...(f.steps !== undefined && { steps: parseInteger("steps", f.steps, 1) }),
    ...(f.batch !== undefined && { batch: parseInteger("batch", f.batch, 1) }),
    ...(f.gamma !== undefined && { gamma: parsePositive("gamma", f.gamma) }),
    ...(f.sigma !== undefined && { sigma: parsePositive("sigma", f.sigma) }),
  };
}

await runMain("syre:collapse", async () => {
  const parsed = parseImageTaskArgs(Deno.args, COLLAPSE_PRESETS, OWN, apply, HELP);
  if (!parsed) return;
  const { common, settings } = parsed;
  const data = await checkDataDir("syre_collapse", common.data);
  await prepareOutputDir(common.out);
  console.error(
    `syre:collapse: preset ${common.preset}: ${settings.trainImages} images from ${common.data}, ` +
      `hidden ${settings.hidden}, tied fractions ${settings.fractions.join(",")}, ${settings.steps} steps, ` +
      `seed ${common.seed}, workers ${common.workers} → ${common.out}/`,
  );
  await runCollapse({ ...common, dataset: data.fingerprint }, settings);
  console.error(`syre:collapse: wrote ${common.out}/collapse.csv, collapse_summary.csv, 4 SVGs and run.json`);
});
