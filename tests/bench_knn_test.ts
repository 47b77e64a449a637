import assert from "node:assert/strict";
import { spawn } from "./_task.ts";
import { knnTfjs } from "../bench/knn_tfjs.ts";
import { knnSearch } from "../src/knn/knn_search.ts";
import { initBackend } from "../src/nn/backend.ts";
import { Pcg32 } from "../src/random/pcg32.ts";

Deno.test("bench:knn --json prints one object per method, workload and thread count", async () => {
  const run = await spawn(["task", "-q", "bench:knn", "--quick", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const rows = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const cores = navigator.hardwareConcurrency || 1;
  const kernels = ["kernel_plain", "kernel"].flatMap((
    k,
  ) => [`${k} 1`, ...(cores > 1 ? [`${k} ${cores}`] : [])]);
  const expected = ["tfjs_wasm 1", ...kernels];
  assert.deepEqual(
    rows.map((r) => `${r.name} ${r.workers}`),
    [...expected, "typescript 1", ...expected],
  );
  for (const r of rows) {
    assert.match(r.workload, /^\d+x\d+x(60|20)$/);
    assert.ok(r.seconds >= 0 && Number.isFinite(r.gflops), JSON.stringify(r));
    if (r.name === "kernel") assert.ok(r.data === "pr" && r.passed >= 0 && r.passed <= 1, JSON.stringify(r));
  }
});

Deno.test("bench:knn --data ties times only the kernels, on points it cannot prune", async () => {
  const run = await spawn(["task", "-q", "bench:knn", "--quick", "--json", "--data", "ties"]);
  assert.equal(run.code, 0, run.stderr);
  const rows = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.ok(rows.length > 0 && rows.every((r) => r.name.startsWith("kernel") && r.data === "ties"));
});

Deno.test("bench:knn rejects an unknown flag with one line and exit status 2", async () => {
  const run = await spawn(["task", "-q", "bench:knn", "--fast"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr.trim(), /^bench:knn: Unknown flag '--fast'$/);
});

Deno.test("the tfjs K-NN that bench:knn compares against finds the oracle's neighbours", async () => {
  await initBackend();
  const rng = new Pcg32(31);
  const dim = 7, reference = Float32Array.from({ length: 900 * dim }, () => rng.nextFloat());
  const queries = Float32Array.from({ length: 40 * dim }, () => rng.nextFloat());
  const oracle = knnSearch({ reference, queries, dim, k: 5 });
  const got = knnTfjs(reference, queries, dim, 5);
  assert.deepEqual(got.indices, oracle.indices);
  for (let i = 0; i < got.distances.length; i++) {
    assert.ok(Math.abs(got.distances[i] - oracle.distances[i]) < 1e-5, `slot ${i}`);
  }
});
