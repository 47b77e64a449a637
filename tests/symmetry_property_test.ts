// One property suite looped over every built-in symmetry and products of
// them (the way deepinv's transform tests loop over a list): orbit distance
// against brute force, canonicalisation invariant, idempotent and in the
// orbit, random actions in the orbit, the WebAssembly kernels byte for byte.
import assert from "node:assert/strict";
import { centringRule } from "../src/symmetry/centring_rule.ts";
import { conjugateFlip } from "../src/symmetry/conjugate_flip.ts";
import { cyclicShift } from "../src/symmetry/cyclic_shift.ts";
import { finiteGroup } from "../src/symmetry/finite_group.ts";
import { globalPhase } from "../src/symmetry/global_phase.ts";
import { product } from "../src/symmetry/product.ts";
import { reflection } from "../src/symmetry/reflection.ts";
import { signFlip } from "../src/symmetry/sign_flip.ts";
import type { Symmetry } from "../src/symmetry/symmetry.ts";
import { canonicalizeWasm, rectifiedErrorWasm } from "../src/symmetry/symmetry_wasm.ts";
import { Pcg32 } from "../src/random/pcg32.ts";

type Map = (row: Float32Array) => Float32Array;

// Group elements written out plainly, independent of the engine's signed permutations.
const id: Map = (r) => r.slice();
const neg: Map = (r) => r.map((v) => -v);
const shift1d = (n: number, s: number, halves = 1): Map => (r) =>
  r.map((_, i) => {
    const h = Math.floor(i / n), t = i % n;
    return r[h * n + ((t - s + n) % n)];
  }).slice(0, n * halves);
const reverse1d = (n: number, halves = 1): Map => (r) =>
  r.map((_, i) => r[Math.floor(i / n) * n + (n - 1 - (i % n))]).slice(0, n * halves);
const shift2d = (a: number, b: number, s: number, t: number): Map => (r) =>
  r.map((_, i) => {
    const u = Math.floor(i / b), v = i % b;
    return r[((u - s + a) % a) * b + ((v - t + b) % b)];
  });
const reverse2d = (a: number, b: number): Map => (r) => r.map((_, i) => r[a * b - 1 - i]);
// x[t] ↦ conj(x[−t mod n]) on 1-D rows (complex: [re…, im…]) and on a×b real grids.
const conjFlip1d = (n: number, complex = false): Map => (r) =>
  r.map((_, i) => {
    const h = Math.floor(i / n), t = i % n, v = r[h * n + ((n - t) % n)];
    return complex && h === 1 ? -v : v;
  });
const flip2d = (a: number, b: number): Map => (r) =>
  r.map((_, i) => r[((a - Math.floor(i / b)) % a) * b + ((b - (i % b)) % b)]);
const compose = (f: Map, g: Map): Map => (r) => f(g(r));
const range = (n: number) => Array.from({ length: n }, (_, k) => k);
const cycle3 = (r: Float32Array) => Float32Array.of(r[2], r[0], r[1]);
const swap01 = (r: Float32Array) => Float32Array.of(r[1], r[0], r[2]);
const s3: Map[] = [
  id,
  cycle3,
  compose(cycle3, cycle3),
  swap01,
  compose(swap01, cycle3),
  compose(cycle3, swap01),
];

interface Case {
  symmetry: Symmetry;
  /** Every element of the finite part, written out by hand. */
  elements: Map[];
  /** The global phase of complex rows is in the group. */
  phase: boolean;
}

