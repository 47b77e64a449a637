import assert from "node:assert/strict";
import { Progress } from "../src/runner/progress.ts";
import { CellStore } from "../src/runner/cell_store.ts";
import { type GridJob, runGrid } from "../src/runner/run_grid.ts";
import { runExperiment } from "../src/runner/run_experiment.ts";
import { recordRun } from "../src/runner/run_record.ts";
import { runPool } from "../src/runner/worker_pool.ts";

Deno.test("Progress estimates the ETA from finished and running work", () => {
  let now = 0;
  const lines: string[] = [];
  const p = new Progress({
    title: "t",
    weights: [10, 30],
    live: false,
    now: () => now,
    plainInterval: 0,
    write: (s) => void lines.push(s),
  });
  p.start(0, "job0", 0);
  now = 10_000;
  p.done(0, "ok");
  p.start(1, "job1", 100);
  now = 20_000;
  // 10 of 40 units done, plus half of job1's 30 → 25 units in 20 s; 15 left → 12 s.
  p.epoch(1, 50, 0.5);
  const status = lines.at(-1)!;
  assert.match(status, /^t: 1\/2 done \| 20s elapsed, ETA 12s \| job1 ep 50\/100 val 5\.00e-1/);
  p.done(1, "ok");
  p.finish();
  assert.equal(lines.at(-1), "t 2/2 done in 20s\n");
});

Deno.test("Progress in plain mode prints status lines no more often than asked", () => {
  let now = 0;
  const lines: string[] = [];
  const p = new Progress({
    title: "t",
    weights: [1],
    live: false,
    now: () => now,
    plainInterval: 30_000,
    write: (s) => void lines.push(s),
  });
  p.start(0, "job", 100);
  for (let e = 1; e <= 100; e++) {
    now += 1_000;
    p.epoch(0, e, 1);
  }
  // start line + one status line per 30 s over 100 s
  assert.equal(lines.length, 1 + 3);
});

