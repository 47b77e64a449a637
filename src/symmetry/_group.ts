// The engine behind every built-in symmetry: a finite group, given element
// by element, optionally times the global phase of complex rows, with the
// reference-vector rule for canonicalisation and exact orbit distances.
import { Pcg32 } from "../random/pcg32.ts";
import type { Symmetry } from "./symmetry.ts";
import { checkRows } from "./_check.ts";
import type { Field } from "./field.ts";

/**
 * A group element as the engine stores it: a signed permutation,
 * (g·x)[i] = sign[i]·x[index[i]] (exact in float32, and composable), or any
 * function on one row.
 */
export type Element =
  | { kind: "perm"; index: Int32Array; sign: Float32Array }
  | { kind: "fn"; fn: (row: Float32Array) => Float32Array };

/** What the engine knows of a group. */
export interface GroupData {
  name: string;
  dim: number;
  /** Every element of the finite part, identity first, no two acting alike. */
  elements: Element[];
  /** The global phase e^{iθ} of complex rows [re…, im…] is part of the group. */
  phase: boolean;
  /** The reference w of the canonicalisation rule: maximise ⟨w, g·x⟩ (or its modulus, with the phase). */
  reference: Float32Array;
  /**
   * What the finite part is on a grid, when it is known: every circular shift of `shape` (`shifts`),
   * the conjugate flip x[t] ↦ conj(x[−t]) (`flip`), or the shifts times the flip, in the element
   * order shift-major ([g_s, g_s∘flip] for each shift s in row-major order). The FFT algorithms of
   * `_shift_fft.ts` need it.
   */
  grid?: { shape: readonly number[]; field: Field; shifts: boolean; flip: boolean };
}

/** Row-level replacements for the generic algorithms (the paper's own rules keep their exact bytes). */
export interface Special {
  canonicalize?: (x: Float32Array) => Float32Array;
  orbitDistance?: (a: Float32Array, b: Float32Array) => Float64Array;
}

const GROUPS = new WeakMap<Symmetry, GroupData>();

/** The group behind a symmetry built by this module, or a TypeError naming `arg`. */
export function groupOf(s: unknown, what: string, arg: string): GroupData {
  const data = typeof s === "object" && s !== null ? GROUPS.get(s as Symmetry) : undefined;
  if (!data) {
    throw new TypeError(
      `Cannot ${what}: ${arg} must be a symmetry built by signFlip, globalPhase, cyclicShift, reflection, ` +
        `finiteGroup or product`,
    );
  }
  return data;
}

/** Builds the Symmetry object of a group; `special` replaces the generic algorithms where given. */
export function makeSymmetry(data: GroupData, special: Special = {}): Symmetry {
  const { name, dim } = data;
  const symmetry: Symmetry = Object.freeze({
    name,
    dim,
    canonicalize(x: Float32Array): Float32Array {
      checkRows("canonicalize", "x", x, dim);
      return special.canonicalize ? special.canonicalize(x) : canonicalizeGeneric(data, x);
    },
    orbitDistance(a: Float32Array, b: Float32Array): Float64Array {
      checkRows("compute orbit distance", "a", a, dim);
      checkRows("compute orbit distance", "b", b, dim);
      if (a.length !== b.length) {
        throw new RangeError(`Cannot compute orbit distance: a has ${a.length} values but b has ${b.length}`);
      }
      return special.orbitDistance ? special.orbitDistance(a, b) : orbitDistanceGeneric(data, a, b);
    },
    act(x: Float32Array, seed: number): Float32Array {
      checkRows("act", "x", x, dim);
      if (!Number.isSafeInteger(seed)) {
        throw new TypeError(`Cannot act: seed must be a safe integer, got ${seed}`);
      }
      return actGeneric(data, x, seed);
    },
  });
  GROUPS.set(symmetry, data);
  return symmetry;
}

/** Writes g·x[o … o+dim) into `out`. */
export function applyInto(e: Element, x: Float32Array, o: number, out: Float32Array): void {
  if (e.kind === "perm") {
    const { index, sign } = e;
    for (let i = 0; i < index.length; i++) out[i] = sign[i] * x[o + index[i]];
    return;
  }
  const r = e.fn(x.slice(o, o + out.length)); // a copy: a user's element may write to its argument
  if (!(r instanceof Float32Array) || r.length !== out.length) {
    throw new TypeError(`Cannot apply group element: it must return a Float32Array of length ${out.length}`);
  }
  out.set(r);
}

