/**
 * Canonicalisation and rectified (orbit) metrics for phase retrieval's
 * symmetry: {@linkcode canonicalize} maps targets into a connected set of
 * representatives, {@linkcode rectifiedError} scores predictions up to the
 * symmetry; the `*Wasm` versions run the same arithmetic in the kernel.
 *
 * @example A sign flip costs nothing once rectified
 * ```ts
 * import { canonicalize, rectifiedError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const x = new Float32Array([1, -2, 0.5, 0.25]);
 * const options = { field: "real", n: 2 } as const;
 * assert.deepEqual([...canonicalize(x, options)], [-1, 2, 0.5, 0.25]);
 * assert.equal(rectifiedError(x.map((v) => -v), x, options).error, 0);
 * ```
 *
 * @module
 */
export * from "./canonicalize.ts";
export * from "./rectified_error.ts";
export * from "./symmetry_wasm.ts";
