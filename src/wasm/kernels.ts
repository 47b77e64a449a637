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
  /** {@linkcode KernelExports.searchChunk} through the 8-bit screen; returns the rows computed in float32. */
  searchChunkScreened(
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
    codes: number,
    refInfo: number,
    qcodes: number,
    qinfo: number,
    groups: number,
    eps: number,
    queue: number,
  ): number;
  /** The 8-bit screen's codes and bounds of the packed references. */
  screenReferences(
    panels: number,
    dim: number,
    refCount: number,
    panelFrom: number,
    panelTo: number,
    mean: number,
    codes: number,
    refInfo: number,
    groups: number,
    eps: number,
  ): void;
  /** The 8-bit screen's codes and bounds of queries [from, to). */
  screenQueries(
    queries: number,
    dim: number,
    from: number,
    to: number,
    mean: number,
    qcodes: number,
    qinfo: number,
    groups: number,
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
  /** Real sign canonicalisation of `rows` rows of n, in place. */
  canonicalizeReal(x: number, rows: number, n: number): void;
  /** Complex phase canonicalisation of `rows` rows of 2n, in place. */
  canonicalizeComplex(x: number, rows: number, n: number): void;
  /** Σ over real rows of min over signs of ‖s·p − x‖². */
  rectifiedReal(p: number, x: number, rows: number, n: number): number;
  /** Σ over complex rows of min over phases of ‖e^{iθ}p − x‖². */
  rectifiedComplex(p: number, x: number, rows: number, n: number): number;
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

/**
 * A fresh instance of the kernels on a new shared memory of at least `bytes`
 * bytes, for one batch computed on this thread.
 *
 * @param bytes Bytes of linear memory the caller needs, from offset 0.
 * @param path The SIMD build; default as in {@linkcode kernelModule}.
 * @returns The kernels' exports and their memory.
 *
 * @example Room for four floats
 * ```ts
 * import { kernelInstance } from "./kernels.ts";
 * import assert from "node:assert/strict";
 *
 * const { memory } = await kernelInstance(16);
 * assert.ok(memory.buffer.byteLength >= 16);
 * ```
 */
export async function kernelInstance(
  bytes: number,
  path?: SimdPath,
): Promise<{ kernels: KernelExports; memory: WebAssembly.Memory }> {
  const { module } = await kernelModule(path);
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > 65536) throw new RangeError(`Cannot run the kernels: ${bytes} bytes is more than their 4 GiB`);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  return { kernels, memory };
}
