import { datasetFingerprint, loadImageDataset } from "../data/image_dataset.ts";
import { UsageError } from "./usage_error.ts";

/**
 * Checks, before any work starts, that a task may read the dataset folder
 * and that its four IDX files are there and readable; loads them once (a
 * second or so for Fashion-MNIST), so a corrupt file is reported now, not by
 * every worker. Turns each problem into a one-line {@linkcode UsageError}:
 * no read permission (with the `deno run` line that grants it), missing
 * files (with the install command), or a corrupt file (naming it).
 *
 * @param task The task's name, for the `deno run` hint, e.g. `"syre_collapse"`.
 * @param dir The dataset folder given by `--data`.
 * @returns The dataset's fingerprint (for cell keys) and its image size.
 *
 * @example
 * ```ts ignore
 * await checkDataDir("syre_collapse", "/usr/share/datasets/fashion-mnist");
 * ```
 */
export async function checkDataDir(
  task: string,
  dir: string,
): Promise<{ fingerprint: string; height: number; width: number }> {
  const { state } = await Deno.permissions.query({ name: "read", path: dir });
  if (state !== "granted") {
    throw new UsageError(
      `Cannot read data folder "${dir}": this task may read only /usr/share/datasets and data/; run ` +
        `deno run --allow-read=node_modules,src,results,${dir} --allow-write=results tasks/${task}.ts --data ${dir}`,
    );
  }
  try {
    const { train } = await loadImageDataset(dir, { trainLimit: 1, testLimit: 1 });
    return { fingerprint: await datasetFingerprint(dir), height: train.height, width: train.width };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof SyntaxError) throw new UsageError(e.message);
    throw e;
  }
}
