import type { Symmetry } from "./symmetry.ts";
import { applyInto, groupOf, makeSymmetry, unrotate } from "./_group.ts";
import { gridFft } from "./_shift_fft.ts";

/**
 * The same grid group with the centring rule for canonicalisation instead
 * of the reference rule (in the spirit of Zhang, Wan, Zhuang and Sun 2024,
 * who centre the object before learning Fourier phase retrieval):
 * 1. shift the row so that the circular centroid of its intensity |x|²
 *    (per axis, the angle of Σₜ |x_t|² e^{2πi t_k/M_k}) lies within half a
 *    pixel of the grid's centre, index ⌊M_k/2⌋;
 * 2. with the conjugate flip, centre the flipped row too and keep the one
 *    of the two whose intensity leans towards the start of the grid, the
 *    larger Σₜ (1 − t/N)·|x_t|² (a half-space of intensities; the original
 *    on a tie);
 * 3. with the global phase, turn the row so that Σₜ x_t (the zero
 *    frequency) is real and positive.
 *
 * Every step depends on the row only through quantities the group moves
 * predictably, so the result is invariant under the group, idempotent, and
 * in the row's orbit. The representative set is a cone (closed under
 * positive scaling) cut by an arc condition on each centroid angle, one
 * quadratic inequality and, with the phase, a half-line of Σx; it is not
 * convex, and unlike the reference rule's set (an intersection of
 * half-spaces) we do not prove it connected. Its appeal is that the
 * representative looks like the object: centred and upright.
 *
 * @param symmetry `cyclicShift(shape)` or `product(cyclicShift(shape), conjugateFlip(shape)[, globalPhase(N)])`,
 *   every axis 3 or longer.
 * @returns The symmetry with the centring rule; its orbit distance and random actions are the group's.
 * @throws {TypeError} If the symmetry is not such a grid group.
 *
 * @example The brightest entry moves to the middle
 * ```ts
 * import { centringRule } from "./centring_rule.ts";
 * import { cyclicShift } from "./cyclic_shift.ts";
 * import assert from "node:assert/strict";
 *
 * const s = centringRule(cyclicShift([5]));
 * assert.deepEqual([...s.canonicalize(Float32Array.of(1, 0, 0, 0, 0))], [0, 0, 1, 0, 0]);
 * assert.equal(s.name, "cyclic shift [5], centring rule");
 * ```
 */
export function centringRule(symmetry: Symmetry): Symmetry {
  const data = groupOf(symmetry, "use the centring rule", "symmetry");
  const fast = gridFft(data);
  if (!fast || !data.grid) {
    throw new TypeError(
      `Cannot use the centring rule: "${data.name}" is not the cyclic shifts of a grid (× conjugate flip, ` +
        `× global phase) with every axis of 3 or more`,
    );
  }
  const { dim, elements, phase } = data, { shape, field, flip } = data.grid;
  const count = shape.reduce((a, b) => a * b, 1), complex = field === "complex", flips = flip ? 2 : 1;
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  const intensity = (x: Float32Array, o: number, t: number) =>
    x[o + t] ** 2 + (complex ? x[o + count + t] ** 2 : 0);
  // The flat index of the shift that brings the intensity centroid of row x[o…] to the centre.
  const centring = (x: Float32Array, o: number) => {
    let s = 0;
    for (let k = 0; k < shape.length; k++) {
      const m = shape[k];
      let re = 0, im = 0;
      for (let t = 0; t < count; t++) {
        const a = (2 * Math.PI * (Math.floor(t / strides[k]) % m)) / m, p = intensity(x, o, t);
        re += p * Math.cos(a);
        im += p * Math.sin(a);
      }
      const centroid = (Math.atan2(im, re) * m) / (2 * Math.PI);
      s += strides[k] * ((((Math.round(Math.floor(m / 2) - centroid)) % m) + m) % m);
    }
    return s;
  };
  const lean = (u: Float32Array) => {
    let h = 0;
    for (let t = 0; t < count; t++) h += (1 - t / count) * intensity(u, 0, t);
    return h;
  };
  const name = `${data.name}, centring rule`;
  return makeSymmetry({ ...data, name }, {
    orbitDistance: fast.orbitDistance,
    canonicalize: (x) => {
      const out = new Float32Array(x.length), u = new Float32Array(dim);
      const flipped = new Float32Array(dim), v = new Float32Array(dim);
      for (let o = 0; o < x.length; o += dim) {
        applyInto(elements[centring(x, o) * flips], x, o, u);
        if (flip) {
          applyInto(elements[1], x, o, flipped);
          applyInto(elements[centring(flipped, 0) * flips], flipped, 0, v);
          if (lean(v) > lean(u)) u.set(v);
        }
        if (phase) {
          let re = 0, im = 0;
          for (let t = 0; t < count; t++) {
            re += u[t];
            im += u[count + t];
          }
          unrotate(u, re, im);
        }
        out.set(u, o);
      }
      return out;
    },
  });
}
