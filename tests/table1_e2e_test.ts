import assert from "node:assert/strict";
import { readCsv, runTask } from "./_task.ts";

Deno.test("table1 end to end: symmetry breaking beats K-NN, which beats the symmetric network", async () => {
  const out = await Deno.makeTempDir();
  const n = 5;
  const run = await runTask("table1", out, ["--n", String(n), "--samples", "6000", "--models", "nn,knn"]);
  assert.equal(run.code, 0, run.stderr);

  const text = await Deno.readTextFile(`${out}/table1.csv`);
  assert.ok(text.startsWith("n,samples,model,variant,error,error_paper_scale,epochs,train_seconds,seed,"));
  const rows = readCsv(text);
  const err = (model: string, variant: string) =>
    Number(rows.find((r) => r.model === model && r.variant === variant)!.error_paper_scale);
  const nnA = err("nn", "A"), knn = err("knn", "A"), nnB = err("nn", "B");
  assert.ok(nnA < knn && knn < nnB, `NN-A ${nnA}, K-NN ${knn}, NN-B ${nnB}`);
  // Under the symmetry E[x | y] = 0: NN-B ends near the zero predictor.
  const zero = 1 / (n * (n + 2));
  assert.ok(Math.abs(nnB - zero) / zero < 0.15, `NN-B ${nnB} vs 1/(n(n+2)) = ${zero}`);
  for (const r of rows) {
    assert.ok(Math.abs(Number(r.error) - Number(r.error_paper_scale) * n) <= 1e-12 * Number(r.error));
  }

  const md = await Deno.readTextFile(`${out}/table1.md`);
  assert.match(
    md,
    /\| n \| Sample \| NN-A \| K-NN \| NN-B \| WNN-A \| K-NN \| WNN-B \| DNN-A \| K-NN \| DNN-B \|/,
  );
  assert.match(md, new RegExp(`\\| 5 \\| 6e3 \\| \\*\\*${nnA.toPrecision(3)}\\*\\*`));
  const runJson = JSON.parse(await Deno.readTextFile(`${out}/run.json`));
  assert.equal(runJson.table1.config.n[0], n);
  assert.equal(runJson.table1.versions["tfjs-core"], "4.22.0");
  await Deno.remove(out, { recursive: true });
});
