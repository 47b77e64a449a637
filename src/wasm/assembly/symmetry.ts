// Canonicalisation and rectified error of whole batches, in place in linear
// memory. They mirror src/symmetry/canonicalize.ts and rectified_error.ts
// operation for operation, in float64 like the JavaScript they replace, so
// both give the same bytes: rows are short (n ≤ a few hundred) and the work
// is memory-bound, so the gain is in skipping JavaScript's per-element
// bounds checks and conversions, not in SIMD.

const CUT: f32 = reinterpret<f32>(0x00800000); // 2⁻¹²⁶, CUT_PERTURBATION

/** Real rows of length n: x_n = 0 becomes 2⁻¹²⁶, then rows with x_n < 0 are negated. */
export function canonicalizeReal(x: usize, rows: i32, n: i32): void {
  const row = <usize>n << 2;
  for (let r = 0; r < rows; r++) {
    const o = x + <usize>r * row;
    const last = o + row - 4;
    if (load<f32>(last) == 0) store<f32>(last, CUT);
    if (load<f32>(last) < 0) {
      for (let p = o; p <= last; p += 4) store<f32>(p, -load<f32>(p));
    }
  }
}

/** Complex rows [re…, im…] of n values: multiplied by e^{−i·arg x₁} so x₁ is real and positive. */
export function canonicalizeComplex(x: usize, rows: i32, n: i32): void {
  const half = <usize>n << 2;
  for (let r = 0; r < rows; r++) {
    const o = x + <usize>r * (half << 1);
    let re = <f64>load<f32>(o);
    const im = <f64>load<f32>(o + half);
    if (re == 0 && im == 0) {
      re = <f64>CUT;
      store<f32>(o, CUT);
    }
    const h = hypot(re, im);
    const c = re / h, s = im / h;
    for (let j: usize = 0; j < half; j += 4) {
      const xr = <f64>load<f32>(o + j), xi = <f64>load<f32>(o + half + j);
      store<f32>(o + j, <f32>(xr * c + xi * s));
      store<f32>(o + half + j, <f32>(xi * c - xr * s));
    }
    store<f32>(o, <f32>h);
    store<f32>(o + half, 0);
  }
}

/** Σ over real rows of min over s ∈ {±1} of ‖s·p − x‖². */
export function rectifiedReal(p: usize, x: usize, rows: i32, n: i32): f64 {
  const row = <usize>n << 2;
  let sum: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * row;
    let plus: f64 = 0, minus: f64 = 0;
    for (let j: usize = o; j < o + row; j += 4) {
      const a = <f64>load<f32>(p + j), b = <f64>load<f32>(x + j);
      plus += (a - b) * (a - b);
      minus += (a + b) * (a + b);
    }
    sum += min(plus, minus);
  }
  return sum;
}

/** Σ over complex rows of min over θ of ‖e^{iθ}p − x‖² = ‖p‖² + ‖x‖² − 2|⟨p, x⟩|, clamped at 0. */
export function rectifiedComplex(p: usize, x: usize, rows: i32, n: i32): f64 {
  const half = <usize>n << 2;
  let sum: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * (half << 1);
    let pp: f64 = 0, xx: f64 = 0, re: f64 = 0, im: f64 = 0;
    for (let j: usize = o; j < o + half; j += 4) {
      const pr = <f64>load<f32>(p + j), pi = <f64>load<f32>(p + j + half);
      const xr = <f64>load<f32>(x + j), xi = <f64>load<f32>(x + j + half);
      pp += pr * pr + pi * pi;
      xx += xr * xr + xi * xi;
      re += pr * xr + pi * xi;
      im += pr * xi - pi * xr;
    }
    sum += max<f64>(0, pp + xx - 2 * hypot(re, im));
  }
  return sum;
}

// Math.hypot of two finite values as V8 computes it (scaled by the larger
// magnitude, Kahan-compensated sum), so the results match JavaScript's bits.
// @ts-ignore: decorator
@inline function hypot(a: f64, b: f64): f64 {
  a = abs(a);
  b = abs(b);
  const m = max(a, b);
  if (m == 0) return 0;
  let sum: f64 = 0, comp: f64 = 0;
  let t = a / m;
  let summand = t * t - comp;
  let prelim = sum + summand;
  comp = (prelim - sum) - summand;
  sum = prelim;
  t = b / m;
  summand = t * t - comp;
  prelim = sum + summand;
  sum = prelim;
  return sqrt(sum) * m;
}
