import { groupOf } from "../src/symmetry/_group.ts";
import { gridFft } from "../src/symmetry/_shift_fft.ts";
// Fourier phase retrieval: the FFT against the plain DFT, the forward model's
// invariance, the FFT orbit distance and reference rule against the engine's
// enumeration (the oracle), alignment, HIO, and `deno task fourier` as a user runs it.
import assert from "node:assert/strict";
import { fft, fftn } from "../src/linalg/fft.ts";
import { fourierPR } from "../src/forward/fourier_pr.ts";
import { hio } from "../src/forward/hio.ts";
import { alignTo } from "../src/symmetry/align.ts";
import { checkSymmetry } from "../src/symmetry/check_symmetry.ts";
import { conjugateFlip } from "../src/symmetry/conjugate_flip.ts";
import { cyclicShift } from "../src/symmetry/cyclic_shift.ts";
import { finiteGroup } from "../src/symmetry/finite_group.ts";
import { globalPhase } from "../src/symmetry/global_phase.ts";
import { product, withReference } from "../src/symmetry/product.ts";
import type { Symmetry } from "../src/symmetry/symmetry.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { readCsv } from "./_task.ts";
import { runImageTask } from "./_image_task.ts";

function rows(count: number, dim: number, seed: number): Float32Array {
  const rng = new Pcg32(seed);
  return Float32Array.from({ length: count * dim }, () => 2 * rng.nextFloat() - 1);
}

Deno.test("fft and fftn agree with the plain DFT for every length tried", () => {
  for (const n of [1, 2, 3, 6, 7, 8, 15, 16, 30]) {
    const re = Float64Array.from(rows(1, n, n)), im = Float64Array.from(rows(1, n, n + 100));
    const fr = re.slice(), fi = im.slice();
    fft(fr, fi);
    for (let k = 0; k < n; k++) {
      let sr = 0, si = 0;
      for (let t = 0; t < n; t++) {
        const a = (-2 * Math.PI * ((k * t) % n)) / n;
        sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
        si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
      }
      assert.ok(Math.abs(sr - fr[k]) < 1e-12 && Math.abs(si - fi[k]) < 1e-12, `n=${n} k=${k}`);
    }
  }
  // 2-D: the transform along rows then columns equals the 2-D DFT at a few frequencies.
  const [a, b] = [3, 4], re = Float64Array.from(rows(1, a * b, 5)), im = new Float64Array(a * b);
  const fr = re.slice(), fi = im.slice();
  fftn(fr, fi, [a, b]);
  for (const [u, v] of [[0, 0], [1, 2], [2, 3]]) {
    let sr = 0, si = 0;
    for (let s = 0; s < a; s++) {
      for (let t = 0; t < b; t++) {
        const ang = -2 * Math.PI * (u * s / a + v * t / b);
        sr += re[s * b + t] * Math.cos(ang);
        si += re[s * b + t] * Math.sin(ang);
      }
    }
    assert.ok(Math.abs(sr - fr[u * b + v]) < 1e-12 && Math.abs(si - fi[u * b + v]) < 1e-12);
  }
});

Deno.test("fourierPR's forward model is invariant under its whole symmetry, both settings and rules", () => {
  for (const rule of ["reference", "centring"] as const) {
    for (const [shape, field] of [[[6], "complex"], [[4, 4], "real"]] as const) {
      const report = checkSymmetry(fourierPR({ shape: [...shape], field, rule }), { samples: 32 });
      assert.ok(report.ok, `${field} ${shape} ${rule}: ${JSON.stringify(report.checks)}`);
    }
  }
});

// The same group as the engine enumerates it: its elements as plain functions, no grid structure.
function enumerated(s: Symmetry, phase: boolean, elements: ((r: Float32Array) => Float32Array)[]): Symmetry {
  const g = finiteGroup("enumerated", s.dim, elements);
  return phase ? product(g, globalPhase(s.dim / 2)) : g;
}

