import { datasetFingerprint, describeImageDataset } from "../data/image_dataset.ts";
import { checkCellBudget } from "./budget.ts";
import { UsageError } from "./usage_error.ts";

/** The images a task will take from its dataset, to check against what the folder holds. */
export interface DataWanted {
  /** `--train`: training images (the first N). */
  train?: number;
  /** `--test`: test images (the first N); default: at most `testCap`. */
  test?: number;
  /** Without `test`, the test images the task uses at most (e.g. syre:collapse's 2000). */
  testCap?: number;
}

/**
 * Checks, before any work starts, that a task may read the dataset folder
 * and that it holds what the task needs: it is a folder, its four IDX files
 * are there and readable, the training and test parts each hold at least
 * one image of at least 1×1 pixels, both parts have the same image size,
 * `--train` and `--test` ask for no more images than the parts hold, and
 * those images fit a cell's memory budget (`checkCellBudget`). Reads the
 * files once (a second or so for Fashion-MNIST), so a corrupt file is
 * reported now, not by every worker. Turns each problem into a one-line
 * {@linkcode UsageError}: no read permission (with the `deno run` line
 * that grants it), missing files (with the install command), a corrupt
 * file (naming it), or the count or size that does not fit.
 *
 * @param task The task's name, for the `deno run` hint, e.g. `"syre_collapse"`.
 * @param dir The dataset folder given by `--data`.
 * @param wanted The images the task will use (`--train`, `--test`).
 * @returns The dataset's fingerprint (for cell keys), its image size and the images in each part.
 *
 * @example
 * ```ts ignore
 * await checkDataDir("syre_collapse", "/usr/share/datasets/fashion-mnist", { train: 20000, testCap: 2000 });
 * ```
 */
export async function checkDataDir(
  task: string,
  dir: string,
  wanted: DataWanted = {},
): Promise<{ fingerprint: string; height: number; width: number; trainCount: number; testCount: number }> {
  const { state } = await Deno.permissions.query({ name: "read", path: dir });
  if (state !== "granted") {
    throw new UsageError(
      `Cannot read data folder "${dir}": this task may read only /usr/share/datasets and data/; run ` +
        `deno run --allow-read=node_modules,src,experiments,results,${dir} --allow-write=results tasks/${task}.ts --data ${dir}`,
    );
  }
  let shape;
  try {
    const info = await Deno.stat(dir).catch((
      e,
    ) => (e instanceof Deno.errors.NotFound ? undefined : Promise.reject(e)));
    if (info && !info.isDirectory) {
      throw new UsageError(`--data "${dir}" is a file, not a folder of IDX files`);
    }
    shape = await describeImageDataset(dir);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof SyntaxError) throw new UsageError(e.message);
    throw e;
  }
  const { train, test } = shape;
  for (const [part, s] of [["training", train], ["test", test]] as const) {
    if (s.count === 0) throw new UsageError(`--data "${dir}" has no ${part} images`);
    if (s.height === 0 || s.width === 0) {
      throw new UsageError(`--data "${dir}" has ${part} images of ${s.height}×${s.width} pixels`);
    }
  }
  if (train.height !== test.height || train.width !== test.width) {
    throw new UsageError(
      `--data "${dir}" has training images of ${train.height}×${train.width} pixels ` +
        `but test images of ${test.height}×${test.width}`,
    );
  }
  for (
    const [flag, want, part, have] of [
      ["--train", wanted.train, "training", train.count],
      ["--test", wanted.test, "test", test.count],
    ] as const
  ) {
    if (want !== undefined && want > have) {
      throw new UsageError(`${flag} ${want} is more than the ${have} ${part} images in "${dir}"`);
    }
  }
  const trainUsed = wanted.train ?? train.count;
  const testUsed = wanted.test ?? Math.min(test.count, wanted.testCap ?? test.count);
  checkCellBudget(`--train ${trainUsed} and ${testUsed} test images`, [
    [
      `images ((train + test) × ${train.height}×${train.width} pixels × 4 B)`,
      (trainUsed + testUsed) * train.height * train.width * 4,
    ],
  ]);
  return {
    fingerprint: await datasetFingerprint(dir),
    height: train.height,
    width: train.width,
    trainCount: train.count,
    testCount: test.count,
  };
}
