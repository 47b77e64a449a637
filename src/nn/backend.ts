import { loadWebgpuBackend, tf } from "./tf.ts";
import { prepareWasmHeap } from "./wasm_heap.ts";

/** A tfjs backend the library trains on: `"wasm"` (CPU, byte-reproducible) or `"webgpu"` (a GPU). */
export type BackendName = "wasm" | "webgpu";

/** What a `--backend` flag or a `backend` option may name: a backend, or `"auto"` (WebGPU where an adapter exists). */
export type BackendChoice = BackendName | "auto";

/**
 * The values of {@linkcode BackendChoice}, in the order help text shows them.
 *
 * @example
 * ```ts
 * import { BACKEND_CHOICES } from "./backend.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(BACKEND_CHOICES, ["wasm", "webgpu", "auto"]);
 * ```
 */
export const BACKEND_CHOICES = ["wasm", "webgpu", "auto"] as const satisfies readonly BackendChoice[];

/** Options of {@linkcode initBackend}. */
export interface InitBackendOptions {
  /**
   * The backend to select; default `"wasm"`. `"auto"` takes WebGPU when
   * there is a hardware adapter, else wasm (see {@linkcode resolveBackend}).
   */
  backend?: BackendChoice;
}

/**
 * Selects a tfjs backend and waits until it is ready: by default the
 * WebAssembly one (SIMD build, single-threaded), whose results are the
 * library's reference bytes; `"webgpu"` for a GPU (Deno's `navigator.gpu`).
 * Safe to call more than once; a realm (a Worker) has one active backend, so
 * each Worker calls it for itself. The wasm backend reads its `.wasm` file
 * from `node_modules`, so the caller needs read access there.
 *
 * @param options Which backend.
 * @returns The tfjs-core namespace (4.22), ready to use: the way to reach tfjs
 *   ops without naming its package.
 * @throws {Error} If the backend cannot start (for `"webgpu"`: no adapter).
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
export async function initBackend(options: InitBackendOptions = {}): Promise<typeof tf> {
  const name = await resolveBackend(options.backend ?? "wasm");
  if (tf.getBackend() !== name) {
    if (name === "webgpu") {
      if (!await webgpuAdapter()) throw new Error(`Cannot start the tfjs webgpu backend: no WebGPU adapter`);
      await loadWebgpuBackend();
    }
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`Cannot start the tfjs ${name} backend`);
  }
  await tf.ready();
  await prepareWasmHeap();
  return tf;
}

/**
 * What `"auto"` means here: `"webgpu"` when {@linkcode webgpuAdapter} finds
 * a hardware adapter, else `"wasm"`. A software adapter (one that reports
 * itself a fallback, such as Mesa's llvmpipe) does not count: it trains the
 * paper's NN some 15× slower than wasm, so it serves tests through an
 * explicit `"webgpu"`. A named backend is returned as it is.
 *
 * @param choice A backend or `"auto"`.
 * @returns The backend {@linkcode initBackend} would select.
 * @throws {RangeError} If `choice` is not a {@linkcode BackendChoice}.
 *
 * @example
 * ```ts
 * import { resolveBackend } from "./backend.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await resolveBackend("wasm"), "wasm");
 * assert.ok(["wasm", "webgpu"].includes(await resolveBackend("auto")));
 * ```
 */
export async function resolveBackend(choice: BackendChoice): Promise<BackendName> {
  if (!(BACKEND_CHOICES as readonly string[]).includes(choice)) {
    throw new RangeError(`Cannot select backend "${choice}": expected one of ${BACKEND_CHOICES.join(", ")}`);
  }
  if (choice !== "auto") return choice;
  const found = await probeAdapter();
  return found && !found.software ? "webgpu" : "wasm";
}

let adapterProbe: Promise<{ name: string; software: boolean } | undefined> | undefined;

/** Asks `navigator.gpu` for an adapter once per realm. */
function probeAdapter(): Promise<{ name: string; software: boolean } | undefined> {
  adapterProbe ??= (async () => {
    const gpu = (navigator as { gpu?: GPU }).gpu;
    if (!gpu) return undefined;
    try {
      const adapter = await gpu.requestAdapter();
      if (!adapter) return undefined;
      const info = adapter.info;
      const name = info.description || [info.vendor, info.device].filter(Boolean).join(" ") || "unnamed";
      return { name, software: (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true };
    } catch {
      return undefined;
    }
  })();
  return adapterProbe;
}

/**
 * The WebGPU adapter this realm can get, described in one line (e.g.
 * `"llvmpipe (LLVM 15.0.6, 256 bits), software"`: a software adapter says
 * so), or `undefined` when there is none: no `navigator.gpu`, or no adapter
 * (no GPU and no software Vulkan driver). Asked once per realm.
 *
 * @returns The adapter's description, or `undefined`.
 *
 * @example
 * ```ts
 * import { webgpuAdapter } from "./backend.ts";
 * import assert from "node:assert/strict";
 *
 * const adapter = await webgpuAdapter();
 * assert.ok(adapter === undefined || adapter.length > 0);
 * ```
 */
export async function webgpuAdapter(): Promise<string | undefined> {
  const found = await probeAdapter();
  return found && (found.software ? `${found.name}, software` : found.name);
}
