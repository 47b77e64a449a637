// The training step of a dense ReLU network on tfjs's wasm heap: matrix
// products, the MSE and ReLU gradients, bias sums, weight penalties and Adam,
// each a loop over memory the caller (src/nn/wasm_mlp_step.ts) owns.
//
// Plain SIMD only, multiply then add: no relaxed (fused) multiply-add, so
// every engine and CPU computes the same float32 bytes. Every output element
// of a product is one chain acc ← acc + a·b in k order from its start value,
// whichever tile or tail computes it, so the bytes do not depend on the
// shapes' remainders either.
//
// A matrix operand X(i, k) lives at x + 4·(i·rx + k·cx): strides let one
// kernel read A, Aᵀ, B or Bᵀ of row-major buffers without a transpose.

/**
 * Packs B (K × N, B(k, j) at b + 4·(k·rb + j·cb)) into panels of 8 columns,
 * from panel `first` on: panel first + q holds B(k, 8(first+q)…+7) at
 * dst + 32·(q·K + k), zero past column N. Rows of 8 contiguous values (cb = 1)
 * are copied as two vectors.
 */
export function packPanels(b: usize, rb: i32, cb: i32, K: i32, N: i32, first: i32, dst: usize): void {
  const panels = (N + 7) >> 3;
  let o = dst;
  for (let p = first; p < panels; p++) {
    const j0 = p << 3;
    if (cb == 1 && j0 + 8 <= N) {
      let q = b + (<usize>j0 << 2);
      const step = <usize>rb << 2;
      for (let k = 0; k < K; k++) {
        v128.store(o, v128.load(q));
        v128.store(o, v128.load(q, 16), 16);
        q += step;
        o += 32;
      }
      continue;
    }
    for (let k = 0; k < K; k++) {
      for (let l = 0; l < 8; l++) {
        const j = j0 + l;
        store<f32>(o, j < N ? load<f32>(b + ((<usize>k * <usize>rb + <usize>j * <usize>cb) << 2)) : 0);
        o += 4;
      }
    }
  }
}

/**
 * C = A · B (+ bias) (then max(·, 0) when `relu`), C row-major with row
 * stride ldc; A(i, k) at a + 4·(i·ra + k·ca). B is read in panels of 8
 * columns: with `direct`, each full panel straight from a row-major B at b
 * (row stride ldb) and the last, partial one (N not a multiple of 8) from
 * `panels`, where packPanels put it as panel 0; without, every panel from
 * `panels`. `bias` (N values, 0 for none) is each column's start value.
 * With `apack` (room for 131072 + 6K floats; 0 for none), each block of A's
 * rows is first copied there, row-major: for an A whose rows are far apart.
 */
export function gemm(
  a: usize,
  ra: i32,
  ca: i32,
  b: usize,
  ldb: i32,
  direct: bool,
  panels: usize,
  c: usize,
  ldc: i32,
  M: i32,
  N: i32,
  K: i32,
  bias: usize,
  relu: bool,
  apack: usize,
): void {
  const np = (N + 7) >> 3;
  const lc = <usize>ldc << 2;
  // Rows in blocks of about 512 KiB of A (a multiple of 6 rows), every panel
  // of B over one block before the next: a block stays in L2 while B streams.
  const block = max(6, (131072 / max(K, 1)) / 6 * 6);
  for (let i0 = 0; i0 < M; i0 += block) {
    const i1 = min(M, i0 + block);
    if (apack == 0) {
      gemmRows(a, ra, <usize>ca << 2, <usize>ra << 2, b, ldb, direct, panels, c, lc, i0, i1, np, N, K, bias, relu);
      continue;
    }
    // A far-strided A (a transposed one, a row of it every few KiB) thrashes
    // L1's sets: copy the block's rows to apack, K values each, and read them there.
    for (let k = 0; k < K; k++) {
      for (let i = i0; i < i1; i++) {
        store<f32>(
          apack + ((<usize>(i - i0) * <usize>K + <usize>k) << 2),
          load<f32>(a + ((<usize>i * <usize>ra + <usize>k * <usize>ca) << 2)),
        );
      }
    }
    // Row i of the copy at base + 4·i·K for i ≥ i0 (wasm32 addresses wrap).
    const base = apack - ((<usize>i0 * <usize>K) << 2);
    gemmRows(base, K, 4, <usize>K << 2, b, ldb, direct, panels, c, lc, i0, i1, np, N, K, bias, relu);
  }
}

