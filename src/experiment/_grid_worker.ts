/// <reference lib="deno.worker" />
// One grid worker: its own tfjs wasm backend, running one job at a time.
import { JOB_KINDS, type JobKind } from "./jobs.ts";

self.onmessage = async (e: MessageEvent<{ id: number; kind: JobKind; params: never }>) => {
  const { id, kind, params } = e.data;
  try {
    const row = await JOB_KINDS[kind](params, (info) => self.postMessage({ id, type: "epoch", info }));
    self.postMessage({ id, type: "done", row });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const stack = err instanceof Error ? err.stack : undefined;
    self.postMessage({ id, type: "error", message, stack });
  }
};
