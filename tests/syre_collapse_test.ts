import assert from "node:assert/strict";
import { readCsv, spawn } from "./_task.ts";
import { runImageTask } from "./_image_task.ts";

Deno.test("syre:collapse on the fixture: curves, summary, figures, a resumed rerun and a byte-identical fresh one", async () => {
  const out = await Deno.makeTempDir();
  const args = ["--train", "100", "--hidden", "8", "--steps", "40", "--batch", "20", "--fractions", "0,0.5"];
  const first = await runImageTask("syre_collapse", out, [...args, "--workers", "2"]);
  assert.equal(first.code, 0, first.stderr);

  const curves = readCsv(await Deno.readTextFile(`${out}/collapse.csv`));
  const summary = readCsv(await Deno.readTextFile(`${out}/collapse_summary.csv`));
  assert.equal(summary.length, 8);
  for (const optimizer of ["sgd", "adam"]) {
    for (const method of ["vanilla", "syre"]) {
      for (const fraction of ["0", "0.5"]) {
        const points = curves.filter((r) =>
          r.optimizer === optimizer && r.method === method && r.fraction === fraction
        );
        assert.ok(points.length >= 10, `${optimizer} ${method} ${fraction}: ${points.length} points`);
        assert.equal(points.at(-1)!.step, "40");
        assert.ok(points.every((p) => Number.isFinite(Number(p.train_loss))));
        // The fixture is easy: every curve learns.
        assert.ok(Number(points.at(-1)!.train_loss) < Number(points[0].train_loss));
      }
    }
  }
  const rank = (optimizer: string, method: string, fraction: string) =>
    Number(
      summary.find((r) => r.optimizer === optimizer && r.method === method && r.fraction === fraction)!
        .final_rank,
    );
  for (const optimizer of ["sgd", "adam"]) {
    // Four tied neurons stay one under vanilla training: at most 8 − 4 + 1 = 5 distinct ones.
    assert.ok(
      rank(optimizer, "vanilla", "0.5") <= 5,
      `${optimizer} vanilla rank ${rank(optimizer, "vanilla", "0.5")}`,
    );
    // syre separates them.
    assert.ok(rank(optimizer, "syre", "0.5") > rank(optimizer, "vanilla", "0.5"));
  }
  for (const name of ["sgd_vanilla", "sgd_syre", "adam_vanilla", "adam_syre"]) {
    const svg = await Deno.readTextFile(`${out}/collapse_${name}.svg`);
    assert.ok(svg.startsWith("<svg"));
    assert.match(svg, /50 % tied/);
  }
  const run = JSON.parse(await Deno.readTextFile(`${out}/run.json`))["syre:collapse"];
  assert.deepEqual(run.cells, { total: 8, ran: 8, resumed: 0 });

  const again = await runImageTask("syre_collapse", out, [...args, "--workers", "1"]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /all 8 cells already done/);
  assert.equal(readCsv(await Deno.readTextFile(`${out}/collapse.csv`)).length, curves.length);
  assert.deepEqual(readCsv(await Deno.readTextFile(`${out}/collapse.csv`)), curves);

  // Same seed, computed again from scratch: the same bytes.
  const csv = await Deno.readTextFile(`${out}/collapse.csv`);
  const fresh = await runImageTask("syre_collapse", out, [...args, "--workers", "2", "--fresh"]);
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.doesNotMatch(fresh.stderr, /already done/);
  assert.equal(await Deno.readTextFile(`${out}/collapse.csv`), csv);
  await Deno.remove(out, { recursive: true });
});

Deno.test("syre:collapse rejects bad input and missing data with one line and exit status 2", async (t) => {
  const out = await Deno.makeTempDir();
  const cases: [string[], RegExp][] = [
    [["--fractions", "0,1.5"], /--fractions must be a comma-separated list of numbers in \[0, 1\]/],
    [["--steps", "0"], /--steps must be an integer/],
    [["--preset", "huge"], /--preset must be one of default, paper/],
    [["--bogus"], /bogus/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const run = await runImageTask("syre_collapse", out, args);
      assert.equal(run.code, 2);
      assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
      assert.match(run.stderr, message);
    });
  }
  await t.step("missing dataset files name the install command", async () => {
    // `deno task syre:collapse` may read /usr/share/datasets, where this folder does not exist.
    const run = await spawn(["task", "-q", "syre:collapse", "--data", "/usr/share/datasets/no-such-set"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.match(
      run.stderr.trim(),
      /^syre:collapse: Cannot find "train-images-idx3-ubyte.gz" in "\/usr\/share\/datasets\/no-such-set": install Fashion-MNIST with `apt install dataset-fashion-mnist`, or pass --data DIR$/,
    );
  });
  await t.step("a folder outside the granted ones says how to grant it", async () => {
    const run = await spawn(["task", "-q", "syre:collapse", "--data", out]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr.trim(),
      /^syre:collapse: Cannot read data folder ".*": .*--allow-read=.*tasks\/syre_collapse\.ts/,
    );
  });
  await Deno.remove(out, { recursive: true });
});

Deno.test("syre:collapse reuses stored cells only for the same dataset bytes", async () => {
  const out = await Deno.makeTempDir();
  const fixture = new URL("../fixtures/idx/", import.meta.url);
  const copy = `${out}/copy`, swapped = `${out}/swapped`;
  await Deno.mkdir(copy);
  await Deno.mkdir(swapped);
  for (const kind of ["images-idx3", "labels-idx1"]) {
    const train = new URL(`train-${kind}-ubyte.gz`, fixture),
      test = new URL(`t10k-${kind}-ubyte.gz`, fixture);
    await Deno.copyFile(train, `${copy}/train-${kind}-ubyte.gz`);
    await Deno.copyFile(test, `${copy}/t10k-${kind}-ubyte.gz`);
    await Deno.copyFile(test, `${swapped}/train-${kind}-ubyte.gz`);
    await Deno.copyFile(train, `${swapped}/t10k-${kind}-ubyte.gz`);
  }
  const args = ["--train", "40", "--hidden", "4", "--steps", "5", "--batch", "10", "--fractions", "0"];
  const first = await runImageTask("syre_collapse", out, [...args, "--workers", "1"]);
  assert.equal(first.code, 0, first.stderr);
  const other = await runImageTask("syre_collapse", out, [...args, "--workers", "1", "--data", swapped]);
  assert.equal(other.code, 0, other.stderr);
  assert.doesNotMatch(other.stderr, /already done/);
  const same = await runImageTask("syre_collapse", out, [...args, "--workers", "1", "--data", copy]);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stderr, /already done/);
  await Deno.remove(out, { recursive: true });
});
