import assert from "node:assert/strict";
import { spawn } from "./_task.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const TYPES: Record<string, string> = {
  ts: "application/typescript",
  json: "application/json",
  wasm: "application/wasm",
};

Deno.test("mod.ts works when imported by URL, without this project's import map", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = decodeURIComponent(new URL(req.url).pathname);
    const ext = path.split(".").pop()!;
    if (path.includes("..") || !(ext in TYPES)) return new Response("not found", { status: 404 });
    try {
      return new Response(await Deno.readFile(ROOT + path.slice(1)), {
        headers: { "content-type": `${TYPES[ext]}; charset=utf-8` },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  // A consumer project of its own: an empty folder with no deno.json.
  const consumer = await Deno.makeTempDir();
  await Deno.writeTextFile(
    `${consumer}/main.ts`,
    `import * as sb from "${base}/mod.ts";
const data = sb.gaussianPR({ field: "complex", n: 3, samples: 300, seed: 1 });
const canon = sb.canonicalize(data.x, data);
const pred = await sb.knnRegress({ reference: data.y, targets: canon, queries: data.y.subarray(0, 12 * 10),
  dim: data.m, targetDim: data.d, k: 1, workers: 2 });
const err = sb.rectifiedError(pred, data.x.subarray(0, 6 * 10), data);
await sb.initBackend();
const net = new sb.Mlp(sb.layerSizes("nn", data.m, data.d), 1);
console.log(JSON.stringify({ err: err.error, out: net.predict(data.y.subarray(0, 12), 1).length }));
`,
  );
  try {
    const run = await spawn([
      "run",
      "--quiet",
      "--no-lock",
      "--no-config",
      `--allow-net=127.0.0.1:${server.addr.port}`,
      `--allow-import=127.0.0.1:${server.addr.port}`,
      "--allow-read",
      "--allow-env",
      `${consumer}/main.ts`,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    // K = 1 on the training points themselves: exact up to the phase.
    assert.ok(result.err < 1e-6, run.stdout);
    assert.equal(result.out, 6);
  } finally {
    await server.shutdown();
    await Deno.remove(consumer, { recursive: true });
  }
});
