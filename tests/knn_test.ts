import assert from "node:assert/strict";
import { knnSearch } from "../src/knn/knn_search.ts";
import { knnRegress } from "../src/knn/knn_regress.ts";
import { Pcg32 } from "../src/random/pcg32.ts";

/** All distances in float64, sorted by (distance, index): the oracle. */
function naiveKnn(reference: Float32Array, queries: Float32Array, dim: number, k: number) {
  const refCount = reference.length / dim, queryCount = queries.length / dim;
  const indices: number[][] = [], distances: number[][] = [];
  for (let q = 0; q < queryCount; q++) {
    const all = Array.from({ length: refCount }, (_, r) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (queries[q * dim + j] - reference[r * dim + j]) ** 2;
      return { r, s };
    });
    all.sort((a, b) => a.s - b.s || a.r - b.r);
    indices.push(all.slice(0, k).map((e) => e.r));
    distances.push(all.slice(0, k).map((e) => e.s));
  }
  return { indices, distances };
}

/** Random points; with `grid`, small integers so that many distances tie exactly. */
function points(rng: Pcg32, count: number, dim: number, grid = false): Float32Array {
  return Float32Array.from(
    { length: count * dim },
    () => grid ? rng.nextInt(3) - 1 : 2 * rng.nextFloat() - 1,
  );
}

/** Reference points with exact duplicates: rows copied onto later rows. */
function withDuplicates(rng: Pcg32, count: number, dim: number, grid: boolean): Float32Array {
  const ref = points(rng, count, dim, grid);
  for (let i = 0; i < count / 4; i++) {
    const from = rng.nextInt(count), to = rng.nextInt(count);
    ref.copyWithin(to * dim, from * dim, (from + 1) * dim);
  }
  return ref;
}

function checkAgainstOracle(reference: Float32Array, queries: Float32Array, dim: number, k: number): void {
  const { indices, distances } = knnSearch({ reference, queries, dim, k });
  const oracle = naiveKnn(reference, queries, dim, k);
  const queryCount = queries.length / dim;
  assert.equal(indices.length, queryCount * k);
  assert.equal(distances.length, queryCount * k);
  for (let q = 0; q < queryCount; q++) {
    assert.deepEqual([...indices.subarray(q * k, (q + 1) * k)], oracle.indices[q], `query ${q}`);
    assert.deepEqual(
      [...distances.subarray(q * k, (q + 1) * k)],
      oracle.distances[q].map(Math.fround),
      `query ${q}`,
    );
  }
}

Deno.test("knnSearch() agrees with a naive sort of all distances", async (t) => {
  const rng = new Pcg32(1);
  for (const dim of [1, 3, 17, 60]) {
    for (const grid of [false, true]) {
      await t.step(`dim ${dim}, ${grid ? "integer grid (ties)" : "uniform"}, duplicated points`, () => {
        const reference = withDuplicates(rng, 40, dim, grid);
        const queries = points(rng, 15, dim, grid);
        // Some queries sit exactly on references.
        queries.set(reference.subarray(0, dim), 0);
        queries.set(reference.subarray(5 * dim, 6 * dim), dim);
        for (let k = 1; k <= 7; k++) checkAgainstOracle(reference, queries, dim, k);
      });
    }
  }
  await t.step("k equal to the number of references", () => {
    checkAgainstOracle(points(rng, 6, 2), points(rng, 4, 2), 2, 6);
  });
});

Deno.test("knnSearch() breaks exact ties by the lower index", async (t) => {
  await t.step("identical references", () => {
    const reference = new Float32Array([5, 1, 1, 1, 1, 9]);
    const { indices } = knnSearch({ reference, queries: new Float32Array([1]), dim: 1, k: 3 });
    assert.deepEqual([...indices], [1, 2, 3]);
  });
  await t.step("distinct references at the same distance", () => {
    // Query 0: references 3 (at +1), 1 (at −1), 0 and 2 (at ±2).
    const reference = new Float32Array([2, -1, -2, 1]);
    const { indices, distances } = knnSearch({ reference, queries: new Float32Array([0]), dim: 1, k: 4 });
    assert.deepEqual([...indices], [1, 3, 0, 2]);
    assert.deepEqual([...distances], [1, 1, 4, 4]);
  });
  await t.step("no queries gives empty results", () => {
    const { indices, distances } = knnSearch({
      reference: new Float32Array([1, 2]),
      queries: new Float32Array(0),
      dim: 1,
      k: 1,
    });
    assert.equal(indices.length, 0);
    assert.equal(distances.length, 0);
  });
});

Deno.test("knnSearch() returns valid neighbours when squared distances exceed the float32 range", () => {
  // (1e20)² = 1e40 > float32 max ≈ 3.4e38, yet every input is a finite float32.
  const reference = new Float32Array([0, 1e20]);
  const { indices } = knnSearch({ reference, queries: new Float32Array([1e20]), dim: 1, k: 2 });
  assert.deepEqual([...indices], [1, 0]);
});

