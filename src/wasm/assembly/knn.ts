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

// ---------------------------------------------------------------------------
// Screened search: the same results as searchChunk, bit for bit, from less
// float arithmetic. Every (query, panel) pair is first scored with 8-bit
// codes (16 multiply-adds per instruction instead of 4) and a rigorous lower
// bound on the float32 value searchChunk would compute; only query rows whose
// bound can beat their current K-th distance are computed in float32, by the
// same operations in the same order as searchChunk, and offered. A skipped
// pair could not have entered the top K (its float32 value is at least the
// current worst, and offer needs strictly less), so the top-K state after
// every panel is the same as searchChunk's.
//
// More memory (written by src/knn/knn_search_wasm.ts):
//   codes   panelCount × groups × 32 bytes: dims 4g…4g+3 of references
//           8p…8p+3 (16 bytes, reference-major), then of 8p+4…8p+7; each
//           code c + 64 ∈ [1, 127] for c = round((r − μ)/s) ∈ [−63, 63]
//   refInfo panelCount × 160 bytes, 8 f32 per field: s, ‖r − μ‖² − 2εB²
//           rounded down (+∞ for padding), 2e, 2a (see the wrapper), unused
//   qcodes  queryCount × groups × 4 bytes: codes in [−127, 127], 0-padded
//   qinfo   queryCount × 32 bytes: −2s, c, ‖q − μ‖, e, A (f32), −64·Σcodes
//           (i32), then this kernel's threshold, at least (K-th distance) − c
// ---------------------------------------------------------------------------

// Σ over each lane's 4 bytes of a (signed) × b (in [0, 127]), added to c.
// @ts-ignore: decorator
@inline function dot8(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return i32x4.relaxed_dot_i8x16_i7x16_add_s(a, b, c);
  // Plain SIMD: the same integers through 16-bit products.
  const lo = i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_s(a), i16x8.extend_low_i8x16_s(b));
  const hi = i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_s(a), i16x8.extend_high_i8x16_s(b));
  return i32x4.add(c, i32x4.add(v128.shuffle<i32>(lo, hi, 0, 2, 4, 6), v128.shuffle<i32>(lo, hi, 1, 3, 5, 7)));
}

// The lanes of one query's row of the screen that may beat its K-th
// distance: bound < thr, thr ≥ worst − c (see setThreshold).
// @ts-ignore: decorator
@inline function rowMask(a0: v128, a1: v128, s0: v128, s1: v128, base0: v128, base1: v128, info: usize): v128 {
  const t = f32x4.splat(load<f32>(info));
  const thr = f32x4.splat(load<f32>(info, 24));
  const e0 = madd(f32x4.convert_i32x4_s(a0), f32x4.mul(s0, t), base0);
  const e1 = madd(f32x4.convert_i32x4_s(a1), f32x4.mul(s1, t), base1);
  return v128.or(f32x4.lt(e0, thr), f32x4.lt(e1, thr));
}

// Stores a float32 at least (K-th distance) − c in the query's qinfo slot 6:
// the float64 difference rounded up, plus one ulp for its own rounding.
// @ts-ignore: decorator
@inline function setThreshold(d: usize, info: usize, k: i32): void {
  const x = <f64>load<f32>(d + (<usize>(k - 1) << 2)) - <f64>load<f32>(info, 4);
  let f = <f32>x;
  if (f < Infinity) {
    if (<f64>f < x) f = nextUp(f);
    f = nextUp(f);
  }
  store<f32>(info, f, 24);
}

// The least float32 above a finite f.
// @ts-ignore: decorator
@inline function nextUp(f: f32): f32 {
  const b = reinterpret<i32>(f);
  if (f == 0) return reinterpret<f32>(1);
  return reinterpret<f32>(f > 0 ? b + 1 : b - 1);
}

