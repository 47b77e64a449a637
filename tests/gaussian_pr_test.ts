import assert from "node:assert/strict";
import { forwardPR } from "../src/forward/forward_pr.ts";
import { gaussianPR, type GaussianPRDataset } from "../src/forward/gaussian_pr.ts";

/** |Ax|² for one stored row `x` (length d), in float64 from the stored A. */
function measureRow(data: GaussianPRDataset, x: ArrayLike<number>): number[] {
  const { n, m, a } = data;
  const y: number[] = [];
  for (let i = 0; i < m; i++) {
    if (data.field === "real") {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
      y.push(s * s);
    } else {
      let re = 0, im = 0;
      for (let j = 0; j < n; j++) {
        const ar = a[i * 2 * n + j], ai = a[i * 2 * n + n + j];
        re += ar * x[j] - ai * x[n + j];
        im += ar * x[n + j] + ai * x[j];
      }
      y.push(re * re + im * im);
    }
  }
  return y;
}

function row(v: Float32Array, r: number, len: number): Float32Array {
  return v.subarray(r * len, (r + 1) * len);
}

/** Asserts |actual − expected| ≤ 1e-5·(1 + |expected|) entrywise: float32 storage of a float64 value. */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-5 * (1 + Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function variance(values: ArrayLike<number>): number {
  let sum = 0, sq = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    sq += values[i] ** 2;
  }
  const mean = sum / values.length;
  return sq / values.length - mean * mean;
}

Deno.test("gaussianPR() computes y = |Ax|² row by row", async (t) => {
  for (const field of ["real", "complex"] as const) {
    await t.step(`${field}: y matches a float64 recomputation from a and x`, () => {
      const data = gaussianPR({ field, n: 6, samples: 40, seed: 3 });
      for (let s = 0; s < data.samples; s++) {
        assertClose(row(data.y, s, data.m), measureRow(data, row(data.x, s, data.d)), `sample ${s}`);
      }
    });
  }
  await t.step("real n = 2: one row written out by hand", () => {
    const data = gaussianPR({ field: "real", n: 2, samples: 3, seed: 9, m: 3 });
    const { a, x, y } = data;
    for (let s = 0; s < 3; s++) {
      const x0 = x[2 * s], x1 = x[2 * s + 1];
      const expected = [
        (a[0] * x0 + a[1] * x1) ** 2,
        (a[2] * x0 + a[3] * x1) ** 2,
        (a[4] * x0 + a[5] * x1) ** 2,
      ];
      assertClose(y.subarray(3 * s, 3 * s + 3), expected, `sample ${s}`);
    }
  });
  await t.step("complex n = 1: |a·x|² = |a|²·|x|²", () => {
    const data = gaussianPR({ field: "complex", n: 1, samples: 5, seed: 4, m: 3 });
    const { a, x, y } = data;
    for (let s = 0; s < 5; s++) {
      const x2 = x[2 * s] ** 2 + x[2 * s + 1] ** 2;
      const expected = [0, 1, 2].map((i) => (a[2 * i] ** 2 + a[2 * i + 1] ** 2) * x2);
      assertClose(y.subarray(3 * s, 3 * s + 3), expected, `sample ${s}`);
    }
  });
  await t.step("real: −x gives the same y", () => {
    const data = gaussianPR({ field: "real", n: 5, samples: 10, seed: 5 });
    for (let s = 0; s < data.samples; s++) {
      const flipped = Array.from(row(data.x, s, data.d), (v) => -v);
      assertClose(row(data.y, s, data.m), measureRow(data, flipped), `sample ${s}`);
    }
  });
  await t.step("complex: e^{iθ}x gives the same y", () => {
    const data = gaussianPR({ field: "complex", n: 4, samples: 10, seed: 6 });
    const { n } = data;
    for (let s = 0; s < data.samples; s++) {
      const x = row(data.x, s, data.d);
      for (const theta of [0.3, 2, -2.5]) {
        const c = Math.cos(theta), sn = Math.sin(theta);
        const rotated = new Array(2 * n);
        for (let j = 0; j < n; j++) {
          rotated[j] = c * x[j] - sn * x[n + j];
          rotated[n + j] = sn * x[j] + c * x[n + j];
        }
        assertClose(row(data.y, s, data.m), measureRow(data, rotated), `sample ${s}, θ ${theta}`);
      }
    }
  });
});