const CASES: Case[] = [
  { symmetry: signFlip(5), elements: [id, neg], phase: false },
  { symmetry: globalPhase(4), elements: [id], phase: true },
  { symmetry: cyclicShift([6]), elements: range(6).map((s) => shift1d(6, s)), phase: false },
  {
    symmetry: cyclicShift([3, 4]),
    elements: range(12).map((k) => shift2d(3, 4, Math.floor(k / 4), k % 4)),
    phase: false,
  },
  {
    symmetry: cyclicShift([5], { field: "complex" }),
    elements: range(5).map((s) => shift1d(5, s, 2)),
    phase: false,
  },
  { symmetry: reflection([7]), elements: [id, reverse1d(7)], phase: false },
  { symmetry: reflection([3, 3]), elements: [id, reverse2d(3, 3)], phase: false },
  { symmetry: finiteGroup("S3", 3, s3), elements: s3, phase: false },
  {
    symmetry: product(signFlip(6), cyclicShift([6])),
    elements: range(6).flatMap((s) => [shift1d(6, s), compose(neg, shift1d(6, s))]),
    phase: false,
  },
  {
    symmetry: product(cyclicShift([6]), reflection([6])),
    elements: range(6).flatMap((s) => [shift1d(6, s), compose(shift1d(6, s), reverse1d(6))]),
    phase: false,
  },
  {
    symmetry: product(cyclicShift([4], { field: "complex" }), globalPhase(4)),
    elements: range(4).map((s) => shift1d(4, s, 2)),
    phase: true,
  },
  {
    symmetry: product(reflection([5], { field: "complex" }), globalPhase(5)),
    elements: [id, reverse1d(5, 2)],
    phase: true,
  },
  { symmetry: conjugateFlip([5]), elements: [id, conjFlip1d(5)], phase: false },
  { symmetry: conjugateFlip([4], { field: "complex" }), elements: [id, conjFlip1d(4, true)], phase: false },
  {
    symmetry: product(cyclicShift([6]), conjugateFlip([6])),
    elements: range(6).flatMap((s) => [shift1d(6, s), compose(shift1d(6, s), conjFlip1d(6))]),
    phase: false,
  },
  {
    symmetry: product(cyclicShift([3, 4]), conjugateFlip([3, 4])),
    elements: range(12).flatMap((k) => {
      const shift = shift2d(3, 4, Math.floor(k / 4), k % 4);
      return [shift, compose(shift, flip2d(3, 4))];
    }),
    phase: false,
  },
  {
    symmetry: product(
      cyclicShift([5], { field: "complex" }),
      conjugateFlip([5], { field: "complex" }),
      globalPhase(5),
    ),
    elements: range(5).flatMap((s) => [shift1d(5, s, 2), compose(shift1d(5, s, 2), conjFlip1d(5, true))]),
    phase: true,
  },
  {
    symmetry: centringRule(
      product(
        cyclicShift([4], { field: "complex" }),
        conjugateFlip([4], { field: "complex" }),
        globalPhase(4),
      ),
    ),
    elements: range(4).flatMap((s) => [shift1d(4, s, 2), compose(shift1d(4, s, 2), conjFlip1d(4, true))]),
    phase: true,
  },
  {
    symmetry: centringRule(product(cyclicShift([4, 3]), conjugateFlip([4, 3]))),
    elements: range(12).flatMap((k) => {
      const shift = shift2d(4, 3, Math.floor(k / 3), k % 3);
      return [shift, compose(shift, flip2d(4, 3))];
    }),
    phase: false,
  },
  {
    symmetry: product(signFlip(3), finiteGroup("S3", 3, s3)),
    elements: s3.flatMap((g) => [g, compose(neg, g)]),
    phase: false,
  },
];

function rows(count: number, dim: number, seed: number): Float32Array {
  const rng = new Pcg32(seed);
  return Float32Array.from({ length: count * dim }, () => 2 * rng.nextFloat() - 1);
}

// e^{iθ}·row for a complex row [re…, im…].
function rotate(row: Float32Array, theta: number): Float32Array {
  const n = row.length / 2, c = Math.cos(theta), s = Math.sin(theta), out = new Float32Array(row.length);
  for (let j = 0; j < n; j++) {
    out[j] = c * row[j] - s * row[n + j];
    out[n + j] = s * row[j] + c * row[n + j];
  }
  return out;
}

// min over every hand-written element (and a 7200-step θ grid, with the phase) of ‖g·a − b‖².
function bruteDistance(c: Case, a: Float32Array, b: Float32Array): number {
  const thetas = c.phase ? range(7200).map((k) => (2 * Math.PI * k) / 7200) : [0];
  let min = Infinity;
  for (const g of c.elements) {
    const ga = g(a);
    for (const t of thetas) {
      const v = c.phase ? rotate(ga, t) : ga;
      let d = 0;
      for (let i = 0; i < v.length; i++) d += (v[i] - b[i]) ** 2;
      min = Math.min(min, d);
    }
  }
  return min;
}

const row = (x: Float32Array, r: number, dim: number) => x.subarray(r * dim, (r + 1) * dim);