// gemm for rows [i0, i1): every panel of B, tiles of 6 rows, then 4, then 1.
// @ts-ignore: decorator
@inline function gemmRows(
  a: usize,
  ra: i32,
  sa: usize,
  r: usize,
  b: usize,
  ldb: i32,
  direct: bool,
  panels: usize,
  c: usize,
  lc: usize,
  i0: i32,
  M: i32,
  np: i32,
  N: i32,
  K: i32,
  bias: usize,
  relu: bool,
): void {
  const ldc = <i32>(lc >> 2);
  for (let p = 0; p < np; p++) {
    const j = p << 3;
    const full = j + 8 <= N;
    let init0 = f32x4.splat(0), init1 = f32x4.splat(0);
    if (bias != 0) {
      if (full) {
        init0 = v128.load(bias + (<usize>j << 2));
        init1 = v128.load(bias + (<usize>j << 2), 16);
      } else {
        for (let l = 0; l < N - j; l++) {
          const v = load<f32>(bias + (<usize>(j + l) << 2));
          if (l == 0) init0 = f32x4.replace_lane(init0, 0, v);
          else if (l == 1) init0 = f32x4.replace_lane(init0, 1, v);
          else if (l == 2) init0 = f32x4.replace_lane(init0, 2, v);
          else if (l == 3) init0 = f32x4.replace_lane(init0, 3, v);
          else if (l == 4) init1 = f32x4.replace_lane(init1, 0, v);
          else if (l == 5) init1 = f32x4.replace_lane(init1, 1, v);
          else if (l == 6) init1 = f32x4.replace_lane(init1, 2, v);
        }
      }
    }
    let pb0: usize, sb: usize;
    if (direct && full) {
      pb0 = b + (<usize>j << 2);
      sb = <usize>ldb << 2;
    } else {
      pb0 = panels + (direct ? 0 : (<usize>p * <usize>K) << 5);
      sb = 32;
    }
    let i = i0;
    for (; i + 6 <= M; i += 6) {
      let c00 = init0, c01 = init1, c10 = init0, c11 = init1, c20 = init0, c21 = init1;
      let c30 = init0, c31 = init1, c40 = init0, c41 = init1, c50 = init0, c51 = init1;
      let pa = a + ((<usize>i * <usize>ra) << 2), pb = pb0;
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb), b1 = v128.load(pb, 16);
        let x = v128.load32_splat(pa);
        c00 = f32x4.add(c00, f32x4.mul(x, b0));
        c01 = f32x4.add(c01, f32x4.mul(x, b1));
        x = v128.load32_splat(pa + r);
        c10 = f32x4.add(c10, f32x4.mul(x, b0));
        c11 = f32x4.add(c11, f32x4.mul(x, b1));
        x = v128.load32_splat(pa + 2 * r);
        c20 = f32x4.add(c20, f32x4.mul(x, b0));
        c21 = f32x4.add(c21, f32x4.mul(x, b1));
        x = v128.load32_splat(pa + 3 * r);
        c30 = f32x4.add(c30, f32x4.mul(x, b0));
        c31 = f32x4.add(c31, f32x4.mul(x, b1));
        x = v128.load32_splat(pa + 4 * r);
        c40 = f32x4.add(c40, f32x4.mul(x, b0));
        c41 = f32x4.add(c41, f32x4.mul(x, b1));
        x = v128.load32_splat(pa + 5 * r);
        c50 = f32x4.add(c50, f32x4.mul(x, b0));
        c51 = f32x4.add(c51, f32x4.mul(x, b1));
        pa += sa;
        pb += sb;
      }
      const pc = c + ((<usize>i * <usize>ldc + <usize>j) << 2);
      put(pc, c00, c01, N - j, relu);
      put(pc + lc, c10, c11, N - j, relu);
      put(pc + 2 * lc, c20, c21, N - j, relu);
      put(pc + 3 * lc, c30, c31, N - j, relu);
      put(pc + 4 * lc, c40, c41, N - j, relu);
      put(pc + 5 * lc, c50, c51, N - j, relu);
    }
    // The rows left: four at a time, then one (each element the same chain, whatever its tile).
    for (; i + 4 <= M; i += 4) {
      let c00 = init0, c01 = init1, c10 = init0, c11 = init1, c20 = init0, c21 = init1, c30 = init0, c31 = init1;
      let pa = a + ((<usize>i * <usize>ra) << 2), pb = pb0;
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb), b1 = v128.load(pb, 16);
        let x = v128.load32_splat(pa);
        c00 = f32x4.add(c00, f32x4.mul(x, b0));
        c01 = f32x4.add(c01, f32x4.mul(x, b1));
        x = v128.load32_splat(pa + r);
        c10 = f32x4.add(c10, f32x4.mul(x, b0));
        c11 = f32x4.add(c11, f32x4.mul(x, b1));
        x = v128.load32_splat(pa + 2 * r);
        c20 = f32x4.add(c20, f32x4.mul(x, b0));
        c21 = f32x4.add(c21, f32x4.mul(x, b1));
        x = v128.load32_splat(pa + 3 * r);
        c30 = f32x4.add(c30, f32x4.mul(x, b0));
        c31 = f32x4.add(c31, f32x4.mul(x, b1));
        pa += sa;
        pb += sb;
      }
      const pc = c + ((<usize>i * <usize>ldc + <usize>j) << 2);
      put(pc, c00, c01, N - j, relu);
      put(pc + lc, c10, c11, N - j, relu);
      put(pc + 2 * lc, c20, c21, N - j, relu);
      put(pc + 3 * lc, c30, c31, N - j, relu);
    }
    for (; i < M; i++) {
      let c0 = init0, c1 = init1;
      let pa = a + ((<usize>i * <usize>ra) << 2), pb = pb0;
      for (let k = 0; k < K; k++) {
        const x = v128.load32_splat(pa);
        c0 = f32x4.add(c0, f32x4.mul(x, v128.load(pb)));
        c1 = f32x4.add(c1, f32x4.mul(x, v128.load(pb, 16)));
        pa += sa;
        pb += sb;
      }
      put(c + ((<usize>i * <usize>ldc + <usize>j) << 2), c0, c1, N - j, relu);
    }
  }
}