// The queue of rows that passed the screen: entries of 32 bytes, the query's
// float32 row, its top-K distances, indices and qinfo, and the panel.
// Rows are computed four at a time (eight independent multiply-add chains
// instead of two) and offered in queue order, so one query's panels are still
// offered in increasing order. A queued row's query may be screened against a
// threshold that is not yet lowered by the rows before it: that only lets
// more rows through.
const ENTRY: usize = 32;
// @ts-ignore: decorator
@inline function push(e: usize, qp: usize, d: usize, ix: usize, info: usize, p: i32): void {
  store<usize>(e, qp);
  store<usize>(e, d, 4);
  store<usize>(e, ix, 8);
  store<usize>(e, info, 12);
  store<i32>(e, p, 16);
}

// ‖r‖² − 2q·r of one queued row from its accumulators, offered; then the query's new threshold.
// @ts-ignore: decorator
@inline function offerQueued(e: usize, norms: usize, a0: v128, a1: v128, k: i32): void {
  const minus2 = f32x4.splat(-2);
  const p = load<i32>(e, 16), np = norms + (<usize>p << 5);
  const d = load<usize>(e, 4);
  offerTile(madd(a0, minus2, v128.load(np)), madd(a1, minus2, v128.load(np, 16)), d, load<usize>(e, 8), k, p << 3);
  setThreshold(d, load<usize>(e, 12), k);
}

// searchChunk's arithmetic for four queued rows, then their offers in order.
function rescoreFour(queue: usize, panels: usize, norms: usize, row: usize, k: i32): void {
  const q0 = load<usize>(queue), q1 = load<usize>(queue + ENTRY);
  const q2 = load<usize>(queue + 2 * ENTRY), q3 = load<usize>(queue + 3 * ENTRY);
  const panel = row << 3;
  let r0 = panels + <usize>load<i32>(queue, 16) * panel, r1 = panels + <usize>load<i32>(queue + ENTRY, 16) * panel;
  let r2 = panels + <usize>load<i32>(queue + 2 * ENTRY, 16) * panel;
  let r3 = panels + <usize>load<i32>(queue + 3 * ENTRY, 16) * panel;
  let a00 = f32x4.splat(0), a01 = a00, a10 = a00, a11 = a00;
  let a20 = a00, a21 = a00, a30 = a00, a31 = a00;
  for (let o: usize = 0; o < row; o += 4) {
    let s = v128.load32_splat(q0 + o);
    a00 = madd(s, v128.load(r0), a00);
    a01 = madd(s, v128.load(r0, 16), a01);
    s = v128.load32_splat(q1 + o);
    a10 = madd(s, v128.load(r1), a10);
    a11 = madd(s, v128.load(r1, 16), a11);
    s = v128.load32_splat(q2 + o);
    a20 = madd(s, v128.load(r2), a20);
    a21 = madd(s, v128.load(r2, 16), a21);
    s = v128.load32_splat(q3 + o);
    a30 = madd(s, v128.load(r3), a30);
    a31 = madd(s, v128.load(r3, 16), a31);
    r0 += 32;
    r1 += 32;
    r2 += 32;
    r3 += 32;
  }
  offerQueued(queue, norms, a00, a01, k);
  offerQueued(queue + ENTRY, norms, a10, a11, k);
  offerQueued(queue + 2 * ENTRY, norms, a20, a21, k);
  offerQueued(queue + 3 * ENTRY, norms, a30, a31, k);
}

// searchChunk's arithmetic for one queued row (what is left at the end of a call).
function rescoreOne(e: usize, panels: usize, norms: usize, row: usize, k: i32): void {
  const qp = load<usize>(e);
  let rp = panels + <usize>load<i32>(e, 16) * (row << 3);
  let a0 = f32x4.splat(0), a1 = a0;
  for (let o: usize = 0; o < row; o += 4) {
    const s = v128.load32_splat(qp + o);
    a0 = madd(s, v128.load(rp), a0);
    a1 = madd(s, v128.load(rp, 16), a1);
    rp += 32;
  }
  offerQueued(e, norms, a0, a1, k);
}

