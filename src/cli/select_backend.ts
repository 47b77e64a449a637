import { type BackendChoice, type BackendName, resolveBackend, webgpuAdapter } from "../nn/backend.ts";
import { UsageError } from "./usage_error.ts";

/** The backend a task trains on, as {@linkcode selectBackend} settled it. */
export interface SelectedBackend {
  /** `"wasm"` or `"webgpu"`: what the grid's jobs carry and `run.json` records. */
  backend: BackendName;
  /** The WebGPU adapter's description when the backend is WebGPU. */
  adapter?: string;
}

/**
 * Settles a task's `--backend` before its grid starts, in the task's own
 * realm: `"auto"` becomes `"webgpu"` where a hardware WebGPU adapter exists
 * and `"wasm"` elsewhere (a software adapter is slower than wasm), and one
 * line on stderr says which backend it took
 * (and for WebGPU, which adapter). Each grid Worker then selects that
 * backend for itself.
 *
 * @param task The task's name, the line's prefix.
 * @param choice The `--backend` value.
 * @returns The backend, with the adapter where it is WebGPU.
 * @throws {UsageError} If `choice` is `"webgpu"` and no adapter can be had.
 *
 * @example wasm needs no adapter
 * ```ts
 * import { selectBackend } from "./select_backend.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(await selectBackend("demo", "wasm"), { backend: "wasm" });
 * ```
 */
export async function selectBackend(task: string, choice: BackendChoice): Promise<SelectedBackend> {
  const backend = await resolveBackend(choice);
  const adapter = choice === "wasm" ? undefined : await webgpuAdapter();
  if (backend === "wasm") {
    if (choice === "auto") {
      const why = adapter ? `the only WebGPU adapter is ${adapter}` : "no WebGPU adapter";
      console.error(`${task}: --backend auto took wasm (${why})`);
    }
    return { backend };
  }
  if (!adapter) {
    throw new UsageError(
      `--backend webgpu found no WebGPU adapter: without a GPU, install a software Vulkan driver (Debian: mesa-vulkan-drivers libvulkan1)`,
    );
  }
  console.error(`${task}: ${choice === "auto" ? "--backend auto took" : "backend"} webgpu (${adapter})`);
  return { backend, adapter };
}
