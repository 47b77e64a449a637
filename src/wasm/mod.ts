/**
 * The AssemblyScript kernels (exact K-NN, canonicalisation, rectified error)
 * compiled to WebAssembly, and their loader. It picks the relaxed-SIMD build where
 * the runtime has it and the plain SIMD build otherwise. The training kernels
 * (matrix products, gradients, Adam) run on a memory their caller owns, plain
 * SIMD only. It holds no domain logic.
 *
 * @example Load the kernel module
 * ```ts
 * import { kernelModule } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const { module, path } = await kernelModule();
 * assert.ok(path === "relaxed" || path === "plain");
 * assert.ok(WebAssembly.Module.exports(module).some((e) => e.name === "searchChunk"));
 * ```
 *
 * @module
 */
export * from "./kernels.ts";
export * from "./train_kernels.ts";