/**
 * searchChunk through the 8-bit screen (same arguments, then the screen's
 * memory, its `groups` = ⌈dim/4⌉, the margin factor `eps` and 4 × 32 bytes
 * of this thread's own for the queue). Returns how many (query, panel) rows
 * passed the screen and were computed in float32.
 */
export function searchChunkScreened(
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
  codes: usize,
  refInfo: usize,
  qcodes: usize,
  qinfo: usize,
  groups: i32,
  eps: f32,
  queue: usize,
): i32 {
  const row = <usize>dim << 2;
  const stride = <usize>k << 2;
  const qrow = <usize>groups << 2;
  const panelCodes = <usize>groups << 5;
  const veps = f32x4.splat(eps);
  let passed = 0, queued: usize = 0;
  // Plain calls may have changed the top K since this slice was last screened.
  for (let q = queryFrom; q < queryTo; q++) setThreshold(bestD + <usize>q * stride, qinfo + (<usize>q << 5), k);
  for (let q = queryFrom; q < queryTo; q += 6) {
    const live = queryTo - q;
    const f0 = qinfo + (<usize>q << 5);
    const f1 = live > 1 ? f0 + 32 : f0;
    const f2 = live > 2 ? f0 + 64 : f1;
    const f3 = live > 3 ? f0 + 96 : f2;
    const f4 = live > 4 ? f0 + 128 : f3;
    const f5 = live > 5 ? f0 + 160 : f4;
    const c0 = qcodes + <usize>q * qrow;
    const c1 = live > 1 ? c0 + qrow : c0;
    const c2 = live > 2 ? c0 + 2 * qrow : c1;
    const c3 = live > 3 ? c0 + 3 * qrow : c2;
    const c4 = live > 4 ? c0 + 4 * qrow : c3;
    const c5 = live > 5 ? c0 + 5 * qrow : c4;
    // The block's largest ‖q − μ‖, e and A bound the margins of all six rows.
    let m1 = max(load<f32>(f0, 8), load<f32>(f1, 8)), m2 = max(load<f32>(f0, 12), load<f32>(f1, 12));
    let mA = max(load<f32>(f0, 16), load<f32>(f1, 16));
    m1 = max(m1, max(max(load<f32>(f2, 8), load<f32>(f3, 8)), max(load<f32>(f4, 8), load<f32>(f5, 8))));
    m2 = max(m2, max(max(load<f32>(f2, 12), load<f32>(f3, 12)), max(load<f32>(f4, 12), load<f32>(f5, 12))));
    mA = max(mA, max(max(load<f32>(f2, 16), load<f32>(f3, 16)), max(load<f32>(f4, 16), load<f32>(f5, 16))));
    // ε(A + B)² ≤ 2εA² + 2εB²: the B part is in each reference's base, this is the A part (rounded up).
    const v1 = f32x4.splat(m1), v2 = f32x4.splat(m2), vK = f32x4.splat(2 * eps * mA * mA * (1 + 1.0 / 1024));
    const o0 = i32x4.splat(load<i32>(f0, 20)), o1 = i32x4.splat(load<i32>(f1, 20));
    const o2 = i32x4.splat(load<i32>(f2, 20)), o3 = i32x4.splat(load<i32>(f3, 20));
    const o4 = i32x4.splat(load<i32>(f4, 20)), o5 = i32x4.splat(load<i32>(f5, 20));
    const q0 = queries + <usize>q * row;
    const d0 = bestD + <usize>q * stride, i0 = bestI + <usize>q * stride;
    let cp = codes + <usize>panelFrom * panelCodes;
    for (let p = panelFrom; p < panelTo; p++) {
      let a00 = o0, a01 = o0, a10 = o1, a11 = o1, a20 = o2, a21 = o2;
      let a30 = o3, a31 = o3, a40 = o4, a41 = o4, a50 = o5, a51 = o5;
      // Two groups of 4 coordinates a turn (address arithmetic shared), then the odd one.
      let g: usize = 0;
      for (; g + 8 <= qrow; g += 8) {
        {
          const r0 = v128.load(cp), r1 = v128.load(cp, 16);
          let s = v128.load32_splat(c0 + g);
          a00 = dot8(s, r0, a00);
          a01 = dot8(s, r1, a01);
          s = v128.load32_splat(c1 + g);
          a10 = dot8(s, r0, a10);
          a11 = dot8(s, r1, a11);
          s = v128.load32_splat(c2 + g);
          a20 = dot8(s, r0, a20);
          a21 = dot8(s, r1, a21);
          s = v128.load32_splat(c3 + g);
          a30 = dot8(s, r0, a30);
          a31 = dot8(s, r1, a31);
          s = v128.load32_splat(c4 + g);
          a40 = dot8(s, r0, a40);
          a41 = dot8(s, r1, a41);
          s = v128.load32_splat(c5 + g);
          a50 = dot8(s, r0, a50);
          a51 = dot8(s, r1, a51);
        }
        {
          const r0 = v128.load(cp, 32), r1 = v128.load(cp, 48);
          let s = v128.load32_splat(c0 + g, 4);
          a00 = dot8(s, r0, a00);
          a01 = dot8(s, r1, a01);
          s = v128.load32_splat(c1 + g, 4);
          a10 = dot8(s, r0, a10);
          a11 = dot8(s, r1, a11);
          s = v128.load32_splat(c2 + g, 4);
          a20 = dot8(s, r0, a20);
          a21 = dot8(s, r1, a21);
          s = v128.load32_splat(c3 + g, 4);
          a30 = dot8(s, r0, a30);
          a31 = dot8(s, r1, a31);
          s = v128.load32_splat(c4 + g, 4);
          a40 = dot8(s, r0, a40);
          a41 = dot8(s, r1, a41);
          s = v128.load32_splat(c5 + g, 4);
          a50 = dot8(s, r0, a50);
          a51 = dot8(s, r1, a51);
        }
        cp += 64;
      }
      if (g < qrow) {
        {
          const r0 = v128.load(cp), r1 = v128.load(cp, 16);
          let s = v128.load32_splat(c0 + g);
          a00 = dot8(s, r0, a00);
          a01 = dot8(s, r1, a01);
          s = v128.load32_splat(c1 + g);
          a10 = dot8(s, r0, a10);
          a11 = dot8(s, r1, a11);
          s = v128.load32_splat(c2 + g);
          a20 = dot8(s, r0, a20);
          a21 = dot8(s, r1, a21);
          s = v128.load32_splat(c3 + g);
          a30 = dot8(s, r0, a30);
          a31 = dot8(s, r1, a31);
          s = v128.load32_splat(c4 + g);
          a40 = dot8(s, r0, a40);
          a41 = dot8(s, r1, a41);
          s = v128.load32_splat(c5 + g);
          a50 = dot8(s, r0, a50);
          a51 = dot8(s, r1, a51);
        }
        cp += 32;
      }
      // Lower bound: ‖r − μ‖² + c − 2 s_q s_r (codes · codes) − margin, where
      // margin = 2(‖q − μ‖e_r + e_q a_r) + eps (A + B)² (see the wrapper).
      const ip = refInfo + <usize>p * 160;
      const base0 = f32x4.sub(v128.load(ip, 32), madd(v1, v128.load(ip, 64), madd(v2, v128.load(ip, 96), vK)));
      const base1 = f32x4.sub(v128.load(ip, 48), madd(v1, v128.load(ip, 80), madd(v2, v128.load(ip, 112), vK)));
      const s0 = v128.load(ip), s1 = v128.load(ip, 16);
      // Rows past `live` repeat the last live query: their lanes are that query's.
      const h0 = rowMask(a00, a01, s0, s1, base0, base1, f0);
      const h1 = rowMask(a10, a11, s0, s1, base0, base1, f1);
      const h2 = rowMask(a20, a21, s0, s1, base0, base1, f2);
      const h3 = rowMask(a30, a31, s0, s1, base0, base1, f3);
      const h4 = rowMask(a40, a41, s0, s1, base0, base1, f4);
      const h5 = rowMask(a50, a51, s0, s1, base0, base1, f5);
      if (!v128.any_true(v128.or(v128.or(v128.or(h0, h1), v128.or(h2, h3)), v128.or(h4, h5)))) continue;
      let hits = <i32>v128.any_true(h0) | (<i32>v128.any_true(h1) << 1) | (<i32>v128.any_true(h2) << 2) |
        (<i32>v128.any_true(h3) << 3) | (<i32>v128.any_true(h4) << 4) | (<i32>v128.any_true(h5) << 5);
      hits &= (1 << (live < 6 ? live : 6)) - 1;
      if (hits == 0) continue;
      passed += popcnt<i32>(hits);
      while (hits != 0) {
        const r = ctz<i32>(hits);
        hits &= hits - 1;
        push(queue + queued * ENTRY, q0 + <usize>r * row, d0 + <usize>r * stride, i0 + <usize>r * stride, f0 + (<usize>r << 5), p);
        if (++queued == 4) {
          rescoreFour(queue, panels, norms, row, k);
          queued = 0;
        }
      }
    }
  }
  for (let e: usize = 0; e < queued; e++) rescoreOne(queue + e * ENTRY, panels, norms, row, k);
  return passed;
}

