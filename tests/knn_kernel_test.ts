import assert from "node:assert/strict";
import { knnSearch } from "../src/knn/knn_search.ts";
import { KNN_MAX_K, knnSearchWasm } from "../src/knn/knn_search_wasm.ts";
import { Pcg32 } from "../src/random/pcg32.ts";

/**
 * Multiples of 1/8 in [−2, 2]: every product, sum and distance the float32
 * kernel forms is exact, so it must match the float64 oracle bit for bit,
 * and many distances tie exactly.
 */
function dyadic(rng: Pcg32, count: number, dim: number): Float32Array {
  return Float32Array.from({ length: count * dim }, () => (rng.nextInt(33) - 16) / 8);
}

function uniform(rng: Pcg32, count: number, dim: number): Float32Array {
  return Float32Array.from({ length: count * dim }, () => 2 * rng.nextFloat() - 1);
}

/** Copies random rows onto other rows: exact duplicates. */
function duplicate(rng: Pcg32, a: Float32Array, dim: number): Float32Array {
  const count = a.length / dim;
  for (let i = 0; i < count / 4; i++) {
    const from = rng.nextInt(count), to = rng.nextInt(count);
    a.copyWithin(to * dim, from * dim, (from + 1) * dim);
  }
  return a;
}

Deno.test("knn kernel agrees exactly with knnSearch() for dims 1–130, K 1–10, ties and duplicates", async () => {
  const rng = new Pcg32(21);
  for (let dim = 1; dim <= 130; dim++) {
    // Reference counts that are not multiples of the 8-wide panel; query counts 1–13, so every partial 6-query block.
    const refCount = 8 * (2 + (dim % 5)) + 1 + (dim % 7);
    const reference = duplicate(rng, dyadic(rng, refCount, dim), dim);
    const queries = dyadic(rng, 1 + (dim % 13), dim);
    queries.set(reference.subarray(0, dim)); // a query on a reference
    const oracle = knnSearch({ reference, queries, dim, k: 10 });
    const queryCount = queries.length / dim;
    for (let k = 1; k <= 10; k++) {
      const { indices, distances } = await knnSearchWasm({ reference, queries, dim, k, workers: 1 });
      for (let q = 0; q < queryCount; q++) {
        const at = `dim ${dim}, k ${k}, query ${q}`;
        assert.deepEqual([...indices.subarray(q * k, (q + 1) * k)], [
          ...oracle.indices.subarray(q * 10, q * 10 + k),
        ], at);
        assert.deepEqual(
          [...distances.subarray(q * k, (q + 1) * k)],
          [...oracle.distances.subarray(q * 10, q * 10 + k)],
          at,
        );
      }
    }
  }
});

Deno.test("knn kernel breaks exact ties by the lower index, across panels and chunks", async () => {
  // 800 copies of one point after 200 far ones: at dim 300 a 256 KiB chunk holds
  // 216 references, so the K = 64 tied neighbours straddle two chunks.
  const dim = 300, refCount = 1000, far = 200;
  const reference = new Float32Array(refCount * dim).fill(0.5);
  reference.fill(3, 0, far * dim);
  const { indices, distances } = await knnSearchWasm({
    reference,
    queries: new Float32Array(dim),
    dim,
    k: KNN_MAX_K,
    workers: 1,
  });
  assert.deepEqual([...indices], Array.from({ length: KNN_MAX_K }, (_, i) => i + far));
  assert.ok(distances.every((d) => d === 0.25 * dim));
});

Deno.test("knn kernel distances match knnSearch() on uniform data to float32 rounding", async () => {
  const rng = new Pcg32(22);
  const dim = 60, reference = uniform(rng, 3001, dim), queries = uniform(rng, 37, dim);
  const k = 10;
  const oracle = knnSearch({ reference, queries, dim, k });
  const got = await knnSearchWasm({ reference, queries, dim, k, workers: 1 });
  for (let i = 0; i < oracle.distances.length; i++) {
    assert.ok(Math.abs(got.distances[i] - oracle.distances[i]) <= 1e-5 * oracle.distances[i], `slot ${i}`);
    // Indices may differ only where the oracle's distances tie to float32 rounding.
    if (got.indices[i] !== oracle.indices[i]) {
      const q = Math.floor(i / k);
      const row = [...oracle.indices.subarray(q * k, q * k + k)];
      assert.ok(row.includes(got.indices[i]) || i % k === k - 1, `slot ${i}`);
    }
  }
});

