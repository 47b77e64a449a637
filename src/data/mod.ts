/**
 * Datasets: the train/validation/test split, seeded mini-batches, IDX files
 * and the image datasets (MNIST, Fashion-MNIST) read from them.
 *
 * @example The paper's 72/8/20 split
 * ```ts
 * import { splitDataset } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const s = splitDataset(new Float32Array(1000), new Float32Array(1000), 1000);
 * assert.deepEqual([s.train.rows, s.val.rows, s.test.rows], [720, 80, 200]);
 * ```
 *
 * @module
 */
export * from "./idx.ts";
export * from "./image_dataset.ts";
export * from "./mini_batches.ts";
export * from "./resize_images.ts";
export * from "./split.ts";
