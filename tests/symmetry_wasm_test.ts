import assert from "node:assert/strict";
import { canonicalize } from "../src/symmetry/canonicalize.ts";
import { rectifiedError } from "../src/symmetry/rectified_error.ts";
import { canonicalizeWasm, rectifiedErrorWasm } from "../src/symmetry/symmetry_wasm.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import type { SimdPath } from "../src/wasm/kernels.ts";

/** Normal-ish values with some rows placed on the cut (x_n = 0, or x_1 = 0) and some −0. */
function batch(rng: Pcg32, rows: number, d: number, cutAt: number): Float32Array {
  const x = Float32Array.from({ length: rows * d }, () => rng.nextFloat() * 4 - 2);
  for (let r = 0; r < rows; r += 5) x[r * d + cutAt] = r % 10 === 0 ? 0 : -0;
  for (let r = 2; r < rows; r += 7) {
    x[r * d] = 0;
    x[r * d + d / 2] = 0; // complex rows with x_1 = 0 exactly
  }
  return x;
}

const PATHS: SimdPath[] = ["relaxed", "plain"];

Deno.test("canonicalizeWasm() gives the bytes of canonicalize() for real signs and complex phases", async () => {
  const rng = new Pcg32(11);
  for (const simd of PATHS) {
    for (const n of [1, 2, 5, 15, 33]) {
      const real = batch(rng, 203, n, n - 1);
      assert.deepEqual(
        await canonicalizeWasm(real, { field: "real", n, simd }),
        canonicalize(real, { field: "real", n }),
      );
      const complex = batch(rng, 203, 2 * n, 0);
      assert.deepEqual(
        await canonicalizeWasm(complex, { field: "complex", n, simd }),
        canonicalize(complex, { field: "complex", n }),
        `complex n ${n}, ${simd}`,
      );
    }
  }
});

Deno.test("rectifiedErrorWasm() gives the numbers of rectifiedError()", async () => {
  const rng = new Pcg32(12);
  for (const simd of PATHS) {
    for (const field of ["real", "complex"] as const) {
      for (const n of [1, 3, 15]) {
        const d = field === "real" ? n : 2 * n;
        const truth = batch(rng, 150, d, 0), pred = batch(rng, 150, d, d - 1);
        pred.set(truth.subarray(0, d).map((v) => -v)); // a row off by exactly the symmetry
        assert.deepEqual(
          await rectifiedErrorWasm(pred, truth, { field, n, simd }),
          rectifiedError(pred, truth, { field, n }),
          `${field} n ${n}, ${simd}`,
        );
      }
    }
  }
});

Deno.test("canonicalizeWasm() and rectifiedErrorWasm() reject bad input with an error naming the argument", async () => {
  const x = new Float32Array(6);
  await assert.rejects(
    () => canonicalizeWasm([1, 2] as unknown as Float32Array, { field: "real", n: 2 }),
    TypeError,
  );
  await assert.rejects(() => canonicalizeWasm(x, { field: "quaternion" as "real", n: 2 }), /field/);
  await assert.rejects(() => canonicalizeWasm(x, { field: "real", n: 0 }), /\bn must/);
  await assert.rejects(() => canonicalizeWasm(x, { field: "complex", n: 2 }), /length 6/);
  await assert.rejects(
    () => rectifiedErrorWasm(x, new Float32Array(4), { field: "real", n: 2 }),
    /pred has 6/,
  );
  await assert.rejects(
    () => rectifiedErrorWasm(x, new Float64Array(6) as unknown as Float32Array, { field: "real", n: 2 }),
    (e) => e instanceof TypeError && /truth/.test(e.message),
  );
  await assert.rejects(
    () => rectifiedErrorWasm(new Float32Array(0), new Float32Array(0), { field: "real", n: 2 }),
    /no rows/,
  );
});