// Stores the first min(8, n) lanes of (v0, v1) at p, through ReLU if asked.
// @ts-ignore: decorator
@inline function put(p: usize, v0: v128, v1: v128, n: i32, relu: bool): void {
  if (relu) {
    const z = f32x4.splat(0);
    v0 = f32x4.max(v0, z);
    v1 = f32x4.max(v1, z);
  }
  if (n >= 8) {
    v128.store(p, v0);
    v128.store(p, v1, 16);
    return;
  }
  // No scratch memory: this module owns no bytes of the heap it works on.
  if (n > 0) store<f32>(p, f32x4.extract_lane(v0, 0));
  if (n > 1) store<f32>(p, f32x4.extract_lane(v0, 1), 4);
  if (n > 2) store<f32>(p, f32x4.extract_lane(v0, 2), 8);
  if (n > 3) store<f32>(p, f32x4.extract_lane(v0, 3), 12);
  if (n > 4) store<f32>(p, f32x4.extract_lane(v1, 0), 16);
  if (n > 5) store<f32>(p, f32x4.extract_lane(v1, 1), 20);
  if (n > 6) store<f32>(p, f32x4.extract_lane(v1, 2), 24);
}

/** dz = (out − y) · scale over n values: the gradient of the mean squared error. */
export function mseGradient(out: usize, y: usize, n: i32, scale: f32, dz: usize): void {
  const s = f32x4.splat(scale);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dz + o, f32x4.mul(f32x4.sub(v128.load(out + o), v128.load(y + o)), s));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dz + o, (load<f32>(out + o) - load<f32>(y + o)) * scale);
  }
}

