import { canonicalizeWasm, rectifiedErrorWasm } from "../src/symmetry/symmetry_wasm.ts";
import assert from "node:assert/strict";
import { canonicalize } from "../src/symmetry/canonicalize.ts";
import { CUT_PERTURBATION } from "../src/symmetry/sign_flip.ts";
import { rectifiedError } from "../src/symmetry/rectified_error.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { sampleUnitBall } from "../src/random/ball.ts";

/** Multiplies every complex row ([Re…, Im…]) of `x` by e^{iθ}, in float64. */
function rotate(x: Float32Array, n: number, theta: number): Float32Array {
  const out = new Float32Array(x.length);
  const c = Math.cos(theta), s = Math.sin(theta);
  for (let o = 0; o < x.length; o += 2 * n) {
    for (let j = 0; j < n; j++) {
      out[o + j] = c * x[o + j] - s * x[o + n + j];
      out[o + n + j] = s * x[o + j] + c * x[o + n + j];
    }
  }
  return out;
}

function rowNorms(x: Float32Array, d: number): number[] {
  return Array.from({ length: x.length / d }, (_, r) => Math.hypot(...x.subarray(r * d, (r + 1) * d)));
}

function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
  what = "",
): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** min over θ on a grid of ‖e^{iθ}p − x‖² for one complex row. */
function bruteForceComplex(p: Float32Array, x: Float32Array, n: number, steps: number): number {
  let best = Infinity;
  for (let k = 0; k < steps; k++) {
    const theta = (2 * Math.PI * k) / steps;
    const c = Math.cos(theta), s = Math.sin(theta);
    let e = 0;
    for (let j = 0; j < n; j++) {
      e += (c * p[j] - s * p[n + j] - x[j]) ** 2 + (s * p[j] + c * p[n + j] - x[n + j]) ** 2;
    }
    best = Math.min(best, e);
  }
  return best;
}

const real = (n: number) => ({ field: "real", n }) as const;
const complex = (n: number) => ({ field: "complex", n }) as const;

Deno.test("canonicalize() maps −x and x to the same row, with x_n > 0", async (t) => {
  const n = 4;
  const x = sampleUnitBall(new Pcg32(1), 200, n);
  const minus = x.map((v) => -v);
  const out = canonicalize(x, real(n));
  await t.step("−x and x give the same row", () => {
    assert.deepEqual(canonicalize(minus, real(n)), out);
  });
  await t.step("every row has x_n > 0 and is ±(input row)", () => {
    for (let r = 0; r < 200; r++) {
      const row = out.subarray(r * n, (r + 1) * n), src = x.subarray(r * n, (r + 1) * n);
      assert.ok(row[n - 1] > 0);
      const sign = Math.sign(src[n - 1]);
      assert.deepEqual([...row], [...src].map((v) => sign * v));
    }
  });
  await t.step("idempotent", () => {
    assert.deepEqual(canonicalize(out, real(n)), out);
  });
  await t.step("a hand example", () => {
    assert.deepEqual([...canonicalize(new Float32Array([3, -1, -2, 5]), real(2))], [-3, 1, -2, 5]);
  });
});

Deno.test("canonicalize() perturbs real rows on the cut x_n = 0", async (t) => {
  for (const zero of [0, -0]) {
    await t.step(`x_n = ${Object.is(zero, -0) ? "−0" : "0"}`, () => {
      const out = canonicalize(new Float32Array([0.5, -0.25, zero]), real(3));
      assert.equal(out[2], CUT_PERTURBATION);
      assert.ok(out[2] > 0);
      assert.deepEqual([out[0], out[1]], [0.5, -0.25]);
    });
  }
  await t.step("the perturbation is the smallest positive normal float32", () => {
    assert.equal(CUT_PERTURBATION, 2 ** -126);
    assert.equal(Math.fround(CUT_PERTURBATION), CUT_PERTURBATION);
  });
});

