import assert from "node:assert/strict";
import { readCsv } from "./_task.ts";
import { runImageTask } from "./_image_task.ts";

// Every timing column is `train_seconds`, so "same seed, same bytes but train_seconds" holds for each CSV.
const TASKS: [string, string[], string[]][] = [
  ["syre_collapse", [
    "--fractions",
    "0.5",
    "--train",
    "60",
    "--hidden",
    "8",
    "--steps",
    "10",
    "--batch",
    "10",
  ], [
    "collapse.csv",
    "collapse_summary.csv",
  ]],
  ["syre_fcn", [
    "--gammas",
    "0.01",
    "--alphas",
    "1",
    "--train",
    "60",
    "--test",
    "20",
    "--width",
    "8",
    "--steps",
    "10",
  ], [
    "fcn.csv",
  ]],
  ["syre_vae", [
    "--betas",
    "1",
    "--steps",
    "5",
    "--train",
    "60",
    "--test",
    "20",
    "--batch",
    "10",
    "--width",
    "8",
  ], [
    "vae.csv",
  ]],
];

Deno.test("syre image tasks give the same CSV bytes twice, train_seconds aside, and no other timing column", async (t) => {
  for (const [task, args, files] of TASKS) {
    await t.step(task, async () => {
      const dirs = [await Deno.makeTempDir(), await Deno.makeTempDir()];
      const runs = await Promise.all(
        dirs.map((d, i) => runImageTask(task, d, [...args, "--workers", `${i + 1}`])),
      );
      for (const r of runs) assert.equal(r.code, 0, r.stderr);
      for (const file of files) {
        const [a, b] = await Promise.all(dirs.map((d) => Deno.readTextFile(`${d}/${file}`)));
        const header = a.split("\n")[0].split(",");
        assert.ok(!header.includes("seconds"), `${file}: ${header}`);
        const strip = (text: string) => readCsv(text).map(({ train_seconds: _, ...rest }) => rest);
        assert.deepEqual(strip(a), strip(b), file);
        assert.ok(strip(a).length > 0);
      }
      for (const d of dirs) await Deno.remove(d, { recursive: true });
    });
  }
});