Deno.test("gaussianPR() returns the documented shapes", async (t) => {
  await t.step("real: d = n, m defaults to 4n", () => {
    const data = gaussianPR({ field: "real", n: 7, samples: 11, seed: 1 });
    assert.deepEqual([data.field, data.n, data.m, data.d, data.samples], ["real", 7, 28, 7, 11]);
    assert.deepEqual([data.x.length, data.y.length, data.a.length], [11 * 7, 11 * 28, 28 * 7]);
  });
  await t.step("complex: d = 2n, m defaults to 4n", () => {
    const data = gaussianPR({ field: "complex", n: 7, samples: 11, seed: 1 });
    assert.deepEqual([data.field, data.n, data.m, data.d, data.samples], ["complex", 7, 28, 14, 11]);
    assert.deepEqual([data.x.length, data.y.length, data.a.length], [11 * 14, 11 * 28, 28 * 14]);
  });
  await t.step("an explicit m is used", () => {
    const data = gaussianPR({ field: "complex", n: 3, samples: 2, seed: 1, m: 5 });
    assert.equal(data.m, 5);
    assert.equal(data.a.length, 5 * 6);
    assert.equal(data.y.length, 2 * 5);
  });
  await t.step("y is non-negative and finite", () => {
    const data = gaussianPR({ field: "real", n: 4, samples: 100, seed: 2 });
    assert.ok(data.y.every((v) => v >= 0 && Number.isFinite(v)));
  });
});

Deno.test("gaussianPR() draws x uniformly in the unit ball", async (t) => {
  for (const field of ["real", "complex"] as const) {
    await t.step(field, () => {
      const data = gaussianPR({ field, n: 3, samples: 5000, seed: 8 });
      const { d } = data;
      let below = 0;
      for (let s = 0; s < data.samples; s++) {
        const r = Math.hypot(...row(data.x, s, d));
        assert.ok(r <= 1 + 1e-6, `sample ${s}: ‖x‖ = ${r}`);
        if (r <= 0.8) below++;
      }
      // P(‖x‖ ≤ 0.8) = 0.8^d in the ball of R^d.
      const p = 0.8 ** d, se = Math.sqrt(p * (1 - p) / data.samples);
      assert.ok(Math.abs(below / data.samples - p) < 4 * se, `${below / data.samples} vs ${p}`);
    });
  }
});

Deno.test("gaussianPR() is reproducible from its seed", async (t) => {
  for (const field of ["real", "complex"] as const) {
    await t.step(`${field}: same seed, identical bytes`, () => {
      const a = gaussianPR({ field, n: 5, samples: 30, seed: 77 });
      const b = gaussianPR({ field, n: 5, samples: 30, seed: 77 });
      assert.deepEqual(bytes(a.x), bytes(b.x));
      assert.deepEqual(bytes(a.y), bytes(b.y));
      assert.deepEqual(bytes(a.a), bytes(b.a));
    });
    await t.step(`${field}: different seeds differ`, () => {
      const a = gaussianPR({ field, n: 5, samples: 30, seed: 77 });
      const b = gaussianPR({ field, n: 5, samples: 30, seed: 78 });
      assert.notDeepEqual(bytes(a.x), bytes(b.x));
      assert.notDeepEqual(bytes(a.y), bytes(b.y));
      assert.notDeepEqual(bytes(a.a), bytes(b.a));
    });
  }
});

