// Full npm: specifiers, not the import map's bare names: an import map applies
// only to the project that owns it, and this file must resolve when another
// project imports mod.ts by URL. This is the one place that names them.
// deno-lint-ignore no-import-prefix
import * as tf from "npm:@tensorflow/tfjs-core@4.22.0";
// deno-lint-ignore no-import-prefix
import "npm:@tensorflow/tfjs-backend-wasm@4.22.0";

/**
 * Selects tfjs's WebAssembly backend (SIMD build, single-threaded) and waits
 * until it is ready. Safe to call more than once. The backend reads its
 * `.wasm` file from `node_modules`, so the caller needs read access there.
 *
 * @returns The tfjs-core namespace, ready to use.
 *
 * @example
 * ```ts
 * import { initBackend } from "./backend.ts";
 * import assert from "node:assert/strict";
 *
 * const tf = await initBackend();
 * assert.equal(tf.getBackend(), "wasm");
 * ```
 */
export async function initBackend(): Promise<typeof tf> {
  if (tf.getBackend() !== "wasm") {
    const ok = await tf.setBackend("wasm");
    if (!ok) throw new Error("Cannot start the tfjs wasm backend");
  }
  await tf.ready();
  return tf;
}

export { tf };
