// A small discrete Fourier transform in TypeScript: iterative radix-2 for
// powers of two, Bluestein's chirp-z (through a power-of-two FFT) for any
// other length, and an N-D transform axis by axis. Float64 throughout; plans
// (bit reversal, twiddles, chirps) are cached per length.

/** Options of {@linkcode fft} and {@linkcode fftn}. */
export interface FftOptions {
  /** The inverse transform, scaled by 1/N so that it undoes the forward one (default false). */
  inverse?: boolean;
}

interface Radix2Plan {
  kind: "radix2";
  n: number;
  rev: Uint32Array;
  cos: Float64Array;
  sin: Float64Array;
}

interface BluesteinPlan {
  kind: "bluestein";
  n: number;
  inner: Radix2Plan;
  // The chirp e^{−iπk²/n} and the FFT of its conjugate, zero-padded and wrapped.
  chirpRe: Float64Array;
  chirpIm: Float64Array;
  kernelRe: Float64Array;
  kernelIm: Float64Array;
  workRe: Float64Array;
  workIm: Float64Array;
}

type Plan = Radix2Plan | BluesteinPlan;

const PLANS = new Map<number, Plan>();

/**
 * The discrete Fourier transform of one complex vector, in place:
 * X[k] = Σₜ x[t]·e^{−2πikt/N} (unnormalised), or with `inverse` the inverse,
 * x[t] = (1/N)·Σₖ X[k]·e^{2πikt/N}. Any length N ≥ 1: radix 2 for powers
 * of two, Bluestein's algorithm otherwise, O(N log N) both.
 *
 * Written here rather than taken from npm: the transform is 120 lines, the
 * project needs float64 accuracy (orbit distances are checked against brute
 * force to 1e-9) and arbitrary lengths (M = 2n grids), and the packages that
 * fit either ship float32-only or power-of-two-only kernels or are
 * unmaintained.
 *
 * @param re Real parts, overwritten with the transform's.
 * @param im Imaginary parts, overwritten with the transform's.
 * @param options `inverse` for the inverse transform.
 * @throws {RangeError} If `re` and `im` differ in length or are empty.
 *
 * @example The transform of a unit impulse, and back
 * ```ts
 * import { fft } from "./fft.ts";
 * import assert from "node:assert/strict";
 *
 * const re = Float64Array.of(0, 1, 0), im = new Float64Array(3);
 * fft(re, im); // e^{−2πik/3}
 * assert.ok(Math.abs(re[1] + 0.5) < 1e-12 && Math.abs(im[1] + Math.sqrt(3) / 2) < 1e-12);
 * fft(re, im, { inverse: true });
 * assert.ok([0, 1, 0].every((v, t) => Math.abs(re[t] - v) < 1e-12 && Math.abs(im[t]) < 1e-12));
 * ```
 */
export function fft(re: Float64Array, im: Float64Array, options: FftOptions = {}): void {
  const n = re.length;
  if (n === 0 || im.length !== n) {
    throw new RangeError(
      `Cannot transform: re and im must be non-empty and equally long, got ${n} and ${im.length}`,
    );
  }
  transform(plan(n), re, im, 0, options.inverse ?? false);
}

/**
 * The N-D discrete Fourier transform of a complex array laid out row-major
 * in `shape`, in place: the 1-D transform of {@linkcode fft} along every axis.
 *
 * @param re Real parts, Π shape values, overwritten.
 * @param im Imaginary parts, overwritten.
 * @param shape Sizes of the axes, e.g. `[32, 32]`.
 * @param options `inverse` for the inverse transform (scaled by 1/Π shape).
 * @throws {RangeError} If the arrays do not hold Π shape values.
 *
 * @example A 2-D transform undone
 * ```ts
 * import { fftn } from "./fft.ts";
 * import assert from "node:assert/strict";
 *
 * const re = Float64Array.of(1, 2, 3, 4, 5, 6), im = new Float64Array(6);
 * fftn(re, im, [2, 3]);
 * assert.equal(re[0], 21); // the sum
 * fftn(re, im, [2, 3], { inverse: true });
 * assert.deepEqual([...re].map(Math.round), [1, 2, 3, 4, 5, 6]);
 * ```
 */
