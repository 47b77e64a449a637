// Every circular shift at once by FFT cross-correlation: the orbit distance,
// the reference rule and the best alignment of groups whose finite part is
// the shifts of a grid (times the conjugate flip), optionally times the
// global phase. O(N log N) a row instead of the engine's O(N²) enumeration;
// the reference rule re-scores its few near-best candidates exactly as the
// engine does, so it gives the engine's bytes.
import { fftn } from "../linalg/fft.ts";
import {
  applyInto,
  complexDot,
  type GroupData,
  probe,
  representativeInto,
  type Special,
  unrotate,
} from "./_group.ts";

/** The FFT algorithms of a grid group. */
export interface GridFft {
  /** Per row: min over the group of ‖g·a − b‖². */
  orbitDistance(a: Float32Array, b: Float32Array): Float64Array;
  /** Per row: g·a for the g (and phase) closest to b. */
  align(a: Float32Array, b: Float32Array): Float32Array;
  /** The engine's reference rule, computed by correlation. */
  canonicalize(x: Float32Array): Float32Array;
}

const BUILT = new WeakMap<GroupData, GridFft | null>();

/**
 * The FFT algorithms of a group, or undefined when its elements are not the grid's shifts (× flip) in order;
 * built once per group (the order check and the reference's spectrum are the costly part).
 */
export function gridFft(data: GroupData): GridFft | undefined {
  if (!BUILT.has(data)) BUILT.set(data, buildGridFft(data) ?? null);
  return BUILT.get(data) ?? undefined;
}

function buildGridFft(data: GroupData): GridFft | undefined {
  const { grid, elements, dim, phase, reference: w } = data;
  if (!grid || !grid.shifts || grid.shape.some((m) => m < 3)) return undefined;
  const shape = [...grid.shape], count = shape.reduce((a, b) => a * b, 1);
  const complex = grid.field === "complex", flips = grid.flip ? 2 : 1;
  if (elements.length !== count * flips || dim !== (complex ? 2 : 1) * count) return undefined;
  if (!ordered(data, shape, count, complex, flips)) return undefined;

  const spectrum = (x: ArrayLike<number>, o: number): [Float64Array, Float64Array] => {
    const re = new Float64Array(count), im = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      re[i] = x[o + i];
      if (complex) im[i] = x[o + count + i];
    }
    fftn(re, im, shape);
    return [re, im];
  };
  // C_f[s] = ⟨g_{s,f}·a, b⟩ = Σ_t conj((g·a)[t]) b[t]: IFFT(B·conj(A)) without the flip, IFFT(B·A) with it
  // (the flip's spectrum is conj(A)). Scores in element order: Re C, or |C| with the phase.
  const scores = (a: [Float64Array, Float64Array], b: [Float64Array, Float64Array]): Float64Array => {
    const out = new Float64Array(count * flips);
    const re = new Float64Array(count), im = new Float64Array(count);
    for (let f = 0; f < flips; f++) {
      const sign = f === 0 ? -1 : 1;
      for (let k = 0; k < count; k++) {
        const ar = a[0][k], ai = sign * a[1][k], br = b[0][k], bi = b[1][k];
        re[k] = br * ar - bi * ai;
        im[k] = br * ai + bi * ar;
      }
      fftn(re, im, shape, { inverse: true });
      for (let s = 0; s < count; s++) {
        out[s * flips + f] = phase ? Math.hypot(re[s], im[s]) : re[s];
      }
    }
    return out;
  };
  const norm2 = (x: Float32Array, o: number) => {
    let v = 0;
    for (let i = o; i < o + dim; i++) v += x[i] * x[i];
    return v;
  };
  const argmax = (v: Float64Array) => {
    let best = 0;
    for (let k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
    return best;
  };
  const wSpectrum = spectrum(w, 0), ww = Math.sqrt(norm2(w, 0));
  const n = dim / 2;

  return {
    orbitDistance(a, b) {
      const out = new Float64Array(a.length / dim);
      for (let r = 0, o = 0; o < a.length; r++, o += dim) {
        const best = Math.max(...scores(spectrum(a, o), spectrum(b, o)));
        out[r] = Math.max(0, norm2(a, o) + norm2(b, o) - 2 * best);
      }
      return out;
    },
    align(a, b) {
      const out = new Float32Array(a.length), v = new Float32Array(dim);
      for (let o = 0; o < a.length; o += dim) {
        applyInto(elements[argmax(scores(spectrum(a, o), spectrum(b, o)))], a, o, v);
        if (phase) {
          const [re, im] = complexDot(v, 0, b, o, n);
          unrotate(v, re, -im); // e^{i·arg⟨v, b⟩}·v, so that ⟨v, b⟩ = |⟨v, b⟩|
        }
        out.set(v, o);
      }
      return out;
    },
    canonicalize(x) {
      const out = new Float32Array(x.length);
      const scratch = { v: new Float32Array(dim), best: new Float32Array(dim) };
      for (let o = 0; o < x.length; o += dim) {
        const s = scores(spectrum(x, o), wSpectrum);
        let max = -Infinity;
        for (const e of s) if (e > max) max = e;
        // The FFT's rounding is ~1e-15·‖w‖‖x‖; every element within 1e-9 of the top is scored again
        // exactly as the engine scores it, in element order, so ties go where the engine sends them.
        const floor = max - 1e-9 * ww * Math.sqrt(norm2(x, o)) - Number.MIN_VALUE;
        representativeInto(data, x, o, s.keys().filter((k) => s[k] >= floor), out, scratch);
      }
      return out;
    },
  };
}

/** The row-level replacements of a grid group: FFT orbit distance and reference rule; none for other groups. */
export function gridSpecial(data: GroupData): Special {
  const g = gridFft(data);
  return g ? { canonicalize: g.canonicalize, orbitDistance: g.orbitDistance } : {};
}

// Whether elements[s·flips + f] acts on a probe row as x ↦ shift_s(flip^f(x)), shift_s x[t] = x[t − s],
// flip x[t] = conj(x[−t]): the order the FFT scores assume.
function ordered(data: GroupData, shape: number[], count: number, complex: boolean, flips: number): boolean {
  const p = probe(data.dim), v = new Float32Array(data.dim);
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  const coords = (i: number) => shape.map((m, k) => Math.floor(i / strides[k]) % m);
  for (let s = 0; s < count; s++) {
    const sc = coords(s);
    for (let f = 0; f < flips; f++) {
      applyInto(data.elements[s * flips + f], p, 0, v);
      for (let t = 0; t < count; t++) {
        const tc = coords(t);
        let src = 0;
        for (let k = 0; k < shape.length; k++) {
          const m = shape[k], u = (tc[k] - sc[k] + m) % m;
          src += strides[k] * (f === 0 ? u : (m - u) % m);
        }
        if (v[t] !== p[src]) return false;
        if (complex && v[count + t] !== (f === 0 ? p[count + src] : -p[count + src])) return false;
      }
    }
  }
  return true;
}