// The greatest float32 below a finite f.
// @ts-ignore: decorator
@inline function nextDown(f: f32): f32 {
  return -nextUp(-f);
}

// The least float32 ≥ x (finite x).
// @ts-ignore: decorator
@inline function up32(x: f64): f32 {
  const f = <f32>x;
  return <f64>f < x ? nextUp(f) : f;
}

// The greatest float32 ≤ x (finite x).
// @ts-ignore: decorator
@inline function down32(x: f64): f32 {
  const f = <f32>x;
  return <f64>f > x ? nextDown(f) : f;
}

const GROW: f64 = 1 + 1.0 / 4096;
const TINY: f64 = 8.881784197001252e-16; // 2⁻⁵⁰

// Codes of two float64 lanes, 4 to an i32x4 after a second call: c = round(sh·inv) clamped to ±lim.
// @ts-ignore: decorator
@inline function code2(sh: v128, inv: v128, lim: v128): v128 {
  return f64x2.pmax(f64x2.neg(lim), f64x2.pmin(lim, f64x2.nearest(f64x2.mul(sh, inv))));
}

// Writes one reference's bounds from its float64 sums (lane l of a panel).
// @ts-ignore: decorator
@inline function referenceInfo(info: usize, s: f32, norm: f64, norm2: f64, err: f64, coded: f64, eps: f64): void {
  const e = sqrt(err) * GROW, a = <f64>s * sqrt(coded) * GROW;
  const b = max(TINY, (sqrt(norm) + sqrt(norm2)) * GROW + a + e);
  store<f32>(info, s);
  store<f32>(info, down32(norm2 / GROW - 2 * eps * b * b * GROW), 32);
  store<f32>(info, up32(2 * e), 64);
  store<f32>(info, up32(2 * a), 96);
}