export function fftn(
  re: Float64Array,
  im: Float64Array,
  shape: readonly number[],
  options: FftOptions = {},
): void {
  const total = shape.reduce((a, b) => a * b, 1);
  if (re.length !== total || im.length !== total) {
    throw new RangeError(
      `Cannot transform: shape ${shape.join("×")} needs ${total} values, got ${re.length}`,
    );
  }
  const inverse = options.inverse ?? false;
  let stride = total;
  for (const n of shape) {
    stride /= n;
    if (n === 1) continue;
    const p = plan(n), lineRe = new Float64Array(n), lineIm = new Float64Array(n);
    const block = n * stride;
    for (let base = 0; base < total; base += block) {
      for (let off = 0; off < stride; off++) {
        const o = base + off;
        if (stride === 1) {
          transform(p, re, im, o, inverse);
          continue;
        }
        for (let k = 0; k < n; k++) {
          lineRe[k] = re[o + k * stride];
          lineIm[k] = im[o + k * stride];
        }
        transform(p, lineRe, lineIm, 0, inverse);
        for (let k = 0; k < n; k++) {
          re[o + k * stride] = lineRe[k];
          im[o + k * stride] = lineIm[k];
        }
      }
    }
  }
}

function plan(n: number): Plan {
  let p = PLANS.get(n);
  if (!p) {
    p = (n & (n - 1)) === 0 ? radix2Plan(n) : bluesteinPlan(n);
    PLANS.set(n, p);
  }
  return p;
}

function radix2Plan(n: number): Radix2Plan {
  const bits = Math.round(Math.log2(n)), rev = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  const cos = new Float64Array(n / 2 || 1), sin = new Float64Array(n / 2 || 1);
  for (let k = 0; k < n / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = -Math.sin((2 * Math.PI * k) / n);
  }
  return { kind: "radix2", n, rev, cos, sin };
}

function bluesteinPlan(n: number): BluesteinPlan {
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const inner = radix2Plan(m);
  const chirpRe = new Float64Array(n), chirpIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k² mod 2n keeps the angle small and exact for large k.
    const a = (Math.PI * ((k * k) % (2 * n))) / n;
    chirpRe[k] = Math.cos(a);
    chirpIm[k] = -Math.sin(a);
  }
  const kernelRe = new Float64Array(m), kernelIm = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    kernelRe[k] = chirpRe[k];
    kernelIm[k] = -chirpIm[k];
    if (k > 0) {
      kernelRe[m - k] = chirpRe[k];
      kernelIm[m - k] = -chirpIm[k];
    }
  }
  radix2(inner, kernelRe, kernelIm, 0);
  return {
    kind: "bluestein",
    n,
    inner,
    chirpRe,
    chirpIm,
    kernelRe,
    kernelIm,
    workRe: new Float64Array(m),
    workIm: new Float64Array(m),
  };
}

function transform(p: Plan, re: Float64Array, im: Float64Array, o: number, inverse: boolean): void {
  const n = p.n;
  if (n === 1) return;
  if (inverse) { for (let k = o; k < o + n; k++) im[k] = -im[k]; // conj ∘ FFT ∘ conj
   }
  if (p.kind === "radix2") radix2(p, re, im, o);
  else bluestein(p, re, im, o);
  if (inverse) {
    for (let k = o; k < o + n; k++) {
      re[k] /= n;
      im[k] = -im[k] / n;
    }
  }
}

function radix2(p: Radix2Plan, re: Float64Array, im: Float64Array, o: number): void {
  const { n, rev, cos, sin } = p;
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (j > i) {
      let t = re[o + i];
      re[o + i] = re[o + j];
      re[o + j] = t;
      t = im[o + i];
      im[o + i] = im[o + j];
      im[o + j] = t;
    }
  }
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2, step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step], wi = sin[k * step];
        const a = o + start + k, b = a + half;
        const xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

function bluestein(p: BluesteinPlan, re: Float64Array, im: Float64Array, o: number): void {
  const { n, inner, chirpRe, chirpIm, kernelRe, kernelIm, workRe: wr, workIm: wi } = p;
  const m = inner.n;
  wr.fill(0);
  wi.fill(0);
  for (let k = 0; k < n; k++) {
    const xr = re[o + k], xi = im[o + k];
    wr[k] = xr * chirpRe[k] - xi * chirpIm[k];
    wi[k] = xr * chirpIm[k] + xi * chirpRe[k];
  }
  radix2(inner, wr, wi, 0);
  for (let k = 0; k < m; k++) {
    const a = wr[k], b = wi[k];
    wr[k] = a * kernelRe[k] - b * kernelIm[k];
    wi[k] = -(a * kernelIm[k] + b * kernelRe[k]); // conjugated for the inverse by conj ∘ FFT ∘ conj
  }
  radix2(inner, wr, wi, 0);
  for (let k = 0; k < n; k++) {
    const a = wr[k] / m, b = -wi[k] / m;
    re[o + k] = a * chirpRe[k] - b * chirpIm[k];
    im[o + k] = a * chirpIm[k] + b * chirpRe[k];
  }
}
