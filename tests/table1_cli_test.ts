import assert from "node:assert/strict";
import { readCsv, runTask, spawn } from "./_task.ts";

Deno.test("table1 rejects bad input with one line and exit status 2", async (t) => {
  const out = await Deno.makeTempDir();
  const cases: [string[], RegExp][] = [
    [["--bogus"], /Unknown flag|bogus/],
    [["--n", "0"], /--n must be/],
    [["--samples", "10"], /--samples must be/],
    [["--models", "foo"], /--models has unknown value "foo"/],
    [["--preset", "huge"], /--preset must be one of/],
    [["--preset", "toString"], /--preset must be one of default, paper, got "toString"/],
    [["--epochs", "1.5"], /--epochs must be an integer/],
    [["--workers", "0"], /--workers must be an integer/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const run = await runTask("table1", out, args);
      assert.equal(run.code, 2);
      const lines = run.stderr.trim().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], /^table1: /);
      assert.match(lines[0], message);
    });
  }
  await Deno.remove(out, { recursive: true });
});

Deno.test("table1 refuses an output folder it may not write, before any work", async () => {
  const elsewhere = await Deno.makeTempDir();
  // `deno task table1` grants write access to results/ only.
  const run = await spawn(["task", "-q", "table1", "--out", elsewhere, "--n", "5", "--samples", "200"]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr.trim(),
    /^table1: Cannot use output folder ".*": this task has no write permission/,
  );
  assert.equal(run.stderr.trim().split("\n").length, 1);
  assert.deepEqual([...Deno.readDirSync(elsewhere)], []);
  await Deno.remove(elsewhere);
});

Deno.test("table1 resumes finished cells and --fresh starts over", async () => {
  const out = await Deno.makeTempDir();
  const args = ["--n", "3", "--samples", "400", "--models", "nn,knn", "--epochs", "2", "--workers", "2"];
  const first = await runTask("table1", out, args);
  assert.equal(first.code, 0, first.stderr);
  const csv = await Deno.readTextFile(`${out}/table1.csv`);
  assert.equal(readCsv(csv).length, 3);

  const again = await runTask("table1", out, args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /all 3 cells already done/);
  assert.doesNotMatch(again.stderr, /start /);
  assert.equal(await Deno.readTextFile(`${out}/table1.csv`), csv);

  // A lost cell is recomputed, the rest reused.
  const cells = `${out}/.cells/table1`;
  const knnCell = [...Deno.readDirSync(cells)].find((e) => e.name.includes("-knn-"))!;
  await Deno.remove(`${cells}/${knnCell.name}`);
  const partial = await runTask("table1", out, args);
  assert.match(partial.stderr, /2 of 3 cells already done/);
  assert.match(partial.stderr, /start n=3 s=400 knn-A/);

  const fresh = await runTask("table1", out, [...args, "--fresh"]);
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.doesNotMatch(fresh.stderr, /already done/);
  await Deno.remove(out, { recursive: true });
});

Deno.test("table1 output is the same bytes for the same seed, timings aside", async () => {
  const dirs = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  const args = ["--n", "4", "--samples", "500", "--models", "nn,knn", "--epochs", "3", "--seed", "9"];
  const [a, b] = await Promise.all([
    runTask("table1", dirs[0], [...args, "--workers", "1"]),
    runTask("table1", dirs[1], [...args, "--workers", "2"]),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const strip = (text: string) => readCsv(text).map(({ train_seconds: _, ...rest }) => rest);
  const [ca, cb] = await Promise.all(dirs.map((d) => Deno.readTextFile(`${d}/table1.csv`)));
  assert.deepEqual(strip(ca), strip(cb));
  const other = await runTask("table1", dirs[0], [
    "--n",
    "4",
    "--samples",
    "500",
    "--models",
    "knn",
    "--seed",
    "10",
  ]);
  assert.equal(other.code, 0, other.stderr);
  const knn = (text: string) => strip(text).find((r) => r.model === "knn")!.error;
  assert.notEqual(knn(await Deno.readTextFile(`${dirs[0]}/table1.csv`)), knn(ca));
  for (const d of dirs) await Deno.remove(d, { recursive: true });
});
