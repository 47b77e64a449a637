import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import { useThreadedWasm } from "../src/nn/wasm_threads.ts";
import { gradientsFixture } from "./_gradients_fixture.ts";
import { spawn } from "./_task.ts";

Deno.test("the threaded wasm backend loads under Deno and computes what one thread computes", async () => {
  const run = await spawn(["run", "--allow-read=node_modules,src,tests", "tests/_threads_probe.ts", "2"]);
  assert.equal(run.code, 0, run.stderr);
  const { threads, grads } = JSON.parse(run.stdout);
  assert.equal(threads, 2);
  await initBackend();
  const single = gradientsFixture();
  assert.equal(grads.length, single.length);
  let worst = 0;
  for (let i = 0; i < single.length; i++) {
    worst = Math.max(worst, Math.abs(grads[i] - single[i]) / (1e-3 + Math.abs(single[i])));
  }
  // Threads split the matMuls differently, so float32 sums may round differently.
  assert.ok(worst < 1e-3, `largest relative difference ${worst}`);
});

Deno.test("useThreadedWasm() refuses once the single-threaded backend has started in this realm", async () => {
  await initBackend();
  await assert.rejects(() => useThreadedWasm(2), /already/);
  await assert.rejects(() => useThreadedWasm(0), RangeError);
});