Deno.test("canonicalize() maps e^{iθ}x and x to the same complex row", async (t) => {
  const n = 3, d = 2 * n, rows = 100;
  const x = sampleUnitBall(new Pcg32(2), rows, d);
  const out = canonicalize(x, complex(n));
  await t.step("phase invariance", () => {
    for (const theta of [0.1, 1, Math.PI / 2, 3, -2, 5.5]) {
      assertAllClose(canonicalize(rotate(x, n, theta), complex(n)), out, 1e-5, `θ = ${theta}`);
    }
  });
  await t.step("x_1 is real and positive", () => {
    for (let r = 0; r < rows; r++) {
      assert.ok(out[r * d] > 0, `row ${r}: Re x_1 = ${out[r * d]}`);
      assert.ok(Object.is(out[r * d + n], 0), `row ${r}: Im x_1 = ${out[r * d + n]}`);
    }
  });
  await t.step("the result is e^{iφ}·(input row) for some φ", () => {
    for (let r = 0; r < rows; r++) {
      const src = x.subarray(r * d, (r + 1) * d);
      const phi = -Math.atan2(src[n], src[0]);
      assertAllClose(out.subarray(r * d, (r + 1) * d), rotate(src, n, phi), 1e-6, `row ${r}`);
    }
  });
  await t.step("norms are preserved", () => {
    assertAllClose(rowNorms(out, d), rowNorms(x, d), 1e-6);
  });
  await t.step("idempotent", () => {
    assertAllClose(canonicalize(out, complex(n)), out, 1e-6);
  });
});

Deno.test("canonicalize() perturbs complex rows on the cut x_1 = 0", async (t) => {
  for (const [label, re, im] of [["0", 0, 0], ["−0", -0, -0]] as const) {
    await t.step(`x_1 = ${label}`, () => {
      const out = canonicalize(new Float32Array([re, 0.5, im, -0.25]), complex(2));
      assert.equal(out[0], CUT_PERTURBATION);
      assert.ok(Object.is(out[2], 0));
      assertAllClose([out[1], out[3]], [0.5, -0.25], 1e-7);
    });
  }
});

Deno.test("canonicalize() checks its input and leaves it alone", async (t) => {
  await t.step("input not mutated", () => {
    for (const opts of [real(2), complex(2)]) {
      const x = new Float32Array([0.3, -0.4, -0.1, 0.2, 0, 0, 0, 0]);
      const copy = x.slice();
      const out = canonicalize(x, opts);
      assert.notEqual(out, x);
      assert.deepEqual(x, copy);
    }
  });
  await t.step("length not a multiple of the row length throws RangeError", () => {
    assert.throws(() => canonicalize(new Float32Array(5), real(2)), RangeError);
    assert.throws(() => canonicalize(new Float32Array(6), complex(2)), RangeError);
  });
  await t.step("bad n throws RangeError, bad field TypeError", () => {
    assert.throws(() => canonicalize(new Float32Array(4), real(0)), RangeError);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => canonicalize(new Float32Array(4), { field: "quaternion" as any, n: 1 }), TypeError);
  });
});

Deno.test("rectifiedError() ignores the real sign", async (t) => {
  const n = 5, rows = 50;
  const x = sampleUnitBall(new Pcg32(3), rows, n);
  const pred = sampleUnitBall(new Pcg32(4), rows, n);
  await t.step("pred and −pred give the same error", () => {
    assert.deepEqual(rectifiedError(pred.map((v) => -v), x, real(n)), rectifiedError(pred, x, real(n)));
  });
  await t.step("flipping the sign of single rows changes nothing", () => {
    const mixed = pred.slice();
    for (let r = 0; r < rows; r += 3) for (let j = 0; j < n; j++) mixed[r * n + j] *= -1;
    assert.deepEqual(rectifiedError(mixed, x, real(n)), rectifiedError(pred, x, real(n)));
  });
  await t.step("−x as prediction costs nothing", () => {
    assert.equal(rectifiedError(x.map((v) => -v), x, real(n)).error, 0);
  });
});

Deno.test("rectifiedError() has the documented scales", async (t) => {
  await t.step("real hand example", () => {
    // Row 1: min(‖(1,2)−(1,0)‖², ‖(1,2)+(1,0)‖²) = min(4, 8) = 4; row 2: ‖(3,4)‖² = 25.
    const pred = new Float32Array([1, 2, 0, 0]), truth = new Float32Array([1, 0, 3, 4]);
    const { error, errorPaperScale } = rectifiedError(pred, truth, real(2));
    assert.equal(error, 14.5 / 2);
    assert.equal(errorPaperScale, 14.5 / 4);
  });
  await t.step("complex hand example", () => {
    // pred x_1 = 2i, truth x_1 = 1: best rotation leaves |2 − 1|² = 1.
    const pred = new Float32Array([0, 0, 2, 0]), truth = new Float32Array([1, 0, 0, 0]);
    const { error, errorPaperScale } = rectifiedError(pred, truth, complex(2));
    assert.ok(Math.abs(error - 1 / 2) < 1e-12);
    assert.ok(Math.abs(errorPaperScale - 1 / 4) < 1e-12);
  });
});