const shift = (shape: number[], k: number, complex: boolean) => (r: Float32Array) => {
  // (g·x)[t] = x[t − s] for the k-th shift s in row-major order, on both halves of a complex row.
  const count = shape.reduce((a, b) => a * b, 1),
    s = shape.length === 1 ? [k] : [Math.floor(k / shape[1]), k % shape[1]];
  return r.map((_, i) => {
    const h = Math.floor(i / count), t = i % count;
    const tc = shape.length === 1 ? [t] : [Math.floor(t / shape[1]), t % shape[1]];
    const src = tc.map((v, a) => (v - s[a] + shape[a]) % shape[a]);
    const j = shape.length === 1 ? src[0] : src[0] * shape[1] + src[1];
    return complex || h === 0 ? r[h * count + j] : r[i];
  });
};
const flip = (shape: number[]) => (r: Float32Array) => {
  const count = shape.reduce((a, b) => a * b, 1);
  return r.map((_, i) => {
    const h = Math.floor(i / count), t = i % count;
    const tc = shape.length === 1 ? [t] : [Math.floor(t / shape[1]), t % shape[1]];
    const src = tc.map((v, a) => (shape[a] - v) % shape[a]);
    const v = r[h * count + (shape.length === 1 ? src[0] : src[0] * shape[1] + src[1])];
    return h === 1 ? -v : v;
  });
};

for (const [shape, field] of [[[16], "complex"], [[8, 8], "real"]] as const) {
  Deno.test(`the FFT orbit distance, rule and alignment on ${field} ${shape.join("×")} grids equal enumeration`, () => {
    const complex = field === "complex", grid = [...shape], count = grid.reduce((a, b) => a * b, 1);
    const fast = product(
      cyclicShift(grid, { field }),
      conjugateFlip(grid, { field }),
      ...(complex ? [globalPhase(count)] : []),
    );
    const elements = Array.from({ length: count }, (_, k) => shift(grid, k, complex)).flatMap((g) => [
      g,
      (r: Float32Array) => g(flip(grid)(r)),
    ]);
    // Else both sides would enumerate and the comparison would prove nothing.
    assert.ok(gridFft(groupOf(fast, "test", "fast")) !== undefined, "the FFT path was not taken");
    const slow = enumerated(fast, complex, elements);
    const x = rows(30, fast.dim, 1), x2 = rows(30, fast.dim, 2);
    const a = fast.orbitDistance(x, x2), b = slow.orbitDistance(x, x2);
    for (let r = 0; r < 30; r++) {
      assert.ok(Math.abs(a[r] - b[r]) < 1e-9 * fast.dim, `row ${r}: ${a[r]} vs ${b[r]}`);
    }
    // The reference rule with one w on both: the FFT's candidates rescored exactly give the engine's bytes.
    const w = rows(1, fast.dim, 3);
    assert.deepEqual(withReference(fast, w).canonicalize(x), withReference(slow, w).canonicalize(x));
    const moved = alignTo(fast, x, x2);
    const plain = Array.from({ length: 30 }, (_, r) => {
      let d = 0;
      for (let i = r * fast.dim; i < (r + 1) * fast.dim; i++) d += (moved[i] - x2[i]) ** 2;
      return d;
    });
    plain.forEach((d, r) => assert.ok(Math.abs(d - a[r]) < 1e-5, `align row ${r}`));
    assert.ok(fast.orbitDistance(moved, x).every((d) => d < 1e-9 * fast.dim));
  });
}

Deno.test("HIO recovers a small real image up to its symmetry; a complex 1-D solution fits y", () => {
  const real = fourierPR({ shape: [6, 6], field: "real" });
  const x = real.sample(3, 4);
  const found = hio(real, real.forward(x), { seed: 2 });
  assert.ok(found.misfit.every((m) => m < 1e-4));
  assert.ok(real.symmetry.orbitDistance(found.x, x).every((d) => d < 1e-4));
  assert.ok(found.x.every((v, i) => v >= 0 && (v === 0 || real.support[i % real.signalDim] === 1)));
  // 1-D Fourier PR has ambiguities beyond the group, so only consistency with y is guaranteed.
  const complex = fourierPR({ shape: [5], field: "complex" });
  const z = complex.sample(3, 5);
  const fit = hio(complex, complex.forward(z), { seed: 3, iterations: 500 });
  assert.ok(fit.misfit.every((m) => m < 1e-3), `${fit.misfit}`);
  assert.throws(() => hio(real, new Float32Array(5), { seed: 1 }), /whole rows of 144/);
});

