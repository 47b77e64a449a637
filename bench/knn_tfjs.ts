import { tf } from "../src/nn/tf.ts";
import type { KnnResult } from "../src/knn/knn_search.ts";

/**
 * K-NN the way a tfjs user writes it, for `deno task bench:knn` to compare
 * against: per batch of queries, 2·Q·Rᵀ − ‖r‖² by one untransposed matMul
 * (the fast one in tfjs-wasm), then `topk`. Needs `initBackend()` first.
 */
export function knnTfjs(reference: Float32Array, queries: Float32Array, dim: number, k: number): KnnResult {
  const refCount = reference.length / dim, queryCount = queries.length / dim;
  // Batches of about 64 MB of scores.
  const batch = Math.max(1, Math.floor(16e6 / refCount));
  const indices = new Int32Array(queryCount * k), distances = new Float32Array(queryCount * k);
  const [refT, norms] = tf.tidy(() => {
    const r = tf.tensor2d(reference, [refCount, dim]);
    return [tf.transpose(r), tf.reshape(tf.sum(tf.mul(r, r), 1), [1, refCount])];
  });
  try {
    for (let from = 0; from < queryCount; from += batch) {
      const rows = Math.min(batch, queryCount - from);
      const [v, i] = tf.tidy(() => {
        const q = tf.tensor2d(queries.subarray(from * dim, (from + rows) * dim), [rows, dim]);
        const score = tf.sub(tf.mul(tf.matMul(q, refT), 2), norms); // larger is nearer
        const qq = tf.sum(tf.mul(q, q), 1, true);
        const top = tf.topk(score, k);
        return [tf.sub(qq, top.values), top.indices];
      });
      distances.set(v.dataSync() as Float32Array, from * k);
      indices.set(i.dataSync() as Int32Array, from * k);
      v.dispose();
      i.dispose();
    }
  } finally {
    refT.dispose();
    norms.dispose();
  }
  return { indices, distances };
}