Deno.test("knnRegress() averages the targets of the oracle's neighbours", async (t) => {
  const rng = new Pcg32(2);
  for (const [dim, targetDim, k] of [[1, 1, 1], [4, 3, 5], [17, 2, 7]] as const) {
    await t.step(`dim ${dim}, targetDim ${targetDim}, k ${k}`, async () => {
      const reference = withDuplicates(rng, 50, dim, dim === 1);
      const targets = points(rng, 50, targetDim);
      const queries = points(rng, 20, dim, dim === 1);
      const pred = await knnRegress({ reference, targets, queries, dim, targetDim, k });
      const { indices } = naiveKnn(reference, queries, dim, k);
      assert.equal(pred.length, 20 * targetDim);
      for (let q = 0; q < 20; q++) {
        for (let j = 0; j < targetDim; j++) {
          const mean = indices[q].reduce((s, r) => s + targets[r * targetDim + j], 0) / k;
          assert.ok(Math.abs(pred[q * targetDim + j] - mean) <= 1e-6 * (1 + Math.abs(mean)), `query ${q}`);
        }
      }
    });
  }
  await t.step("k defaults to 5", async () => {
    const reference = points(rng, 30, 2), targets = points(rng, 30, 1), queries = points(rng, 5, 2);
    const opts = { reference, targets, queries, dim: 2, targetDim: 1 };
    assert.deepEqual(await knnRegress(opts), await knnRegress({ ...opts, k: 5 }));
    assert.notDeepEqual(await knnRegress(opts), await knnRegress({ ...opts, k: 4 }));
  });
});

Deno.test("knnRegress() gives the same output with 1, 2 or 3 workers", async (t) => {
  const rng = new Pcg32(3);
  const dim = 8, targetDim = 3;
  const reference = withDuplicates(rng, 120, dim, false);
  const targets = points(rng, 120, targetDim);
  for (const queryCount of [1, 2, 37]) {
    await t.step(`${queryCount} queries`, async () => {
      const queries = points(rng, queryCount, dim);
      const opts = { reference, targets, queries, dim, targetDim, k: 5 };
      const single = await knnRegress({ ...opts, workers: 1 });
      for (const workers of [2, 3]) {
        assert.deepEqual(await knnRegress({ ...opts, workers }), single, `${workers} workers`);
      }
    });
  }
});

Deno.test("knnSearch() and knnRegress() reject bad inputs with a RangeError naming the argument", async (t) => {
  const reference = new Float32Array([0, 0, 1, 1, 2, 2]); // 3 points in 2-D
  const targets = new Float32Array([1, 2, 3]);
  const queries = new Float32Array([0.5, 0.5]);
  const base = { reference, targets, queries, dim: 2, targetDim: 1, k: 2 };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["k larger than the references", { k: 4 }, /\bk\b/],
    ["k 0", { k: 0 }, /\bk\b/],
    ["k not an integer", { k: 1.5 }, /\bk\b/],
    ["dim 0", { dim: 0 }, /\bdim\b/],
    ["reference length not a multiple of dim", { reference: new Float32Array(5) }, /\breference\b/],
    ["queries length not a multiple of dim", { queries: new Float32Array(3) }, /\bqueries\b/],
    ["empty reference", { reference: new Float32Array(0), targets: new Float32Array(0) }, /\breference\b/],
    ["NaN in the reference", { reference: new Float32Array([0, 0, NaN, 1, 2, 2]) }, /reference\[2\] is NaN/],
    ["infinite query", { queries: new Float32Array([0.5, -Infinity]) }, /queries\[1\] is -Infinity/],
  ];
  for (const [label, override, name] of cases) {
    await t.step(`knnSearch(): ${label}`, () => {
      const opts = { ...base, ...override } as typeof base;
      assert.throws(() => knnSearch(opts), (e: unknown) => e instanceof RangeError && name.test(e.message));
    });
  }
  const regressCases: [string, Record<string, unknown>, RegExp][] = [
    ...cases,
    ["targets length wrong", { targets: new Float32Array(4) }, /\btargets\b/],
    ["targetDim 0", { targetDim: 0 }, /\btargetDim\b/],
    ["workers 0", { workers: 0 }, /\bworkers\b/],
    ["workers not an integer", { workers: 2.5 }, /\bworkers\b/],
  ];
  for (const [label, override, name] of regressCases) {
    await t.step(`knnRegress(): ${label}`, async () => {
      const opts = { ...base, ...override } as typeof base;
      await assert.rejects(
        () => knnRegress(opts),
        (e: unknown) => e instanceof RangeError && name.test(e.message),
      );
    });
  }
});

Deno.test("knnRegress() rejects targets that are not a finite Float32Array, and missing options", async (t) => {
  const base = {
    reference: new Float32Array([0, 1, 2]),
    targets: new Float32Array([1, 2, 3]),
    queries: new Float32Array([0.5]),
    dim: 1,
    targetDim: 1,
    k: 2,
    workers: 1,
  };
  const typeCases: [string, unknown, string][] = [
    ["Float64Array", new Float64Array(3), "Float64Array"],
    ["Array", [1, 2, 3], "Array"],
    ["Uint8Array", new Uint8Array(3), "Uint8Array"],
    ["undefined", undefined, "Undefined"],
  ];
  for (const [label, targets, got] of typeCases) {
    await t.step(`targets ${label}: TypeError`, async () => {
      await assert.rejects(knnRegress({ ...base, targets: targets as Float32Array }), {
        name: "TypeError",
        message: `Cannot regress: targets must be a Float32Array, got ${got}`,
      });
    });
  }
  for (
    const [label, bad, index] of [["NaN", NaN, 1], ["Infinity", Infinity, 2], [
      "-Infinity",
      -Infinity,
      0,
    ]] as const
  ) {
    await t.step(`a ${label} target: RangeError naming it`, async () => {
      const targets = new Float32Array([1, 2, 3]);
      targets[index] = bad;
      await assert.rejects(knnRegress({ ...base, targets }), {
        name: "RangeError",
        message: `Cannot regress: targets[${index}] is ${bad}, not a finite number`,
      });
    });
  }
  await t.step("no options: TypeError naming options", async () => {
    // deno-lint-ignore no-explicit-any
    await assert.rejects(knnRegress(undefined as any), {
      name: "TypeError",
      message: "Cannot regress: options must be an object, got undefined",
    });
  });
  await t.step("good targets still give the mean of the nearest", async () => {
    assert.deepEqual([...await knnRegress(base)], [1.5]);
  });
});