/**
 * The screen's reference codes and bounds (layout above) from the packed
 * float32 references, in float64, a panel (8 references, 4 float64x2) at a
 * time: with r′ = r − μ (μ at `mean`, dim f32), s = max|r′|/63 rounded up,
 * codes round(r′/s) ∈ [−63, 63] stored + 64, e = ‖r′ − s·codes‖ and
 * a = ‖s·codes‖ grown by 2⁻¹², and ‖r′‖² − 2·eps·B² rounded down; +∞ for padding (whose codes, like
 * those past dim, meet only zero query codes or are never used).
 * Panels [panelFrom, panelTo): callers go in pieces so V8's optimised code
 * takes over (wasm has no on-stack replacement).
 */
export function screenReferences(
  panels: usize,
  dim: i32,
  refCount: i32,
  panelFrom: i32,
  panelTo: i32,
  mean: usize,
  codes: usize,
  refInfo: usize,
  groups: i32,
  eps: f64,
): void {
  const panelCodes = <usize>groups << 5;
  const zero = f64x2.splat(0), lim = f64x2.splat(63), offset = i32x4.splat(64);
  for (let p = panelFrom; p < panelTo; p++) {
    const src = panels + <usize>p * (<usize>dim << 5);
    let n0 = zero, n1 = zero, n2 = zero, n3 = zero;
    let m0 = zero, m1 = zero, m2 = zero, m3 = zero;
    let b0 = zero, b1 = zero, b2 = zero, b3 = zero;
    for (let j = 0; j < dim; j++) {
      const x = v128.load(src + (<usize>j << 5)), y = v128.load(src + (<usize>j << 5), 16);
      const v0 = f64x2.promote_low_f32x4(x), v1 = f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1));
      const v2 = f64x2.promote_low_f32x4(y), v3 = f64x2.promote_low_f32x4(i32x4.shuffle(y, y, 2, 3, 0, 1));
      const mu = f64x2.splat(<f64>load<f32>(mean + (<usize>j << 2)));
      const s0 = f64x2.sub(v0, mu), s1 = f64x2.sub(v1, mu), s2 = f64x2.sub(v2, mu), s3 = f64x2.sub(v3, mu);
      n0 = f64x2.add(n0, f64x2.mul(v0, v0));
      n1 = f64x2.add(n1, f64x2.mul(v1, v1));
      n2 = f64x2.add(n2, f64x2.mul(v2, v2));
      n3 = f64x2.add(n3, f64x2.mul(v3, v3));
      m0 = f64x2.add(m0, f64x2.mul(s0, s0));
      m1 = f64x2.add(m1, f64x2.mul(s1, s1));
      m2 = f64x2.add(m2, f64x2.mul(s2, s2));
      m3 = f64x2.add(m3, f64x2.mul(s3, s3));
      b0 = f64x2.pmax(b0, f64x2.abs(s0));
      b1 = f64x2.pmax(b1, f64x2.abs(s1));
      b2 = f64x2.pmax(b2, f64x2.abs(s2));
      b3 = f64x2.pmax(b3, f64x2.abs(s3));
    }
    // Scales s (float32, rounded up) and their inverses, per lane.
    const c0 = up32(f64x2.extract_lane(b0, 0) / 63), c1 = up32(f64x2.extract_lane(b0, 1) / 63);
    const c2 = up32(f64x2.extract_lane(b1, 0) / 63), c3 = up32(f64x2.extract_lane(b1, 1) / 63);
    const c4 = up32(f64x2.extract_lane(b2, 0) / 63), c5 = up32(f64x2.extract_lane(b2, 1) / 63);
    const c6 = up32(f64x2.extract_lane(b3, 0) / 63), c7 = up32(f64x2.extract_lane(b3, 1) / 63);
    const sc0 = f64x2(<f64>c0, <f64>c1), sc1 = f64x2(<f64>c2, <f64>c3);
    const sc2 = f64x2(<f64>c4, <f64>c5), sc3 = f64x2(<f64>c6, <f64>c7);
    const one = f64x2.splat(1);
    const i0 = v128.bitselect(f64x2.div(one, sc0), zero, f64x2.gt(sc0, zero));
    const i1 = v128.bitselect(f64x2.div(one, sc1), zero, f64x2.gt(sc1, zero));
    const i2 = v128.bitselect(f64x2.div(one, sc2), zero, f64x2.gt(sc2, zero));
    const i3 = v128.bitselect(f64x2.div(one, sc3), zero, f64x2.gt(sc3, zero));
    let e0 = zero, e1 = zero, e2 = zero, e3 = zero, a0 = zero, a1 = zero, a2 = zero, a3 = zero;
    let lo = i32x4.splat(0), hi = lo;
    const out = codes + <usize>p * panelCodes;
    for (let j = 0; j < dim; j++) {
      const x = v128.load(src + (<usize>j << 5)), y = v128.load(src + (<usize>j << 5), 16);
      const mu = f64x2.splat(<f64>load<f32>(mean + (<usize>j << 2)));
      const s0 = f64x2.sub(f64x2.promote_low_f32x4(x), mu);
      const s1 = f64x2.sub(f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1)), mu);
      const s2 = f64x2.sub(f64x2.promote_low_f32x4(y), mu);
      const s3 = f64x2.sub(f64x2.promote_low_f32x4(i32x4.shuffle(y, y, 2, 3, 0, 1)), mu);
      const k0 = code2(s0, i0, lim), k1 = code2(s1, i1, lim), k2 = code2(s2, i2, lim), k3 = code2(s3, i3, lim);
      const r0 = f64x2.sub(s0, f64x2.mul(sc0, k0)), r1 = f64x2.sub(s1, f64x2.mul(sc1, k1));
      const r2 = f64x2.sub(s2, f64x2.mul(sc2, k2)), r3 = f64x2.sub(s3, f64x2.mul(sc3, k3));
      e0 = f64x2.add(e0, f64x2.mul(r0, r0));
      e1 = f64x2.add(e1, f64x2.mul(r1, r1));
      e2 = f64x2.add(e2, f64x2.mul(r2, r2));
      e3 = f64x2.add(e3, f64x2.mul(r3, r3));
      a0 = f64x2.add(a0, f64x2.mul(k0, k0));
      a1 = f64x2.add(a1, f64x2.mul(k1, k1));
      a2 = f64x2.add(a2, f64x2.mul(k2, k2));
      a3 = f64x2.add(a3, f64x2.mul(k3, k3));
      // Codes of references 0–3 and 4–7 as i32 lanes, + 64, into byte j & 3 of their group's words.
      const w0 = i32x4.shuffle(i32x4.trunc_sat_f64x2_s_zero(k0), i32x4.trunc_sat_f64x2_s_zero(k1), 0, 1, 4, 5);
      const w1 = i32x4.shuffle(i32x4.trunc_sat_f64x2_s_zero(k2), i32x4.trunc_sat_f64x2_s_zero(k3), 0, 1, 4, 5);
      const shift = (j & 3) << 3;
      lo = v128.or(lo, i32x4.shl(i32x4.add(w0, offset), shift));
      hi = v128.or(hi, i32x4.shl(i32x4.add(w1, offset), shift));
      if ((j & 3) == 3 || j == dim - 1) {
        const g = out + (<usize>(j >> 2) << 5);
        v128.store(g, lo);
        v128.store(g, hi, 16);
        lo = i32x4.splat(0);
        hi = lo;
      }
    }
    const info = refInfo + <usize>p * 160;
    const first = p << 3;
    referenceInfo(info, c0, f64x2.extract_lane(n0, 0), f64x2.extract_lane(m0, 0), f64x2.extract_lane(e0, 0), f64x2.extract_lane(a0, 0), eps);
    referenceInfo(info + 4, c1, f64x2.extract_lane(n0, 1), f64x2.extract_lane(m0, 1), f64x2.extract_lane(e0, 1), f64x2.extract_lane(a0, 1), eps);
    referenceInfo(info + 8, c2, f64x2.extract_lane(n1, 0), f64x2.extract_lane(m1, 0), f64x2.extract_lane(e1, 0), f64x2.extract_lane(a1, 0), eps);
    referenceInfo(info + 12, c3, f64x2.extract_lane(n1, 1), f64x2.extract_lane(m1, 1), f64x2.extract_lane(e1, 1), f64x2.extract_lane(a1, 1), eps);
    referenceInfo(info + 16, c4, f64x2.extract_lane(n2, 0), f64x2.extract_lane(m2, 0), f64x2.extract_lane(e2, 0), f64x2.extract_lane(a2, 0), eps);
    referenceInfo(info + 20, c5, f64x2.extract_lane(n2, 1), f64x2.extract_lane(m2, 1), f64x2.extract_lane(e2, 1), f64x2.extract_lane(a2, 1), eps);
    referenceInfo(info + 24, c6, f64x2.extract_lane(n3, 0), f64x2.extract_lane(m3, 0), f64x2.extract_lane(e3, 0), f64x2.extract_lane(a3, 0), eps);
    referenceInfo(info + 28, c7, f64x2.extract_lane(n3, 1), f64x2.extract_lane(m3, 1), f64x2.extract_lane(e3, 1), f64x2.extract_lane(a3, 1), eps);
    for (let l = 0; l < 8; l++) {
      if (first + l < refCount) continue;
      const at = info + (<usize>l << 2);
      store<f32>(at, 0);
      store<f32>(at, Infinity, 32);
      store<f32>(at, 0, 64);
      store<f32>(at, 0, 96);
    }
  }
}

