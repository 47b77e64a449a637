import assert from "node:assert/strict";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { sampleUnitBall } from "../src/random/ball.ts";
import { deriveSeed } from "../src/random/seed.ts";

/** PCG32 (XSH RR) with BigInt state, written from the reference C code: the oracle. */
function referencePcg32(seed: bigint, stream: bigint): () => number {
  const mask = (1n << 64n) - 1n;
  const mult = 6364136223846793005n;
  const inc = ((stream << 1n) | 1n) & mask;
  let state = 0n;
  const next = (): number => {
    const old = state;
    state = (old * mult + inc) & mask;
    const xorshifted = Number((((old >> 18n) ^ old) >> 27n) & 0xffffffffn);
    const rot = Number(old >> 59n);
    return ((xorshifted >>> rot) | (xorshifted << ((-rot) & 31))) >>> 0;
  };
  next();
  state = (state + (seed & mask)) & mask;
  next();
  return next;
}

/** FNV-1a (32 bit) over the UTF-8 bytes of `text`. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function draws(rng: Pcg32, count: number): number[] {
  return Array.from({ length: count }, () => rng.nextUint32());
}

Deno.test("Pcg32 matches the reference implementation's demo output for seed 42, stream 54", () => {
  const rng = new Pcg32(42, 54);
  assert.deepEqual(draws(rng, 6), [0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e]);
});

Deno.test("Pcg32 matches a BigInt PCG32 for large, negative and edge seeds and streams", async (t) => {
  const seeds = [
    0,
    1,
    42,
    0xffffffff,
    0x100000000,
    2 ** 40 + 12345,
    Number.MAX_SAFE_INTEGER,
    -1,
    -(2 ** 33) - 7,
  ];
  for (const stream of [0, 54, 0x5851f42d, 0x7fffffff]) {
    await t.step(`stream ${stream}`, () => {
      for (const seed of seeds) {
        const expected = referencePcg32(BigInt(seed), BigInt(stream));
        const rng = new Pcg32(seed, stream);
        for (let i = 0; i < 200; i++) assert.equal(rng.nextUint32(), expected(), `seed ${seed}, draw ${i}`);
      }
    });
  }
});

Deno.test("Pcg32 is deterministic per seed and stream", async (t) => {
  await t.step("same seed gives the same stream", () => {
    assert.deepEqual(draws(new Pcg32(7), 100), draws(new Pcg32(7), 100));
  });
  await t.step("different seeds give different streams", () => {
    assert.notDeepEqual(draws(new Pcg32(7), 10), draws(new Pcg32(8), 10));
  });
  await t.step("different streams give different streams", () => {
    assert.notDeepEqual(draws(new Pcg32(7, 1), 10), draws(new Pcg32(7, 2), 10));
  });
});

Deno.test("Pcg32 rejects bad seeds and streams", async (t) => {
  await t.step("seed", () => {
    for (const seed of [1.5, NaN, Infinity, 2 ** 53]) assert.throws(() => new Pcg32(seed), TypeError);
  });
  await t.step("stream", () => {
    for (const stream of [-1, 2 ** 31, 0.5]) assert.throws(() => new Pcg32(1, stream), RangeError);
  });
});

Deno.test("Pcg32.nextFloat() lies in [0, 1) and averages 1/2", () => {
  const rng = new Pcg32(3);
  const count = 100_000;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const u = rng.nextFloat();
    assert.ok(u >= 0 && u < 1, `${u}`);
    assert.ok(Number.isInteger(u * 2 ** 53), "53-bit grid");
    sum += u;
  }
  // Standard error of the mean: sqrt(1/12 / count).
  assert.ok(Math.abs(sum / count - 0.5) < 4 * Math.sqrt(1 / 12 / count));
});

Deno.test("Pcg32.nextInt() draws uniformly from [0, bound)", async (t) => {
  await t.step("small bound passes a chi-square check", () => {
    const rng = new Pcg32(11);
    const bound = 10, count = 100_000;
    const counts = new Array(bound).fill(0);
    for (let i = 0; i < count; i++) {
      const v = rng.nextInt(bound);
      assert.ok(Number.isInteger(v) && v >= 0 && v < bound, `${v}`);
      counts[v]++;
    }
    const expected = count / bound;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: P(chi2 > 40) < 1e-5.
    assert.ok(chi2 < 40, `chi2 = ${chi2}`);
  });
  await t.step("large bound has no modulo bias", () => {
    // With r % bound alone, values below 2^30 would come up half of the time instead of a third.
    const rng = new Pcg32(12);
    const bound = 3 * 2 ** 30, count = 30_000;
    let low = 0;
    for (let i = 0; i < count; i++) {
      const v = rng.nextInt(bound);
      assert.ok(v >= 0 && v < bound);
      if (v < 2 ** 30) low++;
    }
    const se = Math.sqrt((1 / 3) * (2 / 3) / count);
    assert.ok(Math.abs(low / count - 1 / 3) < 4 * se, `${low / count}`);
  });
  await t.step("bound 1 always gives 0 and bound 2^32 is accepted", () => {
    const rng = new Pcg32(13);
    for (let i = 0; i < 10; i++) assert.equal(rng.nextInt(1), 0);
    const v = rng.nextInt(2 ** 32);
    assert.ok(v >= 0 && v < 2 ** 32);
  });
  await t.step("bad bounds throw RangeError", () => {
    const rng = new Pcg32(14);
    for (const bound of [0, -1, 1.5, NaN, Infinity, 2 ** 32 + 1]) {
      assert.throws(() => rng.nextInt(bound), RangeError, `${bound}`);
    }
  });
});

Deno.test("fillNormal() draws mean 0 and variance scale²", async (t) => {
  const count = 100_000;
  for (
    const [label, out, scale] of [
      ["Float64Array, scale 1", new Float64Array(count), 1],
      ["Float32Array, scale 3", new Float32Array(count), 3],
      ["odd length, scale 0.5", new Float64Array(count + 1), 0.5],
    ] as const
  ) {
    await t.step(label, () => {
      const filled = fillNormal(new Pcg32(21), out, scale);
      assert.equal(filled, out);
      const n = out.length;
      let sum = 0, sq = 0, zeros = 0;
      for (const v of out) {
        sum += v;
        sq += v * v;
        if (v === 0) zeros++;
      }
      assert.equal(zeros, 0, "every entry written");
      const mean = sum / n, variance = sq / n - mean * mean;
      const s2 = scale * scale;
      assert.ok(Math.abs(mean) < 4 * scale / Math.sqrt(n), `mean ${mean}`);
      // Standard error of the sample variance of a normal: σ²·sqrt(2/n).
      assert.ok(Math.abs(variance - s2) < 4 * s2 * Math.sqrt(2 / n), `variance ${variance}`);
    });
  }
});

Deno.test("sampleUnitBall() draws uniformly from the unit ball", async (t) => {
  const count = 20_000;
  for (const dim of [2, 5]) {
    const x = sampleUnitBall(new Pcg32(100 + dim), count, dim);
    const radii = Array.from({ length: count }, (_, i) => Math.hypot(...x.subarray(i * dim, (i + 1) * dim)));
    await t.step(`d = ${dim}: shape and every norm ≤ 1`, () => {
      assert.ok(x instanceof Float32Array);
      assert.equal(x.length, count * dim);
      for (const r of radii) assert.ok(r <= 1 + 1e-6 && r > 0, `${r}`);
    });
    await t.step(`d = ${dim}: P(r ≤ t) = t^d`, () => {
      // Kolmogorov–Smirnov critical value at α = 0.001 is 1.95/sqrt(count).
      const tol = 1.95 / Math.sqrt(count);
      for (const tt of [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99]) {
        const empirical = radii.filter((r) => r <= tt).length / count;
        assert.ok(Math.abs(empirical - tt ** dim) < tol, `t = ${tt}: ${empirical} vs ${tt ** dim}`);
      }
    });
    await t.step(`d = ${dim}: coordinates have mean 0 and variance 1/(d+2)`, () => {
      const variance = 1 / (dim + 2);
      for (let j = 0; j < dim; j++) {
        let sum = 0, sq = 0;
        for (let i = 0; i < count; i++) {
          sum += x[i * dim + j];
          sq += x[i * dim + j] ** 2;
        }
        assert.ok(Math.abs(sum / count) < 4 * Math.sqrt(variance / count), `mean of coordinate ${j}`);
        assert.ok(Math.abs(sq / count - variance) < 0.1 * variance, `variance of coordinate ${j}`);
      }
    });
  }
  await t.step("same seed gives the same points", () => {
    assert.deepEqual(sampleUnitBall(new Pcg32(5), 50, 3), sampleUnitBall(new Pcg32(5), 50, 3));
  });
});

Deno.test("deriveSeed() is stable, 32-bit and sensitive to seed and label", async (t) => {
  await t.step("stable", () => {
    assert.equal(deriveSeed(1, "dataset:real:n=5"), deriveSeed(1, "dataset:real:n=5"));
  });
  await t.step("is FNV-1a of `${seed}/${label}` for ASCII labels", () => {
    // The oracle against the published FNV-1a test vectors first.
    assert.equal(fnv1a(""), 0x811c9dc5);
    assert.equal(fnv1a("a"), 0xe40c292c);
    assert.equal(fnv1a("foobar"), 0xbf9cf968);
    for (const [seed, label] of [[1, "a"], [0, ""], [123456789, "network:dnn"], [-4, "x"]] as const) {
      assert.equal(deriveSeed(seed, label), fnv1a(`${seed}/${label}`));
    }
  });
  await t.step("returns a non-negative 32-bit integer", () => {
    for (let s = 0; s < 100; s++) {
      const v = deriveSeed(s, `label${s}`);
      assert.ok(Number.isInteger(v) && v >= 0 && v < 2 ** 32);
    }
  });
  await t.step("different labels or seeds give different seeds", () => {
    const seen = new Set<number>();
    for (let s = 0; s < 20; s++) {
      for (const label of ["dataset", "network:nn", "network:wnn", "network:dnn", "a", "b", ""]) {
        seen.add(deriveSeed(s, label));
      }
    }
    assert.equal(seen.size, 20 * 7);
  });
  await t.step("labels differing only in a non-BMP character differ", () => {
    // "𝔸" and "𝔹" share their high surrogate (U+D835).
    assert.notEqual(deriveSeed(1, "𝔸"), deriveSeed(1, "𝔹"));
  });
});
