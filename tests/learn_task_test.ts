// `deno task learn` as a user runs it: the launcher with the task's own
// permissions, the child run with read access to the problem's files only.
import assert from "node:assert/strict";
import { spawn, type TaskRun } from "./_task.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const POWER_SUMS = `${ROOT}/fixtures/problems/power_sums.ts`;

function learn(out: string, args: string[]): Promise<TaskRun> {
  return spawn([
    "run",
    `--allow-read=${ROOT}/node_modules,${ROOT}/src,${out}`,
    `--allow-write=${out}`,
    "--allow-run=deno",
    "--allow-env=SLURM_ARRAY_TASK_ID,SLURM_ARRAY_TASK_COUNT,JOB_COMPLETION_INDEX",
    `${ROOT}/tasks/learn.ts`,
    "--out",
    out,
    ...args,
  ]);
}

Deno.test("deno task learn runs a problem module, writes its tables and resumes", async () => {
  const out = await Deno.makeTempDir();
  const args = [
    "--problem",
    POWER_SUMS,
    "--samples",
    "1000",
    "--models",
    "nn,knn",
    "--epochs",
    "3",
    "--workers",
    "2",
  ];
  const first = await learn(out, args);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /power-sums \(3 → 4, sign flip × cyclic shift \[3\] × reflection \[3\]\)/);
  const csv = (await Deno.readTextFile(`${out}/learn-power-sums.csv`)).trimEnd().split("\n");
  assert.equal(csv.length, 4);
  assert.match(await Deno.readTextFile(`${out}/learn-power-sums.md`), /\| K-NN \| 1000 \|/);
  const again = await learn(out, args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /all 3 cells already done/);
  await Deno.remove(out, { recursive: true });
});

Deno.test("deno task learn refuses bad input with one line and exit 2, before any work", async (t) => {
  const out = await Deno.makeTempDir();
  const dir = await Deno.makeTempDir();
  const cases: [string, string[], RegExp][] = [
    ["no --problem", [], /^learn: --problem PATH is required/],
    ["a missing file", ["--problem", `${dir}/nope.ts`], /^learn: Cannot load --problem .*Module not found/],
    ["not a module", ["--problem", `${dir}/data.csv`], /^learn: --problem must be a \.ts or \.js module/],
    ["a missing export", ["--problem", POWER_SUMS, "--export", "other"], /^learn: .*has no export "other"/],
    ["a bad size", ["--problem", POWER_SUMS, "--samples", "5"], /^learn: --samples must be an integer ≥ 100/],
  ];
  await Deno.writeTextFile(
    `${dir}/wrong.ts`,
    `import p from "${POWER_SUMS}";\nimport { signFlip } from "${ROOT}/src/symmetry/sign_flip.ts";\n` +
      `import { defineProblem } from "${ROOT}/src/symmetry/define_problem.ts";\n` +
      `export default defineProblem({ ...p, name: "wrong", forward: (x) => Float32Array.from({ length: (x.length / 3) * 4 }, (_, i) => x[Math.floor(i / 4) * 3 + (i % 4) % 3]), symmetry: signFlip(3) });\n`,
  );
  cases.push([
    "a symmetry the forward model does not have",
    ["--problem", `${dir}/wrong.ts`],
    /is not a symmetry of "wrong": forward model is invariant/,
  ]);
  for (const [name, args, message] of cases) {
    await t.step(name, async () => {
      const r = await learn(out, args);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr.trim(), message);
    });
  }
  assert.deepEqual([...Deno.readDirSync(out)], []);
  await Deno.remove(out, { recursive: true });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task learn gives the problem's module read access to its own files only", async () => {
  const out = await Deno.makeTempDir();
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/secret.txt`, "not yours");
  await Deno.writeTextFile(
    `${dir}/nosy.ts`,
    `await Deno.readTextFile("${dir}/secret.txt");\nexport { default } from "${POWER_SUMS}";\n`,
  );
  const r = await learn(out, ["--problem", `${dir}/nosy.ts`, "--samples", "200", "--models", "knn"]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /Requires read access to "[^"]*secret\.txt"/);
  await Deno.remove(out, { recursive: true });
  await Deno.remove(dir, { recursive: true });
});
