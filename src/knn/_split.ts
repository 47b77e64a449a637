import type { KnnSearchOptions } from "./knn_search.ts";

/**
 * Splits the queries of a K-NN search between `workers` module Workers and
 * returns the concatenated neighbour indices.
 */
export async function mapWorkers(
  options: Required<KnnSearchOptions>,
  workers: number,
): Promise<Int32Array> {
  const { reference, queries, dim, k } = options;
  const queryCount = queries.length / dim;
  const parts = Math.min(workers, queryCount);
  const shared = toShared(reference);
  const out = new Int32Array(queryCount * k);
  const jobs = [];
  for (let w = 0; w < parts; w++) {
    const from = Math.floor((queryCount * w) / parts);
    const to = Math.floor((queryCount * (w + 1)) / parts);
    const worker = new Worker(new URL("./_knn_worker.ts", import.meta.url), { type: "module" });
    jobs.push(
      new Promise<void>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<Int32Array>) => {
          out.set(e.data, from * k);
          worker.terminate();
          resolve();
        };
        worker.onerror = (e) => {
          e.preventDefault();
          worker.terminate();
          reject(new Error(`K-NN worker failed: ${e.message}`));
        };
      }),
    );
    worker.postMessage({
      reference: shared,
      queries: queries.slice(from * dim, to * dim),
      dim,
      k,
    });
  }
  await Promise.all(jobs);
  return out;
}

function toShared(a: Float32Array): Float32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const s = new Float32Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
}