Deno.test("knn kernel returns valid neighbours when squared distances exceed the float32 range", async () => {
  const reference = new Float32Array([0, 1e20]);
  const { indices } = await knnSearchWasm({ reference, queries: new Float32Array([1e20]), dim: 1, k: 2 });
  assert.deepEqual([...indices], [1, 0]);
});

Deno.test("knn kernel gives the same bytes with 1 and several workers", async () => {
  const rng = new Pcg32(23);
  const dim = 20, reference = duplicate(rng, uniform(rng, 2003, dim), dim);
  for (const queryCount of [1, 3, 5, 37, 401]) {
    const queries = uniform(rng, queryCount, dim);
    const one = await knnSearchWasm({ reference, queries, dim, k: 7, workers: 1 });
    for (const workers of [2, 3, 5]) {
      assert.deepEqual(
        await knnSearchWasm({ reference, queries, dim, k: 7, workers }),
        one,
        `${workers} workers`,
      );
    }
  }
});

Deno.test("knn kernel's relaxed and plain SIMD builds agree", async () => {
  const rng = new Pcg32(24);
  for (const dim of [3, 60, 129]) {
    const reference = dyadic(rng, 517, dim), queries = dyadic(rng, 23, dim);
    const opts = { reference, queries, dim, k: 9, workers: 1 };
    // Exact arithmetic: fused and unfused multiply-add give the same bits.
    assert.deepEqual(
      await knnSearchWasm({ ...opts, simd: "relaxed" }),
      await knnSearchWasm({ ...opts, simd: "plain" }),
    );
    const u = { ...opts, reference: uniform(rng, 517, dim), queries: uniform(rng, 23, dim) };
    const fused = await knnSearchWasm({ ...u, simd: "relaxed" }),
      plain = await knnSearchWasm({ ...u, simd: "plain" });
    for (let i = 0; i < fused.distances.length; i++) {
      assert.ok(
        Math.abs(fused.distances[i] - plain.distances[i]) <= 1e-5 * (1 + plain.distances[i]),
        `slot ${i}`,
      );
    }
  }
});

Deno.test("knn kernel rejects bad input with an error naming the argument", async (t) => {
  const reference = new Float32Array([0, 0, 1, 1, 2, 2]); // 3 points in 2-D
  const base = { reference, queries: new Float32Array([0.5, 0.5]), dim: 2, k: 2, workers: 1 };
  const cases: [string, Record<string, unknown>, ErrorConstructor, RegExp][] = [
    ["k larger than the references", { k: 4 }, RangeError, /\bk\b/],
    ["k above the kernel's 64", { reference: new Float32Array(200), k: 65 }, RangeError, /\bk\b.*64/],
    ["k 0", { k: 0 }, RangeError, /\bk\b/],
    ["dim 0", { dim: 0 }, RangeError, /\bdim\b/],
    [
      "reference length not a multiple of dim",
      { reference: new Float32Array(5) },
      RangeError,
      /\breference\b/,
    ],
    ["queries length not a multiple of dim", { queries: new Float32Array(3) }, RangeError, /\bqueries\b/],
    ["empty reference", { reference: new Float32Array(0) }, RangeError, /\breference\b/],
    [
      "NaN in the reference",
      { reference: new Float32Array([0, 0, NaN, 1, 2, 2]) },
      RangeError,
      /reference\[2\]/,
    ],
    ["infinite query", { queries: new Float32Array([0.5, Infinity]) }, RangeError, /queries\[1\]/],
    ["workers 0", { workers: 0 }, RangeError, /\bworkers\b/],
    ["reference not a Float32Array", { reference: [0, 0, 1, 1] }, TypeError, /\breference\b/],
    ["queries a Float64Array", { queries: new Float64Array(2) }, TypeError, /\bqueries\b/],
    ["unknown SIMD build", { simd: "avx" }, TypeError, /\bsimd\b/],
    ["unknown screen mode", { screen: "maybe" }, TypeError, /\bscreen\b/],
  ];
  for (const [label, override, type, name] of cases) {
    await t.step(label, async () => {
      const opts = { ...base, ...override } as typeof base;
      await assert.rejects(
        () => knnSearchWasm(opts),
        (e: unknown) => e instanceof type && name.test(e.message),
      );
    });
  }
});

