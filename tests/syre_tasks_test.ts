import assert from "node:assert/strict";
import { readCsv, runTask, spawn } from "./_task.ts";

const TASKS = ["syre_quartic", "syre_reparam", "syre_ridge", "syre_teacher"] as const;

/** Runs a task's smoke preset into a fresh folder; returns the folder and the CSV rows. */
async function smoke(task: string, extra: string[] = []) {
  const out = await Deno.makeTempDir();
  const run = await runTask(task, out, ["--preset", "smoke", "--workers", "2", ...extra]);
  assert.equal(run.code, 0, run.stderr);
  const csv = await Deno.readTextFile(`${out}/${task}.csv`);
  return { out, run, csv, rows: readCsv(csv) };
}

async function assertSvgs(out: string, files: string[]) {
  for (const f of files) {
    const svg = await Deno.readTextFile(`${out}/${f}`);
    assert.ok(svg.startsWith("<svg") && svg.includes("</svg>"), f);
  }
}

Deno.test("syre tasks reject bad input with one line and exit status 2", async (t) => {
  const out = await Deno.makeTempDir();
  const cases: [string, string[], RegExp][] = [
    ["syre_quartic", ["--preset", "huge"], /--preset must be one of smoke, default, paper/],
    ["syre_reparam", ["--seed", "1.5"], /--seed must be an integer/],
    ["syre_ridge", ["--bogus"], /Unknown flag/],
    ["syre_teacher", ["--workers", "0"], /--workers must be an integer/],
  ];
  for (const [task, args, message] of cases) {
    await t.step(`${task} ${args.join(" ")}`, async () => {
      const run = await runTask(task, out, args);
      assert.equal(run.code, 2);
      const lines = run.stderr.trim().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], new RegExp(`^${task.replace("_", ":")}: `));
      assert.match(lines[0], message);
    });
  }
  await Deno.remove(out, { recursive: true });
});

Deno.test("syre tasks refuse an output folder they may not write, before any work", async () => {
  const elsewhere = await Deno.makeTempDir();
  const run = await spawn(["task", "-q", "syre:ridge", "--out", elsewhere, "--preset", "smoke"]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr.trim(),
    /^syre:ridge: Cannot use output folder ".*": this task has no write permission/,
  );
  assert.deepEqual([...Deno.readDirSync(elsewhere)], []);
  await Deno.remove(elsewhere);
});

Deno.test("syre:quartic: syre leaves fewer symmetric directions than vanilla, and reruns resume", async () => {
  const { out, csv, rows } = await smoke("syre_quartic");
  assert.equal(rows.length, 10);
  for (const b of ["unstructured", "structured"]) {
    const degree = (m: string) => Number(rows.find((r) => r.b === b && r.method === m)!.degree);
    assert.ok(
      degree("syre") < degree("vanilla"),
      `${b}: syre ${degree("syre")}, vanilla ${degree("vanilla")}`,
    );
    const vanilla = rows.find((r) => r.b === b && r.method === "vanilla")!;
    // Vanilla gradient descent gets close to the optimum −λ_max²/4.
    assert.ok(Number(vanilla.objective) < 0.9 * Number(vanilla.optimum), `${b}: ${vanilla.objective}`);
  }
  await assertSvgs(out, ["syre_quartic_unstructured.svg", "syre_quartic_structured.svg"]);
  const again = await runTask("syre_quartic", out, ["--preset", "smoke"]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /all 10 cells already done/);
  assert.equal(await Deno.readTextFile(`${out}/syre_quartic.csv`), csv);
  await Deno.remove(out, { recursive: true });
});

Deno.test("syre:reparam: syre ends with fewer dead neurons than SGD at the same loss", async () => {
  const { out, rows } = await smoke("syre_reparam");
  assert.equal(rows.length, 3 * 6);
  const last = (m: string) => rows.filter((r) => r.method === m).at(-1)!;
  const sgd = last("sgd"), syre = last("syre");
  assert.equal(sgd.seed, syre.seed);
  assert.ok(Number(syre.dead) < Number(sgd.dead), `syre ${syre.dead}, sgd ${sgd.dead}`);
  assert.ok(Number(sgd.dead) > 0);
  assert.ok(Math.abs(Number(syre.loss) - Number(sgd.loss)) < 0.1 * Number(sgd.loss));
  await assertSvgs(out, ["syre_reparam_dead.svg", "syre_reparam_loss.svg"]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("syre:ridge: weight decay and syre remove the peak at d/N = 1 alike", async () => {
  const { out, rows } = await smoke("syre_ridge");
  assert.equal(rows.length, 2 * 3 * 3);
  const record = JSON.parse(await Deno.readTextFile(`${out}/run.json`))["syre:ridge"];
  assert.equal(record.config.preset, "smoke");
  assert.deepEqual(record.cells, {
    total: record.cells.ran + record.cells.resumed,
    ran: record.cells.ran,
    resumed: 0,
  });
  assert.ok(record.config.settings, "run.json lacks the preset's settings");
  for (const seed of new Set(rows.map((r) => r.seed))) {
    const at = (m: string) =>
      Number(rows.find((r) => r.seed === seed && r.method === m && r.ratio === "1")!.test_loss);
    assert.ok(
      at("weight-decay") < at("vanilla") / 2,
      `vanilla ${at("vanilla")}, weight decay ${at("weight-decay")}`,
    );
    assert.ok(Math.abs(at("syre") - at("weight-decay")) < 0.02 * at("weight-decay"));
  }
  await assertSvgs(out, ["syre_ridge.svg"]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("syre:teacher: ranks of every sweep, vanilla and syre, in the CSV and figures", async () => {
  const { out, rows } = await smoke("syre_teacher");
  assert.equal(rows.length, 10);
  for (const sweep of ["dimension", "label-noise", "input-noise"]) {
    const mine = rows.filter((r) => r.sweep === sweep);
    assert.deepEqual([...new Set(mine.map((r) => r.method))], ["vanilla", "syre"]);
    for (const r of mine) {
      assert.ok(Number(r.rank) >= 1 && Number(r.rank) <= 20, r.rank);
      assert.ok(Number(r.test_accuracy) > 1 / 3, `${sweep}: accuracy ${r.test_accuracy} is not above chance`);
    }
  }
  await assertSvgs(out, [
    "syre_teacher_dimension.svg",
    "syre_teacher_label_noise.svg",
    "syre_teacher_input_noise.svg",
  ]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("every syre deno task has a smoke test here or a test file of its own", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  const names = Object.keys(config.tasks).filter((k) => k.startsWith("syre:")).map((k) =>
    k.replace(":", "_")
  );
  assert.ok(names.length >= TASKS.length);
  for (const name of names) {
    if ((TASKS as readonly string[]).includes(name)) continue;
    const own = await Deno.stat(new URL(`./${name}_test.ts`, import.meta.url)).catch(() => null);
    assert.ok(own?.isFile, `syre task ${name} has no tests`);
  }
});
