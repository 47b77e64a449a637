// Table 1 on a real one-node Slurm cluster, through deploy/slurm/table1.sbatch: a 4-task array whose
// merge (a dependent job) writes the same bytes as one process; and a shard killed mid-run, whose
// resubmitted array completes the grid. Skips, in one line, where Slurm cannot be had (not root, not
// Linux, packages not installable).
import assert from "node:assert/strict";
import { ensureSlurm, slurm, startSlurm } from "./_slurm.ts";
import { prTableJobs } from "../experiments/phase_retrieval/pr_table.ts";
import { shardCells } from "../src/runner/shard.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { prTableTask } from "../experiments/phase_retrieval/task_flags.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const SBATCH = `${ROOT}/deploy/slurm/table1.sbatch`;
// 12 cells of a few seconds in all: two n, NN and WNN in both variants, K-NN on both targets.
const GRID = [
  "--n",
  "2,3",
  "--samples",
  "1000",
  "--models",
  "nn,wnn,knn",
  "--knn-raw",
  "--epochs",
  "8",
  "--seed",
  "3",
];
const SHARDS = 4;

const started = performance.now();
const install = await ensureSlurm();
if (typeof install === "string") console.log(`slurm_test: skipped: ${install}`);

// deno for the jobs, which inherit the submitter's environment.
const PATH = `${Deno.execPath().replace(/\/[^/]*$/, "")}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`;
const dec = new TextDecoder();

