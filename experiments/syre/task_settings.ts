/**
 * The presets of every syre figure task: `smoke` (seconds, for tests), `default` (minutes) and `paper`.
 *
 * @example
 * ```ts
 * import { SYRE_PRESETS } from "./task_settings.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(SYRE_PRESETS, ["smoke", "default", "paper"]);
 * ```
 */
export const SYRE_PRESETS = ["smoke", "default", "paper"] as const;

/**
 * A preset name of a syre figure task.
 *
 * @example
 * ```ts
 * import type { SyrePreset } from "./task_settings.ts";
 * import assert from "node:assert/strict";
 *
 * const preset: SyrePreset = "smoke";
 * assert.equal(preset, "smoke");
 * ```
 */
export type SyrePreset = typeof SYRE_PRESETS[number];

/**
 * The flags every syre image task shares, after parsing.
 *
 * @example
 * ```ts
 * import type { ImageTaskCommon } from "./task_settings.ts";
 * import assert from "node:assert/strict";
 *
 * const common: ImageTaskCommon = { preset: "default", data: "data/fx", out: "results", seed: 1, workers: 2, fresh: false };
 * assert.equal(common.dataset, undefined);
 * ```
 */
export interface ImageTaskCommon {
  /** Name of the preset the settings came from. */
  preset: string;
  /** Dataset folder (MNIST format). */
  data: string;
  /** Output folder. */
  out: string;
  /** Run seed. */
  seed: number;
  /** Parallel grid workers. */
  workers: number;
  /** Forget finished cells. */
  fresh: boolean;
  /** The dataset's fingerprint (from `checkDataDir`), part of every cell key; unset for the library's own use. */
  dataset?: string;
}
