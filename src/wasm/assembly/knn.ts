// Exact brute-force K-NN in float32: references in panels of 8, queries in
// blocks of 6, a 6×8 tile of f32x4 accumulators, the top-K test fused in.
// Six rows, not four: 12 independent accumulators keep both FMA pipes busy
// through the 4-cycle latency, and with the two reference vectors and one
// broadcast they fill V8's 15 allocatable xmm registers without spilling
// (measured on this machine: 64 against 57 GFLOP/s for 4×8 at dim 60).
// Compiled twice by tasks/build_wasm.ts: with relaxed SIMD (fused
// multiply-add) and with plain SIMD (multiply, then add).
//
// Memory (all owned by the TypeScript wrapper, src/knn/knn_search_wasm.ts):
//   panels  panelCount × dim × 8 f32: coordinate j of references 8p…8p+7
//           at panels + (p·dim + j)·32
//   norms   panelCount × 8 f32: ‖r‖², +∞ for the padding of the last panel
//   queries queryCount × dim f32, row-major
//   bestD   queryCount × k f32: ‖r‖² − 2q·r of the best K so far, ascending
//   bestI   queryCount × k i32: their reference indices

// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** ‖r‖² of every packed reference; +∞ for padding lanes (index ≥ refCount). */
export function referenceNorms(panels: usize, panelCount: i32, dim: i32, refCount: i32, norms: usize): void {
  let p = panels;
  for (let b = 0; b < panelCount; b++) {
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
    for (let j = 0; j < dim; j++) {
      const r0 = v128.load(p), r1 = v128.load(p, 16);
      s0 = madd(r0, r0, s0);
      s1 = madd(r1, r1, s1);
      p += 32;
    }
    const o = norms + (<usize>b << 5);
    v128.store(o, s0);
    v128.store(o, s1, 16);
    for (let l = 0; l < 8; l++) {
      if ((b << 3) + l >= refCount) store<f32>(o + (<usize>l << 2), Infinity);
    }
  }
}

/** Resets the top-K state of `count` queries: distances +∞, indices −1. */
export function resetBest(bestD: usize, bestI: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    store<f32>(bestD + (<usize>i << 2), Infinity);
    store<i32>(bestI + (<usize>i << 2), -1);
  }
}

// Inserts (dist, index) into one query's ascending top-K list if it beats the
// worst; equal distances keep the earlier (lower) index first.
// @ts-ignore: decorator
@inline function offer(d: usize, ix: usize, k: i32, dist: f32, index: i32): void {
  let i = k - 1;
  if (!(dist < load<f32>(d + (<usize>i << 2)))) return;
  while (i > 0) {
    const prev = load<f32>(d + (<usize>(i - 1) << 2));
    if (!(prev > dist)) break;
    store<f32>(d + (<usize>i << 2), prev);
    store<i32>(ix + (<usize>i << 2), load<i32>(ix + (<usize>(i - 1) << 2)));
    i--;
  }
  store<f32>(d + (<usize>i << 2), dist);
  store<i32>(ix + (<usize>i << 2), index);
}

// The fused top-K test of one query's row of the tile: one vector compare
// against the current worst, scalar insertion only on a hit.
// @ts-ignore: decorator
@inline function offerTile(d0: v128, d1: v128, d: usize, ix: usize, k: i32, first: i32): void {
  const worst = f32x4.splat(load<f32>(d + (<usize>(k - 1) << 2)));
  if (!v128.any_true(v128.or(f32x4.lt(d0, worst), f32x4.lt(d1, worst)))) return;
  offer(d, ix, k, f32x4.extract_lane(d0, 0), first);
  offer(d, ix, k, f32x4.extract_lane(d0, 1), first + 1);
  offer(d, ix, k, f32x4.extract_lane(d0, 2), first + 2);
  offer(d, ix, k, f32x4.extract_lane(d0, 3), first + 3);
  offer(d, ix, k, f32x4.extract_lane(d1, 0), first + 4);
  offer(d, ix, k, f32x4.extract_lane(d1, 1), first + 5);
  offer(d, ix, k, f32x4.extract_lane(d1, 2), first + 6);
  offer(d, ix, k, f32x4.extract_lane(d1, 3), first + 7);
}

/**
 * Offers the references of panels [panelFrom, panelTo) to queries
 * [queryFrom, queryTo), updating their top-K state. Callers walk the panels
 * in increasing order, one cache-sized chunk per call, so every query sees
 * the references in index order and ties go to the lower index.
 */