Deno.test("knn kernel finds the true neighbours of points far from the origin", async () => {
  const rng = new Pcg32(5);
  const dim = 20, refCount = 2000, queryCount = 200, k = 5;
  const offset = (a: Float32Array) => a.map((v) => v + 1000);
  const reference = offset(uniform(rng, refCount, dim)), queries = offset(uniform(rng, queryCount, dim));
  const got = await knnSearchWasm({ reference, queries, dim, k, workers: 1 });
  const want = knnSearch({ reference, queries, dim, k });
  const distance = (q: number, r: number) => {
    let s = 0;
    for (let d = 0; d < dim; d++) s += (queries[q * dim + d] - reference[r * dim + d]) ** 2;
    return s;
  };
  for (let i = 0; i < queryCount * k; i++) {
    const q = Math.floor(i / k);
    // The chosen neighbour is as near as the oracle's at the same rank, to float32 rounding.
    assert.ok(
      Math.abs(distance(q, got.indices[i]) - want.distances[i]) <= 1e-3 * want.distances[i],
      `entry ${i}`,
    );
    assert.ok(Math.abs(got.distances[i] - want.distances[i]) <= 1e-3 * want.distances[i], `distance ${i}`);
  }
});

// --- The 8-bit screen (searchChunkScreened): the same bytes as the plain kernel. ---

type Screen = "on" | "off" | "auto";
type Stats = { rowsScreened: number; rowsPassed: number; screenedCalls: number; plainCalls: number };

async function screened(
  reference: Float32Array,
  queries: Float32Array,
  dim: number,
  k: number,
  screen: Screen,
  workers = 1,
  simd?: "relaxed" | "plain",
): Promise<{ indices: Int32Array; distances: Float32Array; stats: Stats }> {
  let stats: Stats | undefined;
  const res = await knnSearchWasm({
    reference,
    queries,
    dim,
    k,
    workers,
    screen,
    simd,
    onStats: (s) => stats = s,
  });
  // "on" must really have screened, or the comparisons with "off" would compare the plain kernel with itself.
  if (screen === "on") {
    assert.ok(stats!.screenedCalls > 0, `the screen did not run: ${JSON.stringify(stats)}`);
  }
  return { ...res, stats: stats! };
}

/** Bitwise equality of two results, naming the first slot that differs. */
function assertSameBytes(
  got: { indices: Int32Array; distances: Float32Array },
  want: { indices: Int32Array; distances: Float32Array },
  at: string,
): void {
  assert.equal(got.indices.length, want.indices.length, at);
  const a = new Uint32Array(got.distances.buffer, got.distances.byteOffset, got.distances.length);
  const b = new Uint32Array(want.distances.buffer, want.distances.byteOffset, want.distances.length);
  for (let i = 0; i < want.indices.length; i++) {
    if (got.indices[i] !== want.indices[i] || a[i] !== b[i]) {
      assert.fail(
        `${at}, slot ${i}: got (${got.indices[i]}, ${got.distances[i]}), want (${want.indices[i]}, ${
          want.distances[i]
        })`,
      );
    }
  }
}

Deno.test("knn kernel's screen gives the plain kernel's and the oracle's bytes: dims 1–130, K 1–10, ties, duplicates", async () => {
  const rng = new Pcg32(41);
  for (let dim = 1; dim <= 130; dim++) {
    const refCount = 8 * (3 + (dim % 6)) + (dim % 8);
    const reference = duplicate(rng, dyadic(rng, refCount, dim), dim);
    const queries = dyadic(rng, 1 + (dim % 13), dim);
    queries.set(reference.subarray(0, dim));
    const oracle = knnSearch({ reference, queries, dim, k: 10 });
    for (let k = 1; k <= 10; k++) {
      const on = await screened(reference, queries, dim, k, "on");
      const off = await screened(reference, queries, dim, k, "off");
      assert.equal(off.stats.screenedCalls, 0);
      assert.ok(on.stats.screenedCalls > 0 && on.stats.plainCalls === 0, `dim ${dim}: every call screened`);
      assertSameBytes(on, off, `dim ${dim}, k ${k}`);
      const want = {
        indices: new Int32Array(on.indices.length),
        distances: new Float32Array(on.indices.length),
      };
      for (let q = 0; q < queries.length / dim; q++) {
        want.indices.set(oracle.indices.subarray(q * 10, q * 10 + k), q * k);
        want.distances.set(oracle.distances.subarray(q * 10, q * 10 + k), q * k);
      }
      assertSameBytes(on, want, `dim ${dim}, k ${k} against the oracle`);
    }
  }
});

Deno.test("knn kernel's screen gives the plain kernel's bytes on uniform data, dims 1–130, K 1–10", async () => {
  const rng = new Pcg32(42);
  for (let dim = 1; dim <= 130; dim += 3) {
    const reference = uniform(rng, 700 + dim, dim), queries = uniform(rng, 1 + (dim % 17), dim);
    for (const k of [1, 3, 10]) {
      assertSameBytes(
        await screened(reference, queries, dim, k, "on"),
        await screened(reference, queries, dim, k, "off"),
        `dim ${dim}, k ${k}`,
      );
    }
  }
});