/**
 * The screen's codes and bounds of queries [from, to) (layout above): s =
 * max|q′|/127 rounded up, codes in [−127, 127] (0 past dim), −2s, c = ‖q′‖² −
 * ‖q‖² rounded down, ‖q′‖, e and A grown and rounded up, −64·Σcodes.
 */
export function screenQueries(
  queries: usize,
  dim: i32,
  from: i32,
  to: i32,
  mean: usize,
  qcodes: usize,
  qinfo: usize,
  groups: i32,
): void {
  const qrow = <usize>groups << 2;
  for (let q = from; q < to; q++) {
    const src = queries + <usize>q * (<usize>dim << 2);
    let norm: f64 = 0, norm2: f64 = 0, big: f64 = 0;
    for (let j = 0; j < dim; j++) {
      const v = <f64>load<f32>(src + (<usize>j << 2));
      const sh = v - <f64>load<f32>(mean + (<usize>j << 2));
      norm += v * v;
      norm2 += sh * sh;
      big = max(big, abs(sh));
    }
    const s = up32(big / 127);
    const inv: f64 = s > 0 ? 1 / <f64>s : 0;
    let err: f64 = 0, coded: f64 = 0, sum: i32 = 0;
    const out = qcodes + <usize>q * qrow;
    for (let j = 0; j < dim; j++) {
      const sh = <f64>load<f32>(src + (<usize>j << 2)) - <f64>load<f32>(mean + (<usize>j << 2));
      const c = min<f64>(127, max<f64>(-127, nearest(sh * inv)));
      store<i8>(out + <usize>j, <i8>(<i32>c));
      const res = sh - <f64>s * c;
      err += res * res;
      coded += c * c;
      sum += <i32>c;
    }
    for (let j = dim; j < groups << 2; j++) store<i8>(out + <usize>j, 0);
    const e = sqrt(err) * GROW, a = <f64>s * sqrt(coded) * GROW;
    const info = qinfo + (<usize>q << 5);
    store<f32>(info, -2 * s);
    store<f32>(info, down32(norm2 - norm - (norm2 + norm) * 9.094947017729282e-13), 4); // 2⁻⁴⁰
    store<f32>(info, up32(sqrt(norm2) * GROW), 8);
    store<f32>(info, up32(e), 12);
    store<f32>(info, up32((sqrt(norm) + sqrt(norm2)) * GROW + a + e), 16);
    store<i32>(info, -64 * sum, 20);
    store<f32>(info, 0, 24);
    store<f32>(info, 0, 28);
  }
}
