import assert from "node:assert/strict";
import { decode } from "fast-png";
import { readCsv, spawn } from "./_task.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const FIXTURE = `${ROOT}/fixtures/idx`;

function vae(out: string, args: string[]) {
  return spawn([
    "run",
    `--allow-read=${ROOT}/node_modules,${ROOT}/src,${ROOT}/experiments,${FIXTURE},${out}`,
    `--allow-write=${out}`,
    `${ROOT}/tasks/syre_vae.ts`,
    "--out",
    out,
    ...args,
  ]);
}

Deno.test("syre:vae on the fixture writes one row per method and β, two plots and a reconstruction grid", async () => {
  const out = await Deno.makeTempDir({ prefix: "syre-vae-" });
  try {
    const args = ["--data", FIXTURE, "--betas", "0.5,10", "--steps", "6", "--train", "100", "--test", "40"];
    const run = await vae(out, [...args, "--width", "16", "--batch", "20", "--workers", "1"]);
    assert.equal(run.code, 0, run.stderr);
    const rows = readCsv(await Deno.readTextFile(`${out}/vae.csv`));
    assert.deepEqual(rows.map((r) => `${r.method} ${r.beta}`), [
      "vanilla 0.5",
      "vanilla 10",
      "syre 0.5",
      "syre 10",
    ]);
    for (const r of rows) {
      assert.ok(Number(r.test_reconstruction) > 0 && Number(r.train_reconstruction) > 0);
      assert.ok(Number(r.kl) >= 0);
      const rank = Number(r.rank);
      assert.ok(Number.isInteger(rank) && rank >= 1 && rank <= 16, r.rank);
    }
    for (const f of ["vae_rank.svg", "vae_reconstruction.svg"]) {
      assert.match(await Deno.readTextFile(`${out}/${f}`), /^<svg[\s\S]*vanilla[\s\S]*syre[\s\S]*<\/svg>\n$/);
    }
    // The grid: the test images, then one row per model, eight 28×28 images a row, 1-pixel gaps.
    const grid = await Deno.readTextFile(`${out}/vae_images.svg`);
    assert.match(grid, /syre β=10/);
    const b64 = grid.match(/data:image\/png;base64,([A-Za-z0-9+/=]+)/)![1];
    const png = decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    assert.deepEqual([png.width, png.height, png.channels], [8 * 29 - 1, 5 * 29 - 1, 1]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("syre:vae rejects bad input in one line with exit 2", async (t) => {
  const out = await Deno.makeTempDir({ prefix: "syre-vae-" });
  try {
    await t.step("a folder without the dataset names the package to install", async () => {
      const run = await vae(out, ["--data", out]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /dataset-fashion-mnist/);
      assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    });
    await t.step("a negative β", async () => {
      const run = await vae(out, ["--data", FIXTURE, "--betas", "1,-2"]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--betas/);
    });
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
