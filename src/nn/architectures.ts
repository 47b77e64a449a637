/** The three network sizes of the paper (section 4.1). */
export type ModelName = "nn" | "wnn" | "dnn";

/**
 * Hidden-layer widths of each network; input m and output d come from the data.
 *
 * @example The deep network has five hidden layers
 * ```ts
 * import { HIDDEN } from "./architectures.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(HIDDEN.nn, [256, 128, 64]);
 * assert.equal(HIDDEN.dnn.length, 5);
 * ```
 */
export const HIDDEN: Readonly<Record<ModelName, readonly number[]>> = {
  nn: [256, 128, 64],
  wnn: [512, 256, 128],
  dnn: [2048, 1024, 512, 256, 128],
};

/**
 * Layer widths of a model, from input to output.
 *
 * @param model `"nn"`, `"wnn"` or `"dnn"`.
 * @param inputDim m, the length of y.
 * @param outputDim d, the length of x (n real, 2n complex).
 * @returns Widths `[m, …hidden, d]`.
 * @throws {TypeError} If `model` is not one of the three names.
 *
 * @example The paper's NN for real n = 15
 * ```ts
 * import { layerSizes } from "./architectures.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(layerSizes("nn", 60, 15), [60, 256, 128, 64, 15]);
 * ```
 */
export function layerSizes(model: ModelName, inputDim: number, outputDim: number): number[] {
  const hidden = HIDDEN[model];
  if (!hidden) throw new TypeError(`Unknown model "${model}": expected nn, wnn or dnn`);
  return [inputDim, ...hidden, outputDim];
}

/**
 * Number of trainable parameters (weights and biases) of a dense network.
 *
 * @param sizes Layer widths from input to output.
 * @returns Σ (in·out + out) over the layers.
 *
 * @example Table 3 of the paper, NN for real n = 15
 * ```ts
 * import { layerSizes, parameterCount } from "./architectures.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parameterCount(layerSizes("nn", 60, 15)), 57743);
 * ```
 */
export function parameterCount(sizes: readonly number[]): number {
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l] * sizes[l + 1] + sizes[l + 1];
  return total;
}