export function searchChunk(
  panels: usize,
  norms: usize,
  dim: i32,
  panelFrom: i32,
  panelTo: i32,
  queries: usize,
  queryFrom: i32,
  queryTo: i32,
  k: i32,
  bestD: usize,
  bestI: usize,
): void {
  const row = <usize>dim << 2;
  const stride = <usize>k << 2;
  const minus2 = f32x4.splat(-2);
  for (let q = queryFrom; q < queryTo; q += 6) {
    const live = queryTo - q; // queries of this block that exist (1…6 used)
    const q0 = queries + <usize>q * row;
    // A short last block repeats its last query; only live rows are offered.
    const q1 = live > 1 ? q0 + row : q0;
    const q2 = live > 2 ? q0 + 2 * row : q1;
    const q3 = live > 3 ? q0 + 3 * row : q2;
    const q4 = live > 4 ? q0 + 4 * row : q3;
    const q5 = live > 5 ? q0 + 5 * row : q4;
    const d0 = bestD + <usize>q * stride, i0 = bestI + <usize>q * stride;
    let rp = panels + <usize>panelFrom * (row << 3);
    for (let p = panelFrom; p < panelTo; p++) {
      let a00 = f32x4.splat(0), a01 = a00, a10 = a00, a11 = a00;
      let a20 = a00, a21 = a00, a30 = a00, a31 = a00;
      let a40 = a00, a41 = a00, a50 = a00, a51 = a00;
      for (let o: usize = 0; o < row; o += 4) {
        const r0 = v128.load(rp), r1 = v128.load(rp, 16);
        let s = v128.load32_splat(q0 + o);
        a00 = madd(s, r0, a00);
        a01 = madd(s, r1, a01);
        s = v128.load32_splat(q1 + o);
        a10 = madd(s, r0, a10);
        a11 = madd(s, r1, a11);
        s = v128.load32_splat(q2 + o);
        a20 = madd(s, r0, a20);
        a21 = madd(s, r1, a21);
        s = v128.load32_splat(q3 + o);
        a30 = madd(s, r0, a30);
        a31 = madd(s, r1, a31);
        s = v128.load32_splat(q4 + o);
        a40 = madd(s, r0, a40);
        a41 = madd(s, r1, a41);
        s = v128.load32_splat(q5 + o);
        a50 = madd(s, r0, a50);
        a51 = madd(s, r1, a51);
        rp += 32;
      }
      // ‖r‖² − 2q·r; ‖q‖² is the same for a whole row, added at the end.
      const np = norms + (<usize>p << 5);
      const n0 = v128.load(np), n1 = v128.load(np, 16);
      const first = p << 3;
      offerTile(madd(a00, minus2, n0), madd(a01, minus2, n1), d0, i0, k, first);
      if (live > 1) offerTile(madd(a10, minus2, n0), madd(a11, minus2, n1), d0 + stride, i0 + stride, k, first);
      if (live > 2) {
        offerTile(madd(a20, minus2, n0), madd(a21, minus2, n1), d0 + 2 * stride, i0 + 2 * stride, k, first);
      }
      if (live > 3) {
        offerTile(madd(a30, minus2, n0), madd(a31, minus2, n1), d0 + 3 * stride, i0 + 3 * stride, k, first);
      }
      if (live > 4) {
        offerTile(madd(a40, minus2, n0), madd(a41, minus2, n1), d0 + 4 * stride, i0 + 4 * stride, k, first);
      }
      if (live > 5) {
        offerTile(madd(a50, minus2, n0), madd(a51, minus2, n1), d0 + 5 * stride, i0 + 5 * stride, k, first);
      }
    }
  }
}

/** Adds ‖q‖² to the final K distances of queries [queryFrom, queryTo) and clamps them at 0. */
export function finishQueries(queries: usize, dim: i32, queryFrom: i32, queryTo: i32, k: i32, bestD: usize): void {
  for (let q = queryFrom; q < queryTo; q++) {
    const qp = queries + <usize>q * (<usize>dim << 2);
    let s: f32 = 0;
    for (let j = 0; j < dim; j++) {
      const v = load<f32>(qp + (<usize>j << 2));
      s += v * v;
    }
    const d = bestD + <usize>q * (<usize>k << 2);
    for (let i = 0; i < k; i++) {
      const p = d + (<usize>i << 2);
      store<f32>(p, max<f32>(load<f32>(p) + s, 0));
    }
  }
}