Deno.test("gaussianPR() draws A with the documented variance", async (t) => {
  await t.step("real: entries have mean 0 and variance 1", () => {
    const { a } = gaussianPR({ field: "real", n: 50, samples: 1, seed: 12 });
    const count = a.length; // 200 × 50
    const mean = a.reduce((s, v) => s + v, 0) / count;
    assert.ok(Math.abs(mean) < 4 / Math.sqrt(count), `mean ${mean}`);
    assert.ok(Math.abs(variance(a) - 1) < 4 * Math.sqrt(2 / count), `variance ${variance(a)}`);
  });
  await t.step("complex: real and imaginary parts have variance 1/2 each", () => {
    const { a, m, n } = gaussianPR({ field: "complex", n: 50, samples: 1, seed: 12 });
    const re: number[] = [], im: number[] = [];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        re.push(a[i * 2 * n + j]);
        im.push(a[i * 2 * n + n + j]);
      }
    }
    const tol = 4 * 0.5 * Math.sqrt(2 / re.length);
    assert.ok(Math.abs(variance(re) - 0.5) < tol, `Re variance ${variance(re)}`);
    assert.ok(Math.abs(variance(im) - 0.5) < tol, `Im variance ${variance(im)}`);
  });
});

Deno.test("gaussianPR() rejects bad options", async (t) => {
  const ok = { field: "real", n: 3, samples: 4, seed: 1 } as const;
  await t.step("counts out of range throw RangeError naming the option", () => {
    for (
      const [name, bad] of [
        ["n", { n: 0 }],
        ["n", { n: 1.5 }],
        ["n", { n: -2 }],
        ["samples", { samples: 0 }],
        ["samples", { samples: NaN }],
        ["m", { m: 0 }],
      ] as const
    ) {
      assert.throws(() => gaussianPR({ ...ok, ...bad }), (e: unknown) => {
        assert.ok(e instanceof RangeError);
        assert.match(e.message, new RegExp(`\\b${name}\\b`));
        return true;
      });
    }
  });
  await t.step("an unknown field throws TypeError", () => {
    // deno-lint-ignore no-explicit-any
    assert.throws(() => gaussianPR({ ...ok, field: "quaternion" as any }), TypeError);
  });
});

Deno.test("forwardPR() matches the hand-worked examples in fixtures/", async (t) => {
  const fixture = JSON.parse(
    await Deno.readTextFile(new URL("../fixtures/forward_pr_hand.json", import.meta.url)),
  );
  for (const c of fixture.cases) {
    await t.step(`${c.field}: ${c.steps}`, () => {
      const y = forwardPR(new Float32Array(c.a), new Float32Array(c.x), c);
      assert.deepEqual([...y], c.y);
    });
  }
  await t.step("a of the wrong size is a RangeError", () => {
    assert.throws(
      () => forwardPR(new Float32Array(5), new Float32Array(2), { field: "real", n: 2, m: 3 }),
      RangeError,
    );
  });
});

Deno.test("gaussianPR() refuses arrays past 2^30 values with a RangeError naming the sizes, before allocating", async (t) => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { samples: 1e12 },
      /x would hold samples × d = 1000000000000 × 5 = 5000000000000 values, more than 1073741824/,
    ],
    [{ samples: 2 ** 26 }, /y would hold samples × m = 67108864 × 20 = 1342177280 values/],
    [{ n: 40_000, samples: 100 }, /a would hold m × d = 160000 × 40000/],
    [{ field: "complex", samples: 2 ** 27 }, /x would hold samples × d = 134217728 × 10/],
  ];
  for (const [override, message] of cases) {
    await t.step(JSON.stringify(override), () => {
      const options = { field: "real", n: 5, samples: 10, seed: 1, ...override } as Parameters<
        typeof gaussianPR
      >[0];
      assert.throws(() => gaussianPR(options), (e: unknown) => {
        assert.ok(e instanceof RangeError);
        assert.match(e.message, /^Cannot draw dataset: /);
        assert.match(e.message, message);
        return true;
      });
    });
  }
  await t.step("sizes under the bound draw as before", () => {
    assert.equal(gaussianPR({ field: "real", n: 5, samples: 10, seed: 1 }).y.length, 200);
  });
});