Deno.test("CellStore treats a corrupt cell as not done and rejects unsafe keys", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/bad.json`, '{"error": 0.1');
  const store = new CellStore(dir, { warn: () => {} });
  assert.equal(await store.get({ key: "bad", params: {} }), undefined);
  await assert.rejects(() => store.put({ key: "../escape", params: {} }, {}), TypeError);
  await store.put({ key: "ok", params: {} }, [1]);
  await store.clear();
  assert.equal(await store.get({ key: "ok", params: {} }), undefined);
  await Deno.remove(dir, { recursive: true }).catch(() => {});
});

const worker = new URL("../src/runner/testdata/square_worker.ts", import.meta.url);
type SquareRow = { x: number; square: number };

function squareJob(x: number, kind = "square"): GridJob<SquareRow> {
  return {
    kind,
    params: { x, message: "k must be an integer" },
    key: `x${x}`,
    label: `x=${x}`,
    cost: x,
    maxEpochs: x,
    summarize: () => "",
  };
}

Deno.test("runGrid returns rows in grid order, stores each cell, and resumes", async () => {
  const dir = await Deno.makeTempDir();
  const jobs = [squareJob(2), squareJob(4), squareJob(3)];
  const quiet = { write: () => {}, live: false };
  const snapshots: number[] = [];
  const first = await runGrid({
    name: "g",
    outDir: dir,
    worker,
    jobs,
    workers: 2,
    ...quiet,
    onRows: (rows) => Promise.resolve(void snapshots.push(rows.filter(Boolean).length)),
  });
  assert.deepEqual(first.rows.map((r) => r.x), [2, 4, 3]);
  assert.deepEqual(snapshots, [1, 2, 3, 3]);
  assert.equal(first.ran, 3);
  assert.equal([...Deno.readDirSync(`${dir}/.cells/g`)].length, 3);

  // Nothing left to run: the outputs are still written once, from the stored rows, and the run recorded.
  const resumedSnapshots: number[] = [];
  const second = await runGrid({
    name: "g",
    outDir: dir,
    worker,
    jobs,
    workers: 2,
    ...quiet,
    onRows: (rows) => Promise.resolve(void resumedSnapshots.push(rows.filter(Boolean).length)),
    record: { task: "demo", config: { n: [2, 4, 3], shards: 4, merge: false } },
  });
  assert.deepEqual([second.ran, second.resumed], [0, 3]);
  assert.deepEqual(second.rows, first.rows);
  assert.deepEqual(resumedSnapshots, [3]);
  const record = JSON.parse(await Deno.readTextFile(`${dir}/run.json`)).demo;
  assert.deepEqual([record.config, record.cells], [{ n: [2, 4, 3] }, { total: 3, ran: 0, resumed: 3 }]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runGrid keeps finished cells when a job fails", async () => {
  const dir = await Deno.makeTempDir();
  const bad = squareJob(2, "fail");
  bad.cost = 0; // runs last
  await assert.rejects(
    () =>
      runGrid({
        name: "g",
        outDir: dir,
        worker,
        jobs: [squareJob(3), bad],
        workers: 1,
        write: () => {},
        live: false,
      }),
    /k must be an integer/,
  );
  assert.equal([...Deno.readDirSync(`${dir}/.cells/g`)].length, 1);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runExperiment rewrites CSVs and tables after every cell and writes figures once, after run.json", async () => {
  const dir = await Deno.makeTempDir();
  const csvSnapshots: string[] = [], tableRows: number[] = [];
  let figureCalls = 0, recordedBeforeFigures = false;
  const result = await runExperiment({
    name: "e",
    outDir: dir,
    worker,
    jobs: [squareJob(2), squareJob(4), squareJob(3)],
    workers: 1,
    write: () => {},
    live: false,
    record: { task: "e", config: {} },
    csv: [{
      file: "e.csv",
      columns: ["x", "square"],
      rows: (rows) => {
        csvSnapshots.push(rows.map((r) => r.x).join(" "));
        return rows;
      },
    }],
    tables: [{ file: "e.md", text: (rows) => (tableRows.push(rows.length), `${rows.length}\n`) }],
    figures: async (rows) => {
      figureCalls++;
      recordedBeforeFigures = "e" in JSON.parse(await Deno.readTextFile(`${dir}/run.json`));
      return [{ file: "e.svg", text: `<svg>${rows.length}</svg>` }];
    },
  });
  // Longest job first, one worker: 4, then 3, then 2; every snapshot lists the finished rows in grid order.
  assert.deepEqual(csvSnapshots, ["4", "4 3", "2 4 3", "2 4 3"]);
  assert.deepEqual(tableRows, [1, 2, 3, 3]);
  assert.equal(figureCalls, 1);
  assert.ok(recordedBeforeFigures);
  assert.deepEqual(result.view, result.rows);
  assert.equal(await Deno.readTextFile(`${dir}/e.csv`), "x,square\n2,4\n4,16\n3,9\n");
  assert.equal(await Deno.readTextFile(`${dir}/e.md`), "3\n");
  assert.equal(await Deno.readTextFile(`${dir}/e.svg`), "<svg>3</svg>");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runExperiment needs CSV rows when its view is not an array", async () => {
  const dir = await Deno.makeTempDir();
  await assert.rejects(
    () =>
      runExperiment({
        name: "v",
        outDir: dir,
        worker,
        jobs: [squareJob(2)],
        workers: 1,
        write: () => {},
        live: false,
        view: (results) => ({ count: results.length }),
        csv: [{ file: "v.csv", columns: ["count"] }],
      }),
    TypeError,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("recordRun keeps every record when many writers share run.json", async (t) => {
  const summary = { seconds: 1, ran: 1, resumed: 0, total: 1 };
  await t.step("twenty calls at once in one process", async () => {
    const dir = await Deno.makeTempDir();
    const tasks = Array.from({ length: 20 }, (_, i) => `task${i}`);
    await Promise.all(tasks.map((task) => recordRun(dir, task, {}, summary, "2026-01-01T00:00:00Z")));
    const all = JSON.parse(await Deno.readTextFile(`${dir}/run.json`));
    assert.deepEqual(Object.keys(all).sort(), [...tasks].sort());
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["run.json"]);
    await Deno.remove(dir, { recursive: true });
  });
  await t.step("four processes, five records each", async () => {
    const dir = await Deno.makeTempDir();
    const module = new URL("../src/runner/run_record.ts", import.meta.url).href;
    const code = (p: number) =>
      `const { recordRun } = await import(${JSON.stringify(module)});` +
      `await Promise.all([0, 1, 2, 3, 4].map((i) => recordRun(${JSON.stringify(dir)}, "p${p}-" + i, {}, ` +
      `${JSON.stringify(summary)}, "x")));`;
    const runs = await Promise.all(
      [0, 1, 2, 3].map((p) =>
        new Deno.Command(Deno.execPath(), { args: ["eval", code(p)], stderr: "piped" }).output()
      ),
    );
    for (const r of runs) assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    const all = JSON.parse(await Deno.readTextFile(`${dir}/run.json`));
    assert.equal(Object.keys(all).length, 20);
    await Deno.remove(dir, { recursive: true });
  });
  await t.step("a lock left by a killed process is taken once stale", async () => {
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(`${dir}/run.json.lock`, "");
    const old = new Date(Date.now() - 60_000);
    await Deno.utime(`${dir}/run.json.lock`, old, old);
    await recordRun(dir, "t", {}, summary, "x");
    assert.deepEqual(Object.keys(JSON.parse(await Deno.readTextFile(`${dir}/run.json`))), ["t"]);
    await Deno.remove(dir, { recursive: true });
  });
});

Deno.test("runPool lends the cores of idle workers to the busy ones", async () => {
  const module = new URL("../src/runner/testdata/square_worker.ts", import.meta.url);
  const rows: unknown[] = [];
  const onDone = (i: number, row: unknown) => void (rows[i] = row);
  // Three workers for one job: two never start a job.
  await runPool([{ kind: "idle", params: { atLeast: 0 } }], { module, workers: 3, onDone });
  assert.deepEqual(rows, [2]);
  // Two workers, two jobs: once the quick one is done, its worker has nothing left and lends its core.
  const jobs = [{ kind: "idle", params: { atLeast: 1 } }, { kind: "square", params: { x: 1 } }];
  await runPool(jobs, { module, workers: 2, onDone });
  assert.equal(rows[0], 1);
});