/** da ← da where act > 0, else 0: back through a ReLU, over n values. */
export function reluGradient(da: usize, act: usize, n: i32): void {
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(da + o, v128.and(v128.load(da + o), f32x4.gt(v128.load(act + o), z)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    if (!(load<f32>(act + o) > 0)) store<f32>(da + o, 0);
  }
}

/** out[j] = Σᵢ dz[i, j] in row order, for a row-major rows × cols dz: the bias gradient. */
export function columnSums(dz: usize, rows: i32, cols: i32, out: usize): void {
  const ld = <usize>cols << 2;
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    let s = f32x4.splat(0);
    let p = dz + (<usize>j << 2);
    for (let i = 0; i < rows; i++) {
      s = f32x4.add(s, v128.load(p));
      p += ld;
    }
    v128.store(out + (<usize>j << 2), s);
  }
  for (; j < cols; j++) {
    let s: f32 = 0;
    let p = dz + (<usize>j << 2);
    for (let i = 0; i < rows; i++) {
      s += load<f32>(p);
      p += ld;
    }
    store<f32>(out + (<usize>j << 2), s);
  }
}

/**
 * g ← (g + sign(w)·l1) + w·l2x2 over n values, each term only when its
 * coefficient is positive. sign is tfjs's wasm Sign: 0 for |w| below float32's
 * epsilon (2⁻²³) and for NaN.
 */
export function addPenalty(g: usize, w: usize, n: i32, l1: f32, l2x2: f32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const wi = load<f32>(w + o);
    let gi = load<f32>(g + o);
    if (l1 > 0) gi += (wi >= F32.EPSILON ? <f32>1 : wi <= -F32.EPSILON ? <f32>-1 : <f32>0) * l1;
    if (l2x2 > 0) gi += wi * l2x2;
    store<f32>(g + o, gi);
  }
}

/**
 * One Adam update of n values, tfjs's AdamOptimizer's float32 operations in
 * its order: m ← m·b1 + g·c1; v ← v·b2 + (g·g)·c2;
 * out ← ((m/om1) / (√(v/om2) + eps))·nlr + w.
 */
export function adam(
  w: usize,
  g: usize,
  out: usize,
  m: usize,
  v: usize,
  n: i32,
  b1: f32,
  c1: f32,
  b2: f32,
  c2: f32,
  om1: f32,
  om2: f32,
  eps: f32,
  nlr: f32,
): void {
  const vb1 = f32x4.splat(b1), vc1 = f32x4.splat(c1), vb2 = f32x4.splat(b2), vc2 = f32x4.splat(c2);
  const vom1 = f32x4.splat(om1), vom2 = f32x4.splat(om2), veps = f32x4.splat(eps), vnlr = f32x4.splat(nlr);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(v128.load(m + o), vb1), f32x4.mul(gi, vc1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + o), vb2), f32x4.mul(f32x4.mul(gi, gi), vc2));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const denom = f32x4.add(f32x4.sqrt(f32x4.div(vi, vom2)), veps);
    v128.store(out + o, f32x4.add(f32x4.mul(f32x4.div(f32x4.div(mi, vom1), denom), vnlr), v128.load(w + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) * b1 + gi * c1;
    const vi = load<f32>(v + o) * b2 + (gi * gi) * c2;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    const denom = Mathf.sqrt(vi / om2) + eps;
    store<f32>(out + o, ((mi / om1) / denom) * nlr + load<f32>(w + o));
  }
}
