import type { BackendName } from "../../src/nn/backend.ts";

/**
 * The settings every hyperparameter study (Table 4, Fig. 4) shares; studies add their own.
 *
 * @example
 * ```ts
 * import type { SweepConfig } from "./sweep_config.ts";
 * import assert from "node:assert/strict";
 *
 * const c: SweepConfig = {
 *   name: "fig4", preset: "default", n: [5], samples: 20000, seed: 1, epochs: 10, patience: 10,
 *   batch: 64, learningRate: 1e-3, workers: 2, out: "results", fresh: false,
 * };
 * assert.equal(c.samples, 20000);
 * ```
 */
export interface SweepConfig {
  /** Task name: output base name and cell folder. */
  name: string;
  /** The preset the settings came from. */
  preset: string;
  /** Signal dimensions. */
  n: number[];
  /** Dataset size (train, validation and test). */
  samples: number;
  /** Run seed. */
  seed: number;
  /** Most epochs per network. */
  epochs: number;
  /** Early-stopping patience. */
  patience: number;
  /** Mini-batch size where the study does not vary it. */
  batch: number;
  /** Adam learning rate where the study does not vary it. */
  learningRate: number;
  /** Parallel workers. */
  workers: number;
  /** Output folder. */
  out: string;
  /** Forget stored cells. */
  fresh: boolean;
  /** The backend networks train on (`selectBackend` settles `--backend`); absent: wasm. */
  backend?: BackendName;
  /** The WebGPU adapter's description, recorded in `run.json` beside a WebGPU backend. */
  adapter?: string;
}

/**
 * What a preset of a study fixes; flags override it.
 *
 * @example
 * ```ts
 * import type { SweepPreset } from "./sweep_config.ts";
 * import assert from "node:assert/strict";
 *
 * const p: SweepPreset = { n: [5, 10, 15], samples: 20000, epochs: 100 };
 * assert.equal(p.n.length, 3);
 * ```
 */
export interface SweepPreset {
  /** Signal dimensions. */
  n: number[];
  /** Dataset size. */
  samples: number;
  /** Most epochs per network. */
  epochs: number;
}
