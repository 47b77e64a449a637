import assert from "node:assert/strict";
import { readCsv } from "./_task.ts";
import { runImageTask } from "./_image_task.ts";

Deno.test("syre:fcn on the fixture: one row per cell, collapse at large γ, figures, and a resumed rerun", async () => {
  const out = await Deno.makeTempDir();
  const args = [
    ...["--train", "100", "--test", "40", "--width", "16", "--steps", "150", "--batch", "20", "--lr", "0.3"],
    ...["--gammas", "0.0001,1", "--alphas", "0.5", "--alpha-gamma", "0.0001"],
  ];
  const first = await runImageTask("syre_fcn", out, [...args, "--workers", "2"]);
  assert.equal(first.code, 0, first.stderr);

  const csv = await Deno.readTextFile(`${out}/fcn.csv`);
  const rows = readCsv(csv);
  assert.deepEqual(
    rows.map((r) => `${r.method} ${r.gamma} ${r.alpha}`),
    ["vanilla 0.0001 1", "vanilla 1 1", "vanilla 0.0001 0.5", "syre 0.0001 1", "syre 1 1", "syre 0.0001 0.5"],
  );
  for (const r of rows) {
    for (const key of ["train_accuracy", "test_accuracy"]) {
      assert.ok(Number(r[key]) >= 0 && Number(r[key]) <= 1, `${key} ${r[key]}`);
    }
    for (const key of ["rank_pre", "rank_post"]) {
      assert.ok(Number.isInteger(Number(r[key])) && Number(r[key]) <= 16, `${key} ${r[key]}`);
    }
  }
  const at = (method: string, gamma: string) => rows.find((r) => r.method === method && r.gamma === gamma)!;
  // Little weight decay learns the fixture's ten blocks; γ = 1 pulls vanilla to θ = 0: chance, rank 0.
  assert.ok(Number(at("vanilla", "0.0001").train_accuracy) > 0.5, at("vanilla", "0.0001").train_accuracy);
  assert.ok(Number(at("vanilla", "1").train_accuracy) <= 0.15);
  assert.equal(at("vanilla", "1").rank_pre, "0");
  assert.ok(Number(at("vanilla", "0.0001").rank_pre) > 5);
  for (const name of ["gamma_accuracy", "gamma_rank", "alpha_accuracy", "alpha_rank"]) {
    const svg = await Deno.readTextFile(`${out}/fcn_${name}.svg`);
    assert.ok(svg.startsWith("<svg"));
    assert.match(svg, /syre/);
  }
  assert.deepEqual(JSON.parse(await Deno.readTextFile(`${out}/run.json`))["syre:fcn"].cells, {
    total: 6,
    ran: 6,
    resumed: 0,
  });

  const again = await runImageTask("syre_fcn", out, [...args, "--workers", "1"]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /all 6 cells already done/);
  assert.equal(await Deno.readTextFile(`${out}/fcn.csv`), csv);
  await Deno.remove(out, { recursive: true });
});

Deno.test("syre:fcn rejects bad input with one line and exit status 2", async (t) => {
  const out = await Deno.makeTempDir();
  const cases: [string[], RegExp][] = [
    [["--gammas", "0.1,x"], /--gammas must be a comma-separated list of numbers/],
    [["--gammas", "0,0.01"], /--gammas must be positive \(the γ figures have a log axis\), got "0,0.01"/],
    [["--alphas", "0"], /--alphas must be a comma-separated list of numbers/],
    [["--width", "1"], /--width must be an integer/],
    [["--lr", "0"], /--lr must be/],
    [
      ["--data", `${out}/nothing-here`],
      /Cannot find "train-images-idx3-ubyte.gz" .*apt install dataset-fashion-mnist/,
    ],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      // runImageTask passes the fixture as --data; a later --data wins.
      const run = await runImageTask("syre_fcn", out, args);
      assert.equal(run.code, 2);
      assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
      assert.match(run.stderr, /^syre:fcn: /);
      assert.match(run.stderr, message);
    });
  }
  await Deno.remove(out, { recursive: true });
});
