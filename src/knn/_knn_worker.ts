/// <reference lib="deno.worker" />
import { searchChecked } from "./_search_checked.ts";

self.onmessage = (e: MessageEvent) => {
  // knnRegress checked the inputs before splitting them between Workers.
  const { reference, queries, dim, k } = e.data;
  const { indices } = searchChecked(reference, queries, dim, k);
  self.postMessage(indices, [indices.buffer as ArrayBuffer]);
};
