import { tf } from "./tf.ts";

/**
 * Selects tfjs's WebAssembly backend (SIMD build, single-threaded) and waits
 * until it is ready. Safe to call more than once. The backend reads its
 * `.wasm` file from `node_modules`, so the caller needs read access there.
 *
 * @returns The tfjs-core namespace (4.22), ready to use: the way to reach tfjs
 *   ops without naming its package.
 *
 * @example The wasm backend is active afterwards
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
