import assert from "node:assert/strict";
import { readCsv, spawn } from "./_task.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const FIXTURE = `${ROOT}/fixtures/idx`;

function continual(out: string, args: string[]) {
  return spawn([
    "run",
    `--allow-read=${ROOT}/node_modules,${ROOT}/src,${ROOT}/experiments,${FIXTURE},${out}`,
    `--allow-write=${out}`,
    `${ROOT}/tasks/syre_continual.ts`,
    "--out",
    out,
    ...args,
  ]);
}

Deno.test("syre:continual on the fixture writes one row per method and task, two figures, and resumes", async () => {
  const out = await Deno.makeTempDir({ prefix: "syre-continual-" });
  try {
    const args = ["--data", FIXTURE, "--tasks", "3", "--steps", "4", "--train", "100", "--test", "40"];
    const run = await continual(out, [...args, "--workers", "1"]);
    assert.equal(run.code, 0, run.stderr);
    const rows = readCsv(await Deno.readTextFile(`${out}/continual.csv`));
    assert.deepEqual(rows.map((r) => `${r.method} ${r.task}`), [
      "vanilla 1",
      "vanilla 2",
      "vanilla 3",
      "syre 1",
      "syre 2",
      "syre 3",
    ]);
    for (const r of rows) {
      const acc = Number(r.test_accuracy), rank = Number(r.conv_rank);
      assert.ok(acc >= 0 && acc <= 1, r.test_accuracy);
      assert.ok(Number.isInteger(rank) && rank >= 1 && rank <= 320, r.conv_rank);
      assert.ok(Number(r.train_loss) > 0);
    }
    // Same seed, same initial weights and batches: only θ₀ separates the methods.
    assert.notEqual(rows[2].train_loss, rows[5].train_loss);
    for (const f of ["continual_accuracy.svg", "continual_rank.svg"]) {
      assert.match(await Deno.readTextFile(`${out}/${f}`), /^<svg[\s\S]*syre[\s\S]*<\/svg>\n$/);
    }
    const csv = await Deno.readTextFile(`${out}/continual.csv`);
    const again = await continual(out, args);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /all 2 cells already done/);
    assert.equal(await Deno.readTextFile(`${out}/continual.csv`), csv);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("syre:continual rejects bad input in one line with exit 2", async (t) => {
  const out = await Deno.makeTempDir({ prefix: "syre-continual-" });
  try {
    await t.step("a folder without the dataset names the package to install", async () => {
      const run = await continual(out, ["--data", out]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /dataset-fashion-mnist/);
      assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    });
    await t.step("a zero step count", async () => {
      const run = await continual(out, ["--data", FIXTURE, "--steps", "0"]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--steps/);
    });
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