/** a∘b: apply b, then a. */
export function compose(a: Element, b: Element): Element {
  if (a.kind === "perm" && b.kind === "perm") {
    const n = a.index.length, index = new Int32Array(n), sign = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      index[i] = b.index[a.index[i]];
      sign[i] = a.sign[i] * b.sign[a.index[i]];
    }
    return { kind: "perm", index, sign };
  }
  const dim = a.kind === "perm" ? a.index.length : b.kind === "perm" ? b.index.length : -1;
  return {
    kind: "fn",
    fn: (row) => {
      const mid = new Float32Array(dim < 0 ? row.length : dim), out = new Float32Array(mid.length);
      applyInto(b, row, 0, mid);
      applyInto(a, mid, 0, out);
      return out;
    },
  };
}

/** A fixed generic row (uniform in (−1, 1), seeded) on which elements are told apart. */
export function probe(dim: number): Float32Array {
  const rng = new Pcg32(0x5eed, 7);
  return Float32Array.from({ length: dim }, () => 2 * rng.nextFloat() - 1);
}

/** Drops elements that act on the probe row like an earlier one (the identity stays first). */
export function dedupe(elements: Element[], dim: number): Element[] {
  const p = probe(dim), seen = new Set<string>(), out: Element[] = [];
  const v = new Float32Array(dim);
  for (const e of elements) {
    applyInto(e, p, 0, v);
    const key = v.join(",");
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

/** The index of an element, other than the identity, that fixes w (up to phase when `phase`), or −1. */
export function stabiliserOf(elements: readonly Element[], phase: boolean, w: Float32Array): number {
  const v = new Float32Array(w.length);
  const ww = dot(w, w);
  for (let k = 1; k < elements.length; k++) {
    applyInto(elements[k], w, 0, v);
    const gap = phase ? ww * dot(v, v) - complexAbs2(w, v) : ww + dot(v, v) - 2 * dot(w, v);
    if (gap <= 1e-9 * ww * (phase ? ww : 1)) return k;
  }
  return -1;
}

/** The first candidate reference that no element but the identity fixes; throws if none does. */
export function chooseReference(
  name: string,
  dim: number,
  elements: readonly Element[],
  phase: boolean,
  candidates: readonly Float32Array[],
): Float32Array {
  const n = phase ? dim / 2 : dim;
  // A strictly decreasing ramp on the (real parts of the) entries: no shift or reversal fixes it.
  const ramp = new Float32Array(dim).map((_, i) => (i < n ? 1 - i / n : 0));
  for (const w of [...candidates, ramp, probe(dim)]) if (stabiliserOf(elements, phase, w) < 0) return w;
  throw new RangeError(
    `Cannot declare symmetry "${name}": every reference tried is fixed by a non-identity element ` +
      `(are two elements the same map?)`,
  );
}

/** ⟨a, b⟩ of real rows, summed in index order in float64 (the order every rule's ties depend on). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

// |⟨a, b⟩|² for complex rows [re…, im…], ⟨a, b⟩ = Σ conj(a_j) b_j.
function complexAbs2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [re, im] = complexDot(a, 0, b, 0, a.length / 2);
  return re * re + im * im;
}

/** ⟨a, b⟩ = Σ conj(a_j) b_j of complex rows [re…, im…] at offsets ao and bo, n entries: [re, im]. */
export function complexDot(
  a: ArrayLike<number>,
  ao: number,
  b: ArrayLike<number>,
  bo: number,
  n: number,
): [number, number] {
  let re = 0, im = 0;
  for (let j = 0; j < n; j++) {
    const ar = a[ao + j], ai = a[ao + n + j], br = b[bo + j], bi = b[bo + n + j];
    re += ar * br + ai * bi;
    im += ar * bi - ai * br;
  }
  return [re, im];
}

/** Multiplies a complex row by e^{−i·arg c}, so that ⟨w, row⟩ = c becomes |c|. */
export function unrotate(v: Float32Array, cre: number, cim: number): void {
  const r = Math.hypot(cre, cim);
  if (r === 0) return;
  const c = cre / r, s = cim / r, n = v.length / 2;
  for (let j = 0; j < n; j++) {
    const vr = v[j], vi = v[n + j];
    v[j] = vr * c + vi * s;
    v[n + j] = vi * c - vr * s;
  }
}

/**
 * Writes into `out` at `o` the representative of row `x[o…]` among the elements at `candidates` (indexes, in
 * element order): the one maximising ⟨w, g·x⟩ (with the phase, |⟨w, g·x⟩|, then turned so that ⟨w, g·x⟩ is
 * real and positive). Strictly greater wins, so on a tie (a measure-zero set) the first candidate does.
 */
export function representativeInto(
  data: GroupData,
  x: Float32Array,
  o: number,
  candidates: Iterable<number>,
  out: Float32Array,
  scratch: { v: Float32Array; best: Float32Array } = {
    v: new Float32Array(data.dim),
    best: new Float32Array(data.dim),
  },
): void {
  const { dim, elements, phase, reference: w } = data;
  const { v, best } = scratch;
  let bestScore = -Infinity, bestRe = 0, bestIm = 0;
  for (const k of candidates) {
    applyInto(elements[k], x, o, v);
    let score: number, re = 0, im = 0;
    if (phase) {
      [re, im] = complexDot(w, 0, v, 0, dim / 2);
      score = Math.hypot(re, im);
    } else {
      score = dot(w, v);
    }
    if (score > bestScore) {
      bestScore = score;
      bestRe = re;
      bestIm = im;
      best.set(v);
    }
  }
  if (phase) unrotate(best, bestRe, bestIm);
  out.set(best, o);
}

function canonicalizeGeneric(data: GroupData, x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  const all = data.elements.map((_, k) => k);
  const scratch = { v: new Float32Array(data.dim), best: new Float32Array(data.dim) };
  for (let o = 0; o < x.length; o += data.dim) representativeInto(data, x, o, all, out, scratch);
  return out;
}

function orbitDistanceGeneric(data: GroupData, a: Float32Array, b: Float32Array): Float64Array {
  const { dim, elements, phase } = data;
  const n = dim / 2;
  const out = new Float64Array(a.length / dim), v = new Float32Array(dim);
  for (let r = 0, o = 0; o < a.length; r++, o += dim) {
    let min = Infinity, bb = 0;
    if (phase) { for (let i = 0; i < dim; i++) bb += b[o + i] * b[o + i]; }
    for (const e of elements) {
      applyInto(e, a, o, v);
      let d = 0;
      if (phase) {
        let vv = 0;
        for (let i = 0; i < dim; i++) vv += v[i] * v[i];
        const [re, im] = complexDot(v, 0, b, o, n);
        // min over θ of ‖e^{iθ}v − b‖², in closed form; rounding is clamped at the exact minimum's bound, 0.
        d = Math.max(0, vv + bb - 2 * Math.hypot(re, im));
      } else {
        for (let i = 0; i < dim; i++) d += (v[i] - b[o + i]) ** 2;
      }
      if (d < min) min = d;
    }
    out[r] = min;
  }
  return out;
}

function actGeneric(data: GroupData, x: Float32Array, seed: number): Float32Array {
  const { dim, elements, phase } = data;
  const rng = new Pcg32(seed);
  const out = new Float32Array(x.length), v = new Float32Array(dim);
  for (let o = 0; o < x.length; o += dim) {
    applyInto(elements[rng.nextInt(elements.length)], x, o, v);
    if (phase) {
      const theta = 2 * Math.PI * rng.nextFloat();
      unrotate(v, Math.cos(theta), Math.sin(theta));
    }
    out.set(v, o);
  }
  return out;
}

/** The identity as a signed permutation. */
export function identity(dim: number): Element {
  return {
    kind: "perm",
    index: Int32Array.from({ length: dim }, (_, i) => i),
    sign: new Float32Array(dim).fill(1),
  };
}

/** The unit vector e_k of length dim. */
export function unit(dim: number, k: number): Float32Array {
  const w = new Float32Array(dim);
  w[k] = 1;
  return w;
}
