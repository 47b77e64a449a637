import assert from "node:assert/strict";
import { learnProblem } from "../src/learn/learn_problem.ts";
import { importProblem } from "../src/learn/import_problem.ts";
import { checkSymmetry } from "../src/symmetry/check_symmetry.ts";
import { defineProblem } from "../src/symmetry/define_problem.ts";
import { reflection } from "../src/symmetry/reflection.ts";
import { gaussianPRProblem } from "../src/forward/gaussian_pr_problem.ts";
import powerSums from "../fixtures/problems/power_sums.ts";

const MODULE = new URL("../fixtures/problems/power_sums.ts", import.meta.url);
const SETTINGS = { samples: 3000, models: ["nn", "knn"] as const, seed: 2, epochs: 15 };
const error = (rows: { model: string; variant: string; error: number }[], m: string, v: string) =>
  rows.find((r) => r.model === m && r.variant === v)!.error;
const withoutTiming = <T extends { train_seconds: number }>(rows: T[]) =>
  rows.map(({ train_seconds: _, ...r }) => r);

Deno.test("learnProblem breaks the symmetry of a problem that is not phase retrieval: NN-A beats NN-B", async () => {
  assert.equal(checkSymmetry(powerSums).ok, true);
  const rows = await learnProblem(powerSums, { ...SETTINGS, models: [...SETTINGS.models] });
  assert.deepEqual(rows.map((r) => `${r.model}-${r.variant}`), ["nn-A", "nn-B", "knn-A"]);
  assert.ok(error(rows, "nn", "A") < error(rows, "nn", "B") / 5, JSON.stringify(rows));
  assert.ok(error(rows, "knn", "A") < error(rows, "nn", "B"));
  assert.ok(rows.every((r) => r.problem === "power-sums" && r.samples === 3000 && r.seed === 2));
});

Deno.test("learnProblem on Workers with an output folder gives the in-process rows, writes tables and resumes", async () => {
  const out = await Deno.makeTempDir();
  const quiet = { write: () => {} };
  const inProcess = await learnProblem(powerSums, { ...SETTINGS, models: ["knn", "nn"] });
  const pooled = await learnProblem(powerSums, {
    ...SETTINGS,
    models: ["knn", "nn"],
    workers: 2,
    out,
    module: MODULE,
    ...quiet,
  });
  assert.deepEqual(withoutTiming(pooled), withoutTiming(inProcess));
  const csv = (await Deno.readTextFile(`${out}/learn-power-sums.csv`)).trimEnd().split("\n");
  assert.equal(
    csv[0],
    "problem,samples,model,variant,error,epochs,train_seconds,seed,params,best_epoch,val_loss",
  );
  assert.equal(csv.length, 4);
  assert.match(
    await Deno.readTextFile(`${out}/learn-power-sums.md`),
    /\| NN \| 3000 \| [0-9.e-]+ \| [0-9.e-]+ \|/,
  );
  assert.ok("learn:power-sums" in JSON.parse(await Deno.readTextFile(`${out}/run.json`)));
  const lines: string[] = [];
  const again = await learnProblem(powerSums, {
    ...SETTINGS,
    models: ["knn", "nn"],
    workers: 2,
    out,
    module: MODULE,
    write: (s) => void lines.push(s),
  });
  assert.deepEqual(again, pooled);
  assert.match(lines.join(""), /all 3 cells already done/);
  await Deno.remove(out, { recursive: true });
});

Deno.test("learnProblem rejects bad options before any work", async (t) => {
  const base = { samples: 1000, models: ["nn"] as ("nn" | "knn")[], seed: 1 };
  await t.step("workers without a module", async () => {
    await assert.rejects(learnProblem(powerSums, { ...base, workers: 2 }), TypeError, "options.module");
  });
  await t.step("sizes and names", async () => {
    await assert.rejects(
      learnProblem(powerSums, { ...base, samples: 10 }),
      RangeError,
      "samples must be an integer ≥ 100",
    );
    await assert.rejects(
      learnProblem(powerSums, { ...base, models: ["cnn" as never] }),
      RangeError,
      'unknown model "cnn"',
    );
    await assert.rejects(
      learnProblem(powerSums, { ...base, seed: 0.5 }),
      TypeError,
      "seed must be a safe integer",
    );
  });
  await t.step("a module whose export is another problem", async () => {
    const other = defineProblem({ ...powerSums, name: "other" });
    await assert.rejects(
      learnProblem(other, { ...base, samples: 200, workers: 2, module: MODULE, write: () => {} }),
      /module's problem is "power-sums"/,
    );
  });
});

Deno.test("importProblem names a missing export and a bad declaration", async () => {
  assert.equal((await importProblem(MODULE)).name, "power-sums");
  await assert.rejects(importProblem(MODULE, "nope"), TypeError, 'has no export "nope"');
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/bad.ts`, 'export default { name: "bad", signalDim: 0 };\n');
  await assert.rejects(
    importProblem(new URL(`file://${dir}/bad.ts`)),
    RangeError,
    "signalDim must be a positive integer",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("checkSymmetry names the failed check when the declared group is not a symmetry", () => {
  const pr = gaussianPRProblem({ field: "real", n: 6, seed: 1 });
  assert.equal(checkSymmetry(pr).ok, true);
  const wrong = defineProblem({ ...pr, name: "wrong", symmetry: reflection([6]) });
  const report = checkSymmetry(wrong);
  assert.equal(report.ok, false);
  const failed = report.checks.filter((c) => !c.passed);
  assert.deepEqual(failed.map((c) => c.name), ["forward model is invariant"]);
  assert.ok(failed[0].worst > 1e-2);
});

Deno.test("defineProblem names the field of a bad declaration", () => {
  assert.equal(
    defineProblem(powerSums),
    powerSums,
    "a defined problem is returned as it is, not wrapped again",
  );
  const ok = { ...powerSums };
  assert.throws(() => defineProblem({ ...ok, name: "has space" }), TypeError, "name must be");
  assert.throws(
    () => defineProblem({ ...ok, measurementDim: -1 }),
    RangeError,
    "measurementDim must be a positive integer",
  );
  assert.throws(() => defineProblem({ ...ok, forward: 3 as never }), TypeError, "forward must be a function");
  assert.throws(
    () => defineProblem({ ...ok, symmetry: {} as never }),
    TypeError,
    "symmetry.name must be a string",
  );
  assert.throws(
    () => defineProblem({ ...ok, signalDim: 4 }),
    RangeError,
    "symmetry.dim is 3 but signalDim is 4",
  );
  const short = defineProblem({ ...ok, sample: (count) => new Float32Array(3 * count - 1) });
  assert.throws(() => short.sample(10, 1), RangeError, "returned 29 values, expected 10 × 3 = 30");
  const nan = defineProblem({ ...ok, forward: (x) => new Float32Array((x.length / 3) * 4).fill(NaN) });
  assert.throws(() => nan.forward(powerSums.sample(2, 1)), RangeError, "not a finite number");
});
