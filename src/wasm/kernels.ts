/** Which SIMD build of the kernels runs: fused multiply-add (relaxed SIMD) or plain SIMD. */
export type SimdPath = "relaxed" | "plain";

/** The functions the kernels' WebAssembly module exports (see `assembly/knn.ts`). */
export interface KernelExports {
  /** ‖r‖² of packed references, +∞ for padding lanes. */
  referenceNorms(panels: number, panelCount: number, dim: number, refCount: number, norms: number): void;
  /** Sets `count` top-K slots to (+∞, −1). */
  resetBest(bestD: number, bestI: number, count: number): void;
  /** Offers panels [panelFrom, panelTo) to queries [queryFrom, queryTo). */
  searchChunk(
    panels: number,
    norms: number,
    dim: number,
    panelFrom: number,
    panelTo: number,
    queries: number,
    queryFrom: number,
    queryTo: number,
    k: number,
    bestD: number,
    bestI: number,
  ): void;
  /** Adds ‖q‖² to the K distances of queries [queryFrom, queryTo) and clamps at 0. */
  finishQueries(
    queries: number,
    dim: number,
    queryFrom: number,
    queryTo: number,
    k: number,
    bestD: number,
  ): void;
}

const FILES: Record<SimdPath, string> = { relaxed: "kernels_relaxed.wasm", plain: "kernels_simd.wasm" };
const modules = new Map<SimdPath, Promise<WebAssembly.Module>>();
let best: Promise<SimdPath> | undefined;

/**
 * The compiled kernels module of one SIMD path, fetched once per realm from
 * the `.wasm` beside this file (read permission on `src`, or net permission
 * when imported by URL). Without `path`: relaxed SIMD where this engine
 * validates it, plain SIMD otherwise.
 *
 * @param path The SIMD build to load.
 * @returns The module and the path it was built for.
 *
 * @example The default path validates here
 * ```ts
 * import { kernelModule } from "./kernels.ts";
 * import assert from "node:assert/strict";
 *
 * const { module, path } = await kernelModule();
 * assert.ok(path === "relaxed" || path === "plain");
 * assert.ok(WebAssembly.Module.exports(module).some((e) => e.name === "searchChunk"));
 * ```
 */
export async function kernelModule(
  path?: SimdPath,
): Promise<{ module: WebAssembly.Module; path: SimdPath }> {
  if (path !== undefined && path !== "relaxed" && path !== "plain") {
    throw new TypeError(`Cannot load the kernels: simd must be "relaxed" or "plain", got "${path}"`);
  }
  path ??= await (best ??= bytes("relaxed").then((b) => WebAssembly.validate(b) ? "relaxed" : "plain"));
  let module = modules.get(path);
  if (!module) {
    module = bytes(path).then((b) => WebAssembly.compile(b));
    modules.set(path, module);
  }
  return { module: await module, path };
}

async function bytes(path: SimdPath): Promise<Uint8Array<ArrayBuffer>> {
  const res = await fetch(new URL(FILES[path], import.meta.url));
  if (!res.ok) throw new Error(`Cannot load the kernels: ${FILES[path]} answered ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
