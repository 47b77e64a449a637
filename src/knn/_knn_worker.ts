/// <reference lib="deno.worker" />
import { knnSearch } from "./knn_search.ts";

self.onmessage = (e: MessageEvent) => {
  const { indices } = knnSearch(e.data);
  self.postMessage(indices, [indices.buffer as ArrayBuffer]);
};