async function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = await new Deno.Command(cmd, {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1", PATH, ...env },
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

const table1 = (out: string, ...extra: string[]) =>
  run(Deno.execPath(), ["task", "-q", "table1", ...GRID, ...extra, "--out", out]);

/** table1.csv with its timing column blanked (it differs between any two runs), and table1.md as is. */
async function tables(out: string): Promise<{ csv: string; md: string }> {
  const [header, ...lines] = (await Deno.readTextFile(`${out}/table1.csv`)).split("\n");
  const t = header.split(",").indexOf("train_seconds");
  const csv = [header, ...lines.map((l) => l.split(",").map((v, i) => i === t ? "" : v).join(","))].join(
    "\n",
  );
  return { csv, md: await Deno.readTextFile(`${out}/table1.md`) };
}

async function until(ok: () => Promise<boolean>, seconds: number, what: string): Promise<void> {
  const end = performance.now() + seconds * 1000;
  while (!(await ok())) {
    if (performance.now() > end) throw new Error(`Timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

Deno.test({
  name:
    "table1 as a Slurm job array: merged shards match one process; a killed shard's rerun completes the grid",
  ignore: typeof install === "string",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const c = await startSlurm();
    const base = `results/.slurm-test-${crypto.randomUUID().slice(0, 8)}`;
    const logs = `${c.dir}/logs`;
    await Deno.mkdir(logs);
    const timings: string[] = [
      `install ${(install as number).toFixed(1)} s`,
      `cluster up ${c.startSeconds.toFixed(1)} s`,
    ];
    try {
      // The reference: one process, no scheduler (run while the cluster works, on the same cores).
      const single = table1(`${base}/single`);

      await t.step("4-task array, then the dependent merge: the tables match one process", async () => {
        const t0 = performance.now();
        const out = `${base}/sharded`;
        const submit = await run("bash", [SBATCH, ...GRID, "--out", out], {
          ...c.env,
          SUBMIT_ARGS: `--array=0-${SHARDS - 1} --cpus-per-task=1 --output=${logs}/a_%A_%a.out`,
          MERGE_ARGS: `--wait --output=${logs}/merge.out`,
        });
        const merge = await Deno.readTextFile(`${logs}/merge.out`).catch(() => "");
        assert.equal(submit.code, 0, `submit/merge failed:\n${submit.out}${submit.err}\n${merge}`);
        const ref = await single;
        assert.equal(ref.code, 0, ref.err);
        const [sharded, one] = [await tables(out), await tables(`${base}/single`)];
        assert.equal(sharded.md, one.md);
        assert.equal(sharded.csv, one.csv);
        assert.equal(sharded.csv.trimEnd().split("\n").length, 13);
        // Each array task said where its shard came from; run.json has one record per shard.
        const arrayId = /submitted array job (\d+)/.exec(submit.out)![1];
        for (let i = 0; i < SHARDS; i++) {
          const log = await Deno.readTextFile(`${logs}/a_${arrayId}_${i}.out`);
          assert.match(
            log,
            new RegExp(`shard ${i}/4 \\(from SLURM_ARRAY_TASK_ID=${i} of SLURM_ARRAY_TASK_COUNT=4\\)`),
          );
        }
        const record = JSON.parse(await Deno.readTextFile(`${out}/run.json`)).table1;
        assert.deepEqual(record.shards.map((s: { shard: string }) => s.shard), ["0/4", "1/4", "2/4", "3/4"]);
        assert.deepEqual(record.cells, { total: 12, ran: 0, resumed: 12 });
        timings.push(`array + merge ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      });

      await t.step(
        "a shard killed mid-run: no tables, merge refuses, the resubmitted array completes",
        async () => {
          const t0 = performance.now();
          const out = `${base}/killed`;
          // The shard to kill: one with at least two cells, so that one is stored and the next is running.
          const config = {
            name: "table1",
            field: "real" as const,
            ...parseTaskFlags([...GRID, "--out", out], prTableTask("table1", "real"))!.flags,
            backend: "wasm" as const,
          };
          const costs = prTableJobs(config).map((j) => j.cost);
          const shares = [...Array(SHARDS).keys()].map((index) =>
            shardCells(costs, { index, count: SHARDS })
          );
          const victim = shares.findIndex((s) => s.length >= 2);
          assert.ok(victim >= 0);
          const sub = await slurm(c, "sbatch", [
            "--parsable",
            `--array=0-${SHARDS - 1}`,
            "--cpus-per-task=1",
            `--output=${logs}/k_%A_%a.out`,
            SBATCH,
            ...GRID,
            "--out",
            out,
          ], { PATH, NO_COLOR: "1" });
          assert.equal(sub.code, 0, sub.err);
          const id = sub.out.split(";")[0];
          const log = `${logs}/k_${id}_${victim}.out`;
          // Kill it once its first cell is done and its second has started.
          await until(
            async () => {
              const text = await Deno.readTextFile(log).catch(() => "");
              const done = text.indexOf("table1: done ");
              return done >= 0 && text.indexOf("table1: start ", done) >= 0;
            },
            40,
            `shard ${victim} to start its second cell`,
          );
          assert.equal((await slurm(c, "scancel", [`${id}_${victim}`])).code, 0);
          await until(
            async () => (await slurm(c, "squeue", ["-h", "-j", id])).out === "",
            40,
            "the array to end",
          );
          await assert.rejects(
            Deno.stat(`${out}/table1.csv`),
            Deno.errors.NotFound,
            "a shard wrote the table",
          );
          const refused = await table1(out, "--merge");
          assert.equal(refused.code, 2, refused.err);
          assert.match(refused.err, /Cannot merge "table1": \d+ of 12 cells are not stored/);
          // The rerun: the whole array again; complete shards exit at once, the killed one resumes.
          const again = await slurm(c, "sbatch", [
            "--wait",
            `--array=0-${SHARDS - 1}`,
            "--cpus-per-task=1",
            `--output=${logs}/r_%A_%a.out`,
            SBATCH,
            ...GRID,
            "--out",
            out,
          ], { PATH, NO_COLOR: "1" });
          assert.equal(again.code, 0, again.err);
          const rid = /(\d+)/.exec(again.out)![1];
          const rerun = await Deno.readTextFile(`${logs}/r_${rid}_${victim}.out`);
          assert.match(
            rerun,
            new RegExp(
              `shard ${victim}/4 [^\\n]*: ${shares[victim].length} of 12 cells, [1-9]\\d* already stored`,
            ),
          );
          for (let i = 0; i < SHARDS; i++) {
            if (i === victim) continue;
            assert.match(
              await Deno.readTextFile(`${logs}/r_${rid}_${i}.out`),
              /all already stored, nothing to do/,
            );
          }
          const merged = await table1(out, "--merge");
          assert.equal(merged.code, 0, merged.err);
          assert.deepEqual(await tables(out), await tables(`${base}/single`));
          timings.push(`kill + rerun + merge ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        },
      );
    } finally {
      await Deno.remove(`${ROOT}/${base}`, { recursive: true }).catch(() => {});
      await c.stop();
      console.log(
        `slurm_test: ${timings.join(", ")}; ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
      );
    }
  },
});
