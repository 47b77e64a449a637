import { readIdx } from "./idx.ts";

/** Where the Debian package `dataset-fashion-mnist` puts its files. */
export const DEFAULT_DATA_DIR = "/usr/share/datasets/fashion-mnist";

/** The command that installs the default dataset. */
export const DATA_INSTALL_HINT = "apt install dataset-fashion-mnist";

/** One part (train or test) of an image-classification dataset. */
export interface ImageSet {
  /** Pixels scaled to [0, 1], `count × height × width`, row-major. */
  images: Float32Array;
  /** Class of each image, 0 to 9. */
  labels: Uint8Array;
  /** Number of images. */
  count: number;
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
}

/** The train and test parts of an MNIST-format dataset. */
export interface ImageDataset {
  /** The training images. */
  train: ImageSet;
  /** The test images. */
  test: ImageSet;
}

/** Options of {@linkcode loadImageDataset}. */
export interface LoadImageOptions {
  /** Keep only the first this many training images; default all. */
  trainLimit?: number;
  /** Keep only the first this many test images; default all. */
  testLimit?: number;
}

/**
 * Loads an MNIST-format dataset (Fashion-MNIST, MNIST, or anything with the
 * same four files) from a folder: `train-images-idx3-ubyte`,
 * `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte` and
 * `t10k-labels-idx1-ubyte`, each gzipped (`.gz`) or not.
 *
 * @param dir The folder; {@linkcode DEFAULT_DATA_DIR} is where Fashion-MNIST is installed.
 * @param options How many images of each part to keep.
 * @returns Train and test images with their labels.
 * @throws {Deno.errors.NotFound} If a file is missing; the message says how to install the dataset.
 * @throws {SyntaxError} If a file is corrupt or truncated, or the images and labels do not match.
 *
 * @example The project's tiny fixture
 * ```ts
 * import { loadImageDataset } from "./image_dataset.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = new URL("../../fixtures/idx", import.meta.url).pathname;
 * const data = await loadImageDataset(dir, { trainLimit: 10 });
 * assert.equal(data.train.count, 10);
 * assert.equal(data.train.images.length, 10 * 28 * 28);
 * assert.ok(data.test.images.every((p) => p >= 0 && p <= 1));
 * ```
 */
export async function loadImageDataset(dir: string, options: LoadImageOptions = {}): Promise<ImageDataset> {
  return {
    train: await loadPart(dir, "train", options.trainLimit),
    test: await loadPart(dir, "t10k", options.testLimit),
  };
}

/**
 * A fingerprint of an MNIST-format dataset: the SHA-256 of its four files'
 * bytes, as hex. Experiments put it in their cell keys, so a run on other
 * data never reuses stored results.
 *
 * @param dir The dataset folder.
 * @returns 64 hex digits.
 * @throws {Deno.errors.NotFound} If a file is missing (the message names the install command).
 *
 * @example
 * ```ts
 * import { datasetFingerprint } from "./image_dataset.ts";
 * import assert from "node:assert/strict";
 *
 * const fixture = new URL("../../fixtures/idx", import.meta.url).pathname;
 * const print = await datasetFingerprint(fixture);
 * assert.match(print, /^[0-9a-f]{64}$/);
 * assert.equal(await datasetFingerprint(fixture), print);
 * ```
 */
export async function datasetFingerprint(dir: string): Promise<string> {
  const parts: Uint8Array[] = [];
  for (const prefix of ["train", "t10k"]) {
    for (const kind of ["images-idx3", "labels-idx1"]) {
      parts.push(await Deno.readFile(await findFile(dir, `${prefix}-${kind}-ubyte`)));
    }
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length + 8, 0));
  let at = 0;
  for (const p of parts) { // each file's length, then its bytes: no two file sets hash alike by concatenation
    new DataView(all.buffer).setFloat64(at, p.length);
    all.set(p, at + 8);
    at += p.length + 8;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function loadPart(dir: string, prefix: string, limit = Infinity): Promise<ImageSet> {
  const { images, labels, total, height, width } = await readPart(dir, prefix);
  const count = Math.min(total, limit);
  const pixels = new Float32Array(count * height * width);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images[i] / 255;
  return { images: pixels, labels: labels.slice(0, count), count, height, width };
}

// Reads and checks one part's two IDX files: 3-D unsigned-byte images, one label ≤ 9 per image.
async function readPart(
  dir: string,
  prefix: string,
): Promise<{ images: Uint8Array; labels: Uint8Array; total: number; height: number; width: number }> {
  const imagesPath = await findFile(dir, `${prefix}-images-idx3-ubyte`);
  const labelsPath = await findFile(dir, `${prefix}-labels-idx1-ubyte`);
  const images = await readIdx(imagesPath), labels = await readIdx(labelsPath);
  if (images.dims.length !== 3 || !(images.data instanceof Uint8Array)) {
    throw new SyntaxError(`Cannot use "${imagesPath}": expected a 3-D array of unsigned bytes`);
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== images.dims[0] || !(labels.data instanceof Uint8Array)) {
    throw new SyntaxError(`Cannot use "${labelsPath}": expected ${images.dims[0]} unsigned-byte labels`);
  }
  if (labels.data.some((l) => l > 9)) throw new SyntaxError(`Cannot use "${labelsPath}": a label is above 9`);
  const [total, height, width] = images.dims;
  return { images: images.data, labels: labels.data, total, height, width };
}

/** The size of one part of an image dataset, from {@linkcode describeImageDataset}. */
export interface ImageSetShape {
  /** Number of images in the file. */
  count: number;
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
}

/**
 * Reads and checks an MNIST-format dataset folder as
 * {@linkcode loadImageDataset} does, and returns how many images of which
 * size each part holds, without converting any pixel.
 *
 * @param dir The folder of the four IDX files.
 * @returns The train and test parts' image counts and sizes.
 * @throws {Deno.errors.NotFound} If a file is missing.
 * @throws {SyntaxError} If a file is not the IDX it should be.
 *
 * @example The test fixture
 * ```ts
 * import { describeImageDataset } from "./image_dataset.ts";
 * import assert from "node:assert/strict";
 *
 * const shape = await describeImageDataset(new URL("../../fixtures/idx", import.meta.url).pathname);
 * assert.deepEqual(shape, { train: { count: 100, height: 28, width: 28 }, test: { count: 40, height: 28, width: 28 } });
 * ```
 */
export async function describeImageDataset(
  dir: string,
): Promise<{ train: ImageSetShape; test: ImageSetShape }> {
  const shape = async (prefix: string): Promise<ImageSetShape> => {
    const { total, height, width } = await readPart(dir, prefix);
    return { count: total, height, width };
  };
  return { train: await shape("train"), test: await shape("t10k") };
}

async function findFile(dir: string, base: string): Promise<string> {
  for (const name of [`${base}.gz`, base]) {
    const path = `${dir}/${name}`;
    try {
      if ((await Deno.stat(path)).isFile) return path;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  throw new Deno.errors.NotFound(
    `Cannot find "${base}.gz" in "${dir}": install Fashion-MNIST with \`${DATA_INSTALL_HINT}\`, or pass --data DIR`,
  );
}
