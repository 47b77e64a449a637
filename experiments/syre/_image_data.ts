// The dataset as a grid worker sees it: loaded once per worker and kept, since
// every job of a task reads the same files.
import { type ImageDataset, loadImageDataset } from "../../src/data/image_dataset.ts";

const cache = new Map<string, Promise<ImageDataset>>();

/** The dataset in `dir`, cut to the given sizes, loaded at most once per worker. */
export function cachedImageDataset(
  dir: string,
  trainLimit: number,
  testLimit: number,
): Promise<ImageDataset> {
  const key = `${dir}\u0000${trainLimit}\u0000${testLimit}`;
  let data = cache.get(key);
  if (!data) {
    data = loadImageDataset(dir, { trainLimit, testLimit });
    cache.set(key, data);
  }
  return data;
}