for (const c of CASES) {
  const s = c.symmetry, dim = s.dim, count = 40;
  Deno.test(`${s.name} (dim ${dim}) satisfies every symmetry property`, async (t) => {
    const x = rows(count, dim, 11), x2 = rows(count, dim, 12);
    await t.step("orbit distance equals brute force over the whole group", () => {
      const exact = s.orbitDistance(x, x2);
      for (let r = 0; r < count; r++) {
        const brute = bruteDistance(c, row(x, r, dim), row(x2, r, dim));
        // The θ grid's minimum lies above the exact one by at most ~(π/7200)²·‖a‖‖b‖.
        const slack = c.phase ? 1e-5 * dim : 1e-5;
        assert.ok(exact[r] <= brute + 1e-5 && brute - exact[r] <= slack, `row ${r}: ${exact[r]} vs ${brute}`);
      }
    });
    await t.step("a random group element keeps a row in its orbit, and the seed fixes it", () => {
      const gx = s.act(x, 5);
      assert.deepEqual(s.act(x, 5), gx);
      assert.ok(gx.some((v, i) => v !== x[i]), "act moved no row: the invariance check below would be empty");
      assert.ok(s.orbitDistance(gx, x).every((d) => d < 1e-9));
      assert.ok(range(count).every((r) => bruteDistance(c, row(gx, r, dim), row(x, r, dim)) < 1e-5 * dim));
    });
    await t.step("canonicalize is idempotent, invariant under the group and stays in the orbit", () => {
      const canon = s.canonicalize(x);
      const again = s.canonicalize(canon), moved = s.canonicalize(s.act(x, 9));
      for (let i = 0; i < x.length; i++) {
        assert.ok(Math.abs(again[i] - canon[i]) < 1e-6, `idempotent at ${i}`);
        assert.ok(Math.abs(moved[i] - canon[i]) < 1e-5, `invariant at ${i}`);
      }
      assert.ok(range(count).every((r) => bruteDistance(c, row(canon, r, dim), row(x, r, dim)) < 1e-5 * dim));
    });
    await t.step(
      "the distance is symmetric, zero on the diagonal and at most the plain squared distance",
      () => {
        const there = s.orbitDistance(x, x2), back = s.orbitDistance(x2, x);
        for (let r = 0; r < count; r++) {
          let plain = 0;
          for (let i = r * dim; i < (r + 1) * dim; i++) plain += (x[i] - x2[i]) ** 2;
          assert.ok(Math.abs(there[r] - back[r]) < 1e-9 * dim);
          assert.ok(there[r] <= plain + 1e-12);
        }
        assert.ok(s.orbitDistance(x, x).every((d) => d < 1e-9));
      },
    );
  });
}

Deno.test("the WebAssembly kernels give the bytes of signFlip and globalPhase", async () => {
  for (const [field, symmetry] of [["real", signFlip(7)], ["complex", globalPhase(7)]] as const) {
    const n = 7, x = rows(300, symmetry.dim, 3), pred = rows(300, symmetry.dim, 4);
    x.fill(0, 0, symmetry.dim); // a row on the cut
    assert.deepEqual(await canonicalizeWasm(x, { field, n }), symmetry.canonicalize(x));
    const distances = symmetry.orbitDistance(pred, x);
    let sum = 0;
    for (const d of distances) sum += d;
    assert.equal((await rectifiedErrorWasm(pred, x, { field, n })).error, sum / 300 / n);
  }
});

Deno.test("symmetries reject rows that are not whole finite Float32Array rows", () => {
  const s = cyclicShift([3]);
  assert.throws(() => s.canonicalize(new Float32Array(4)), /not a multiple of the row length 3/);
  assert.throws(() => s.canonicalize([1, 2, 3] as never), /x must be a Float32Array/);
  assert.throws(() => s.orbitDistance(Float32Array.of(1, NaN, 0), Float32Array.of(1, 2, 3)), /a\[1\] is NaN/);
  assert.throws(
    () => s.orbitDistance(new Float32Array(3), new Float32Array(6)),
    /a has 3 values but b has 6/,
  );
  assert.throws(() => s.act(new Float32Array(3), 0.5), /seed must be a safe integer/);
});

Deno.test("declarations name what is wrong", () => {
  assert.throws(() => cyclicShift([3, 0]), /shape\[1\] must be a positive integer/);
  assert.throws(() => reflection([2], { field: "quaternion" as never }), /field must be "real" or "complex"/);
  assert.throws(() => finiteGroup("g", 2, [(r) => r.map((v) => -v)]), /must include the identity/);
  assert.throws(
    () => finiteGroup("g", 3, [id, cycle3]),
    /elements\[1\] ∘ elements\[1\] is not among the elements/,
  );
  assert.throws(
    () => finiteGroup("g", 2, [id, (r) => r.map((v) => 2 * v)]),
    /elements\[1\] changes the norm/,
  );
  assert.throws(
    () => finiteGroup("g", 2, [id, (r) => r.slice(0, 1)]),
    /elements\[1\] must return a Float32Array of length 2/,
  );
  assert.throws(() => product(signFlip(2), signFlip(3)), /symmetries\[1\] acts on rows of 3, not 2/);
  assert.throws(
    () => product(signFlip(2), { name: "mine", dim: 2 } as never),
    /symmetries\[1\] must be a symmetry built by/,
  );
});

Deno.test("products canonicalise with one rule on the whole group, not one factor after another", () => {
  // Shifts then sign, factor by factor, would fix the shift by the largest entry even when it is negative;
  // the product's rule moves the entry largest in modulus to the end, made positive.
  const s = product(signFlip(4), cyclicShift([4]));
  const out = s.canonicalize(Float32Array.of(0.5, -0.9, 0.2, 0.1));
  assert.deepEqual([...out], [-0.2, -0.1, -0.5, 0.9].map(Math.fround));
});