Deno.test("rectifiedError() for complex rows is the minimum over the phase", async (t) => {
  const n = 3, d = 2 * n, rows = 20;
  const x = sampleUnitBall(new Pcg32(5), rows, d);
  const pred = sampleUnitBall(new Pcg32(6), rows, d);
  await t.step("closed form matches a search over 20000 angles", () => {
    for (let r = 0; r < rows; r++) {
      const p = pred.subarray(r * d, (r + 1) * d), t0 = x.subarray(r * d, (r + 1) * d);
      const closed = rectifiedError(p, t0, complex(n)).error * n;
      const brute = bruteForceComplex(p, t0, n, 20000);
      assert.ok(brute >= closed - 1e-6, `row ${r}: brute ${brute} < closed ${closed}`);
      assert.ok(brute - closed < 1e-4, `row ${r}: brute ${brute} vs closed ${closed}`);
    }
  });
  await t.step("rotating pred or truth by e^{iθ} changes nothing", () => {
    const base = rectifiedError(pred, x, complex(n)).error;
    for (const theta of [0.7, 2.5, -1.2]) {
      assert.ok(Math.abs(rectifiedError(rotate(pred, n, theta), x, complex(n)).error - base) < 1e-6);
      assert.ok(Math.abs(rectifiedError(pred, rotate(x, n, theta), complex(n)).error - base) < 1e-6);
    }
  });
  await t.step("e^{iθ}x as prediction costs (almost) nothing", () => {
    assert.ok(rectifiedError(rotate(x, n, 1.3), x, complex(n)).error < 1e-10);
  });
});

Deno.test("rectifiedError() of the zero predictor is E‖x‖²/n²", async (t) => {
  const samples = 20000;
  for (const [field, n, d] of [["real", 5, 5], ["real", 10, 10], ["complex", 5, 10]] as const) {
    await t.step(`${field} n = ${n}`, () => {
      const x = sampleUnitBall(new Pcg32(7 + n), samples, d);
      const { errorPaperScale } = rectifiedError(new Float32Array(x.length), x, { field, n });
      // E‖x‖² = d/(d+2) in the unit ball of R^d; real: 1/(n(n+2)).
      const expected = d / (d + 2) / (n * n);
      assert.ok(Math.abs(errorPaperScale / expected - 1) < 0.03, `${errorPaperScale} vs ${expected}`);
    });
  }
});

Deno.test("rectifiedError() rejects mismatched or empty input", async (t) => {
  await t.step("pred and truth of different lengths", () => {
    assert.throws(() => rectifiedError(new Float32Array(4), new Float32Array(6), real(2)), RangeError);
  });
  await t.step("length not a multiple of the row length", () => {
    assert.throws(() => rectifiedError(new Float32Array(3), new Float32Array(3), real(2)), RangeError);
    assert.throws(() => rectifiedError(new Float32Array(2), new Float32Array(2), complex(2)), RangeError);
  });
  await t.step("no rows", () => {
    assert.throws(() => rectifiedError(new Float32Array(0), new Float32Array(0), real(2)), RangeError);
  });
});

Deno.test("canonicalize() and rectifiedError() without options throw a TypeError naming options", async (t) => {
  const x = new Float32Array([0.5, -0.25]);
  for (const options of [undefined, null, 5]) {
    await t.step(`options ${options}`, async () => {
      // deno-lint-ignore no-explicit-any
      const bad = options as any;
      assert.throws(() => canonicalize(x, bad), {
        name: "TypeError",
        message: `Cannot canonicalize: options { field, n } must be an object, got ${
          options === null ? "null" : typeof options
        }`,
      });
      assert.throws(() => rectifiedError(x, x, bad), (e: unknown) => {
        assert.ok(e instanceof TypeError);
        assert.match(e.message, /^Cannot compute rectified error: options \{ field, n \} must be an object/);
        return true;
      });
      // The WebAssembly versions share the check.
      await assert.rejects(canonicalizeWasm(x, bad), TypeError, "options { field, n } must be an object");
      await assert.rejects(
        rectifiedErrorWasm(x, x, bad),
        TypeError,
        "options { field, n } must be an object",
      );
    });
  }
  await t.step("options without field name the field", () => {
    assert.throws(
      () => canonicalize(x, { n: 2 } as unknown as Parameters<typeof canonicalize>[1]),
      /field must be "real" or "complex", got "undefined"/,
    );
  });
});