Deno.test("fourierPR draws distinct rows of its data and rejects bad declarations", () => {
  const data = Float32Array.from({ length: 10 * 4 }, (_, i) => Math.floor(i / 4) + 1);
  const p = fourierPR({ shape: [2, 2], field: "real", data });
  const x = p.sample(10, 7);
  const firsts = Array.from({ length: 10 }, (_, r) => x[r * 16]);
  assert.deepEqual([...firsts].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.throws(() => p.sample(11, 1), /asked for 11 signals, the data hold 10/);
  assert.throws(() => fourierPR({ shape: [1], field: "real" }), /shape must be \[n\] or \[n, n\]/);
  assert.throws(
    () => fourierPR({ shape: [4], field: "real", oversample: 1 }),
    /oversample must be an integer ≥ 2/,
  );
  assert.throws(
    () => fourierPR({ shape: [4], field: "real", data: new Float32Array(5) }),
    /whole signals of 4/,
  );
});

Deno.test("deno task fourier: files, resume and one-line errors", async (t) => {
  const out = await Deno.makeTempDir();
  const args = [
    "--samples",
    "140",
    "--n",
    "6",
    "--n1d",
    "4",
    "--models",
    "nn,knn,hio",
    "--epochs",
    "2",
    "--hio-signals",
    "4",
    "--hio-iterations",
    "40",
    "--hio-er",
    "10",
    "--workers",
    "2",
  ];
  await t.step("a tiny run writes the CSV, the table and the figure", async () => {
    const run = await runImageTask("fourier", out, args);
    assert.equal(run.code, 0, run.stderr);
    const csv = readCsv(await Deno.readTextFile(`${out}/fourier.csv`));
    assert.equal(csv.length, 2 * (3 + 2 + 1));
    assert.deepEqual(
      [...new Set(csv.map((r) => `${r.model}-${r.variant}-${r.rule}`))].sort(),
      ["hio----", "knn-A-centring", "knn-A-reference", "nn-A-centring", "nn-A-reference", "nn-B--"],
    );
    assert.ok(csv.every((r) => Number(r.error) >= 0 && Number(r.seconds_per_signal) > 0));
    assert.match(await Deno.readTextFile(`${out}/fourier.md`), /### real-2d: 6×6 images, 140 pairs/);
    const svg = await Deno.readTextFile(`${out}/fourier_examples.svg`);
    assert.ok(svg.startsWith("<svg") && /NN-B, raw output/.test(svg) && /HIO, aligned/.test(svg));
  });
  await t.step("a second run reuses every cell", async () => {
    const run = await runImageTask("fourier", out, args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /all 12 cells already done/);
  });
  for (
    const [extra, message] of [
      [["--rules", "middle"], /--rules has unknown value "middle"/],
      [["--samples", "1000"], /--samples 1000 needs 1000 images, ".*" holds 140/],
      [["--data", "/nonexistent"], /Cannot read data folder "\/nonexistent"/],
    ] as const
  ) {
    await t.step(`bad input: ${extra.join(" ")}`, async () => {
      // Flags may be given once: the bad value replaces the good one.
      const base = args.filter((a, i) => a !== extra[0] && args[i - 1] !== extra[0]);
      const run = await runImageTask("fourier", out, [...base, ...extra]);
      assert.equal(run.code, 2, run.stderr);
      const lines = run.stderr.trim().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], /^fourier: /);
      assert.match(lines[0], message);
    });
  }
  await Deno.remove(out, { recursive: true });
});
