/// <reference lib="deno.worker" />
// One K-NN kernel worker: instantiates the posted module on the posted shared
// memory and searches its range of queries in place.
import type { KernelExports } from "../wasm/kernels.ts";
import { type KernelLayout, runQueries } from "./_kernel_run.ts";

self.onmessage = (
  e: MessageEvent<
    {
      module: WebAssembly.Module;
      memory: WebAssembly.Memory;
      layout: KernelLayout;
      from: number;
      to: number;
      part: number;
    }
  >,
) => {
  const { module, memory, layout, from, to, part } = e.data;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  self.postMessage(runQueries(instance.exports as unknown as KernelExports, layout, from, to, part));
};
