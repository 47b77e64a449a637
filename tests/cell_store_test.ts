import assert from "node:assert/strict";
import { CellStore, CellUnreadableError } from "../src/runner/cell_store.ts";
import { runExperiment } from "../src/runner/run_experiment.ts";
import type { GridJob } from "../src/runner/run_grid.ts";
import { readCsv, runTask } from "./_task.ts";

const worker = new URL("../src/runner/testdata/square_worker.ts", import.meta.url);
type SquareRow = { x: number; square: number };

function squareJob(x: number): GridJob<SquareRow> {
  return {
    kind: "square",
    params: { x },
    key: `x${x}`,
    label: `x=${x}`,
    cost: x,
    maxEpochs: 0,
    summarize: () => "",
  };
}

// Runs the two-cell square experiment into `dir`; returns the warnings, how many cells ran, and the CSV.
async function squares(dir: string): Promise<{ lines: string[]; ran: number; csv: string }> {
  const lines: string[] = [];
  const result = await runExperiment({
    name: "sq",
    outDir: dir,
    worker,
    jobs: [squareJob(2), squareJob(3)],
    workers: 1,
    write: (s) => void lines.push(s),
    live: false,
    csv: [{ file: "sq.csv", columns: ["x", "square"] }],
  });
  return {
    lines: lines.filter((l) => /corrupt/.test(l)),
    ran: result.ran,
    csv: await Deno.readTextFile(`${dir}/sq.csv`),
  };
}

const CSV = "x,square\n2,4\n3,9\n";

Deno.test("a stored cell that does not prove what it is is set aside, named once, and recomputed", async (t) => {
  const dir = await Deno.makeTempDir();
  const cells = `${dir}/.cells/sq`;
  assert.equal((await squares(dir)).csv, CSV);
  const good = await Deno.readTextFile(`${cells}/x2.json`);
  const sealed = JSON.parse(good);
  assert.deepEqual(Object.keys(sealed), ["format", "key", "params", "checksum", "row"]);
  assert.deepEqual([sealed.key, sealed.params, sealed.row], ["x2", { x: 2 }, { x: 2, square: 4 }]);

  const cases: [string, string, RegExp][] = [
    ["another cell's file", await Deno.readTextFile(`${cells}/x3.json`), /its key is "x3", not "x2"/],
    ["other parameters", JSON.stringify({ ...sealed, params: { x: 5 } }), /parameters are not the job's/],
    ["an edited row", good.replace('"square":4', '"square":5'), /checksum does not match/],
    ["{}", "{}", /column "x" of sq\.csv is missing/],
    ["[]", "[]", /column "x" of sq\.csv is missing/],
    ["42", "42", /its row gives a sq\.csv row that is not an object|column "x"/],
    ['{"error":"abc"}', '{"error":"abc"}', /column "x" of sq\.csv is missing/],
    ["null", "null", /its row is null/],
    ["truncated JSON", good.slice(0, 20), /not JSON/],
    ["an old-format row with a null", '{"x":2,"square":null}', /column "square" of sq\.csv is null/],
  ];
  for (const [name, text, reason] of cases) {
    await t.step(name, async () => {
      await Deno.writeTextFile(`${cells}/x2.json`, text);
      const run = await squares(dir);
      assert.equal(run.csv, CSV);
      assert.equal(run.ran, 1);
      assert.equal(run.lines.length, 1, run.lines.join(""));
      assert.match(run.lines[0], /^sq: Set aside corrupt cell file ".*\/x2\.json\.corrupt" \(/);
      assert.match(run.lines[0], reason);
      assert.equal(await Deno.readTextFile(`${cells}/x2.json.corrupt`), text);
      assert.equal(await Deno.readTextFile(`${cells}/x2.json`), good);
    });
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an old-format cell (the bare row) that passes the row check is reused and sealed", async () => {
  const dir = await Deno.makeTempDir();
  const cells = `${dir}/.cells/sq`;
  await Deno.mkdir(cells, { recursive: true });
  await Deno.writeTextFile(`${cells}/x2.json`, '{"x":2,"square":4}\n');
  const run = await squares(dir);
  assert.deepEqual([run.ran, run.lines, run.csv], [1, [], CSV]);
  const upgraded = JSON.parse(await Deno.readTextFile(`${cells}/x2.json`));
  assert.deepEqual([upgraded.key, upgraded.params, upgraded.row], ["x2", { x: 2 }, { x: 2, square: 4 }]);
  assert.equal((await squares(dir)).ran, 0);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a sealed null is the job's own NaN: kept, not recomputed forever", async () => {
  const dir = await Deno.makeTempDir();
  const store = new CellStore(dir, { warn: () => assert.fail("no warning expected") });
  const cell = { key: "a", params: { x: 1 } };
  await store.put(cell, { x: 1, square: NaN });
  const check = (row: unknown, sealed: boolean) =>
    (row as SquareRow).square === null && !sealed ? "column square is null" : undefined;
  assert.deepEqual(await store.get(cell, check), { x: 1, square: null });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a cell entry that cannot be read is a CellUnreadableError naming it", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/a.json`);
  const store = new CellStore(dir);
  await assert.rejects(
    () => store.get({ key: "a", params: {} }),
    CellUnreadableError,
    `Cannot read cell file "${dir}/a.json": Is a directory`,
  );
  await assert.rejects(() => store.put({ key: "../escape", params: {} }, {}), TypeError);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("table1: a copied cell is recomputed, and a folder in place of a cell is one line, exit 2", async () => {
  const out = await Deno.makeTempDir();
  const args = ["--n", "3,4", "--samples", "300", "--models", "knn", "--workers", "1"];
  const first = await runTask("table1", out, args);
  assert.equal(first.code, 0, first.stderr);
  const csv = await Deno.readTextFile(`${out}/table1.csv`);
  const cells = `${out}/.cells/table1`;
  const names = [...Deno.readDirSync(cells)].map((e) => e.name).sort();
  const [n3, n4] = [names.find((n) => n.includes("-n3-"))!, names.find((n) => n.includes("-n4-"))!];
  await Deno.copyFile(`${cells}/${n4}`, `${cells}/${n3}`);
  const again = await runTask("table1", out, args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, new RegExp(`table1: Set aside corrupt cell file ".*${n3}\\.corrupt"`));
  const strip = (text: string) => readCsv(text).map(({ train_seconds: _, ...rest }) => rest);
  assert.deepEqual(strip(await Deno.readTextFile(`${out}/table1.csv`)), strip(csv));

  await Deno.remove(`${cells}/${n3}`);
  await Deno.mkdir(`${cells}/${n3}`);
  const folder = await runTask("table1", out, args);
  assert.equal(folder.code, 2);
  assert.equal(
    folder.stderr.trim().split("\n").at(-1),
    `table1: Cannot read cell file "${cells}/${n3}": Is a directory (os error 21): readfile '${cells}/${n3}'`,
  );
  assert.doesNotMatch(folder.stderr, /\n {4}at /);
  await Deno.remove(out, { recursive: true });
});
