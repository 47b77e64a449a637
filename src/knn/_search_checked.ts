/**
 * The search of `knnSearch` on inputs already checked by `checkKnnShapes`:
 * callers that validated once (K-NN regression, its Workers) skip the
 * repeated scan of every value. Returns the shape of `KnnResult`, spelled out
 * so that this file does not import `knn_search.ts` back.
 */
export function searchChecked(
  reference: Float32Array,
  queries: Float32Array,
  dim: number,
  k: number,
): { indices: Int32Array; distances: Float32Array } {
  const refCount = reference.length / dim;
  const queryCount = queries.length / dim;
  const indices = new Int32Array(queryCount * k);
  const distances = new Float32Array(queryCount * k);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let q = 0; q < queryCount; q++) {
    bestD.fill(Infinity);
    bestI.fill(-1);
    const qo = q * dim;
    for (let r = 0; r < refCount; r++) {
      const ro = r * dim;
      let dist = 0;
      for (let j = 0; j < dim; j++) {
        const diff = queries[qo + j] - reference[ro + j];
        dist += diff * diff;
      }
      // Compared in float64 (no overflow for finite float32 input); strict <
      // keeps the earlier (lower) index ahead on ties.
      if (dist < bestD[k - 1]) insert(bestD, bestI, dist, r);
    }
    indices.set(bestI, q * k);
    distances.set(bestD, q * k);
  }
  return { indices, distances };
}

function insert(bestD: Float64Array, bestI: Int32Array, dist: number, index: number): void {
  let i = bestD.length - 1;
  while (i > 0 && bestD[i - 1] > dist) {
    bestD[i] = bestD[i - 1];
    bestI[i] = bestI[i - 1];
    i--;
  }
  bestD[i] = dist;
  bestI[i] = index;
}
