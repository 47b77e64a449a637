import assert from "node:assert/strict";
import { readCsv, runTask } from "./_task.ts";
import { assertFigure, assertRenders, HAS_CHROMIUM } from "./_svg.ts";

Deno.test("table4 tiny run writes every scheme's row with the issue's columns", async () => {
  const out = await Deno.makeTempDir();
  const run = await runTask("table4", out, [
    "--n",
    "2,3",
    "--samples",
    "300",
    "--epochs",
    "2",
    "--workers",
    "2",
  ]);
  assert.equal(run.code, 0, run.stderr);
  const text = await Deno.readTextFile(`${out}/table4.csv`);
  assert.ok(text.startsWith("regularization,n,error,error_paper_scale,coefficient,"));
  const rows = readCsv(text);
  assert.deepEqual(rows.map((r) => `${r.regularization}/${r.n}`), [
    "none/2",
    "none/3",
    "l1/2",
    "l1/3",
    "l2/2",
    "l2/3",
    "l1+l2/2",
    "l1+l2/3",
  ]);
  assert.deepEqual(rows.map((r) => Number(r.coefficient)), [0, 0, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4]);
  for (const r of rows) {
    assert.ok(Math.abs(Number(r.error) - Number(r.error_paper_scale) * Number(r.n)) < 1e-12);
  }
  // A penalty changes training: the penalised errors are not all the unregularised one.
  assert.ok(rows.some((r) => r.regularization !== "none" && r.error !== rows[r.n === "2" ? 0 : 1].error));
  assert.match(await Deno.readTextFile(`${out}/table4.md`), /\| Regularization \| n = 2 \| n = 3 \|/);

  const other = await runTask("table4", out, [
    "--n",
    "2",
    "--samples",
    "300",
    "--epochs",
    "2",
    "--coefficient",
    "0.5",
    "--schemes",
    "l2",
  ]);
  assert.equal(other.code, 0, other.stderr);
  // A new coefficient is a new cell: trained, not taken from the store.
  assert.doesNotMatch(other.stderr, /already done/);
  assert.match(other.stderr, /done n=2 .*l2/);
  assert.equal(readCsv(await Deno.readTextFile(`${out}/table4.csv`))[0].coefficient, "0.5");
  await Deno.remove(out, { recursive: true });
});

Deno.test("fig4 tiny run writes both sweeps' CSVs and four log-x SVG panels, and resumes", async () => {
  const out = await Deno.makeTempDir();
  const args = [
    "--n",
    "2,3",
    "--samples",
    "300",
    "--epochs",
    "1",
    "--batches",
    "16,64",
    "--lrs",
    "1e-2,1e-3,1e-4",
    "--workers",
    "2",
  ];
  const run = await runTask("fig4", out, args);
  assert.equal(run.code, 0, run.stderr);
  const header =
    "variant,n,batch,learning_rate,error,error_paper_scale,epochs,best_epoch,train_seconds,seed,samples";
  const batch = await Deno.readTextFile(`${out}/fig4_batch.csv`),
    lr = await Deno.readTextFile(`${out}/fig4_lr.csv`);
  assert.equal(batch.split("\n")[0], header);
  assert.equal(lr.split("\n")[0], header);
  assert.equal(readCsv(batch).length, 2 * 2 * 2);
  assert.deepEqual(
    readCsv(lr).filter((r) => r.variant === "B" && r.n === "3").map((r) => Number(r.learning_rate)),
    [
      1e-2,
      1e-3,
      1e-4,
    ],
  );
  for (const panel of ["batch_A", "batch_B", "lr_A", "lr_B"]) {
    const variant = panel.slice(-1);
    const svg = await assertFigure(`${out}/fig4_${panel}.svg`, [
      `NN-${variant}, n = 2`,
      `NN-${variant}, n = 3`,
    ]);
    // Log x axis: tick positions are linear in log10 of their values (batch 16 to 64: ticks at 10, 20, 100).
    const at = (v: number) =>
      Number(svg.match(new RegExp(`class="tick x" data-value="${v}">.*?x1="([\\d.]+)"`))![1]);
    if (panel.startsWith("batch")) {
      assert.ok(Math.abs((at(20) - at(10)) / (at(100) - at(10)) - Math.log10(2)) < 0.01);
    }
  }
  // 8 batch points and 12 learning-rate points, 4 of them the same setting (batch 64, lr 1e-3).
  const again = await runTask("fig4", out, args);
  assert.match(again.stderr, /all 16 cells already done/);
  const bad = await runTask("fig4", out, ["--lrs", "0.1,-1"]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr.trim(),
    /^fig4: --lrs must be a comma-separated list of numbers in \[1e-12, 10\], got "0.1,-1"$/,
  );
  await Deno.remove(out, { recursive: true });
});

Deno.test("fig2 tiny run writes the two test errors and a figure of pairs, curves and ±√", async () => {
  const out = await Deno.makeTempDir();
  const run = await runTask("fig2", out, ["--samples", "300", "--epochs", "3", "--workers", "2"]);
  assert.equal(run.code, 0, run.stderr);
  const rows = readCsv(await Deno.readTextFile(`${out}/fig2.csv`));
  assert.deepEqual(rows.map((r) => [r.variant, r.symmetry_breaking]), [["A", "yes"], ["B", "no"]]);
  assert.ok(rows.every((r) => Number(r.error) >= 0 && r.samples === "300"));
  await assertFigure(`${out}/fig2.svg`, ["true inverse: ±√(x²)"]);
  const bad = await runTask("fig2", out, ["--samples", "5"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr.trim(), /^fig2: --samples must be an integer ≥ 100, got "5"$/);
  await Deno.remove(out, { recursive: true });
});

Deno.test({
  name: "every figure task's SVG renders in headless Chromium (skipped without chromium)",
  ignore: !HAS_CHROMIUM,
  fn: async () => {
    const out = await Deno.makeTempDir();
    const [f2, f4] = await Promise.all([
      runTask("fig2", out, ["--samples", "200", "--epochs", "1", "--workers", "1"]),
      runTask("fig4", out, [
        "--n",
        "2",
        "--samples",
        "200",
        "--epochs",
        "1",
        "--batches",
        "8,80",
        "--lrs",
        "1e-3,1e-2",
        "--variants",
        "B",
        "--workers",
        "1",
      ]),
    ]);
    assert.equal(f2.code, 0, f2.stderr);
    assert.equal(f4.code, 0, f4.stderr);
    for (const svg of ["fig2.svg", "fig4_batch_B.svg", "fig4_lr_B.svg"]) await assertRenders(`${out}/${svg}`);
    await Deno.remove(out, { recursive: true });
  },
});