Deno.test("knn kernel's screen prunes almost every pair of spread data and keeps the plain kernel's bytes", async () => {
  // Queries near some of many references: after the first chunk few rows can beat the K-th distance.
  const rng = new Pcg32(43);
  const dim = 24, reference = uniform(rng, 40_000, dim), queries = uniform(rng, 60, dim);
  const on = await screened(reference, queries, dim, 5, "on");
  assertSameBytes(on, await screened(reference, queries, dim, 5, "off"), "spread");
  assert.ok(on.stats.rowsPassed < 0.1 * on.stats.rowsScreened, JSON.stringify(on.stats));
  const auto = await screened(reference, queries, dim, 5, "auto");
  assertSameBytes(auto, on, "auto");
  assert.equal(auto.stats.plainCalls, 0, JSON.stringify(auto.stats));
});

Deno.test("knn kernel's screen prunes nothing when every distance ties, and keeps the lower index", async () => {
  const dim = 37, refCount = 3000;
  const reference = new Float32Array(refCount * dim).fill(0.3);
  const queries = new Float32Array(13 * dim).fill(-0.7);
  for (const k of [1, 7, KNN_MAX_K]) {
    const on = await screened(reference, queries, dim, k, "on");
    assertSameBytes(on, await screened(reference, queries, dim, k, "off"), `k ${k}`);
    assert.deepEqual([...on.indices.subarray(0, k)], Array.from({ length: k }, (_, i) => i));
    assert.ok(on.stats.rowsPassed > 0.9 * on.stats.rowsScreened, JSON.stringify(on.stats));
    // "auto" notices and runs the plain kernel for the calls after the first.
    const auto = await screened(reference, queries, dim, k, "auto");
    assertSameBytes(auto, on, `auto, k ${k}`);
    assert.ok(auto.stats.plainCalls > 0, JSON.stringify(auto.stats));
  }
  // Equal distances from distinct points: a query at the centre of a cube's corners.
  const corners = Float32Array.from(
    { length: 8 * 3 * 64 },
    (_, i) => ((Math.floor(i / 3) >> (i % 3)) & 1) * 2 - 1,
  );
  const centre = new Float32Array(3 * 5);
  assertSameBytes(
    await screened(corners, centre, 3, 10, "on"),
    await screened(corners, centre, 3, 10, "off"),
    "cube",
  );
});

Deno.test("knn kernel's screen keeps the plain kernel's bytes far from the origin and at extreme scales", async () => {
  const rng = new Pcg32(44);
  const dim = 20;
  const cases: [string, (v: number, i: number) => number][] = [
    ["shifted by the kernel (1000 + uniform)", (v) => v + 1000],
    ["off-centre, not shifted by the kernel (3 + uniform)", (v) => v + 3],
    ["one coordinate far (x₀ + 1e4)", (v, i) => i % dim === 0 ? v + 1e4 : v],
    ["tiny (1e-20 · uniform)", (v) => v * 1e-20],
    ["subnormal squares (1e-25 · uniform)", (v) => v * 1e-25],
    ["large (1e9 · uniform)", (v) => v * 1e9],
    ["heavy-tailed (uniform⁹)", (v) => v ** 9],
  ];
  for (const [label, f] of cases) {
    const reference = duplicate(rng, uniform(rng, 2500, dim).map(f), dim);
    const queries = uniform(rng, 41, dim).map(f);
    queries.set(reference.subarray(dim, 3 * dim));
    for (const k of [1, 5, 10]) {
      assertSameBytes(
        await screened(reference, queries, dim, k, "on"),
        await screened(reference, queries, dim, k, "off"),
        `${label}, k ${k}`,
      );
    }
  }
});

Deno.test("knn kernel's screen gives the same bytes on several workers and in the plain SIMD build", async () => {
  const rng = new Pcg32(45);
  const dim = 60, reference = duplicate(rng, uniform(rng, 4001, dim), dim);
  const queries = uniform(rng, 301, dim);
  const off = await screened(reference, queries, dim, 7, "off", 1);
  for (const workers of [2, 3]) {
    assertSameBytes(await screened(reference, queries, dim, 7, "on", workers), off, `${workers} workers`);
  }
  for (const d of [5, 60, 129]) {
    const r = dyadic(rng, 601, d), q = dyadic(rng, 19, d);
    assertSameBytes(
      await screened(r, q, d, 6, "on", 1, "plain"),
      await screened(r, q, d, 6, "off", 1, "plain"),
      `plain build, dim ${d}`,
    );
  }
});
