import assert from "node:assert/strict";
import { readCsv, spawn } from "./_task.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");

// The processes whose parent is `pid` (`ps`: reading /proc needs --allow-all).
function childrenOf(pid: number): number[] {
  const { stdout } = new Deno.Command("ps", { args: ["-o", "pid=", "--ppid", String(pid)], stdout: "piped" })
    .outputSync();
  return new TextDecoder().decode(stdout).trim().split(/\s+/).filter((t) => t !== "").map(Number);
}

// Whether `pid` is a live process (a zombie waiting for a reaper is not).
function alive(pid: number): boolean {
  const { success, stdout } = new Deno.Command("ps", {
    args: ["-o", "stat=", "-p", String(pid)],
    stdout: "piped",
  })
    .outputSync();
  const state = new TextDecoder().decode(stdout).trim();
  return success && state !== "" && !state.startsWith("Z");
}

// Leaves no process of a failed test behind.
function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      if (alive(pid)) Deno.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

async function waitFor(what: string, ok: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

Deno.test({
  name:
    "kill -9 of `deno task table1` stops its `deno run` child within seconds; finished cells stay and a rerun resumes",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const name = `orphan-test-${crypto.randomUUID().slice(0, 8)}`;
    const out = `results/${name}`;
    // Two NN cells of several seconds each on one worker: the kill lands after the first is stored.
    const args = ["--n", "3", "--samples", "2000", "--models", "nn", "--epochs", "60", "--patience", "1000"];
    const common = [...args, "--workers", "1", "--seed", "5", "--out", out];
    let pids: number[] = [];
    try {
      const task = new Deno.Command(Deno.execPath(), {
        args: ["task", "-q", "table1", ...common],
        cwd: ROOT,
        env: { NO_COLOR: "1" },
        stdout: "null",
        stderr: "piped",
      }).spawn();
      const stderr = new Response(task.stderr).text();
      pids = [task.pid];
      let child = 0;
      await waitFor("the deno run child", () => (child = childrenOf(task.pid)[0] ?? 0) > 0, 30_000);
      pids.push(child);
      const cells = `${ROOT}/${out}/.cells/table1`;
      const stored = () => {
        try {
          return [...Deno.readDirSync(cells)].filter((e) => e.name.endsWith(".json")).map((e) => e.name);
        } catch {
          return [];
        }
      };
      await waitFor("the first stored cell", () => stored().length > 0, 120_000);
      const kept = stored();
      assert.equal(kept.length, 1, "the kill should land while the second cell runs");
      const before = await Deno.readTextFile(`${cells}/${kept[0]}`);

      task.kill("SIGKILL");
      await task.status;
      const killed = Date.now();
      await waitFor("the orphaned child to exit", () => !alive(child), 5_000);
      const seconds = (Date.now() - killed) / 1000;
      assert.ok(seconds < 5, `child lived ${seconds} s after its parent`);
      assert.match(await stderr, /start n=3 s=2e3 nn-B/);

      // The finished cell is untouched, nothing half-written is left, and a rerun resumes from it.
      assert.deepEqual(stored(), kept);
      assert.equal(await Deno.readTextFile(`${cells}/${kept[0]}`), before);
      assert.deepEqual([...Deno.readDirSync(cells)].map((e) => e.name), kept);
      const rerun = await spawn(["task", "-q", "table1", ...common]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stderr, /1 of 2 cells already done, resuming/);
      assert.equal(readCsv(await Deno.readTextFile(`${ROOT}/${out}/table1.csv`)).length, 2);
    } finally {
      killAll(pids);
      await Deno.remove(`${ROOT}/${out}`, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test({
  name: "a task whose shell parent is killed exits with status 129 and one line",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const out = await Deno.makeTempDir();
    // sh waits for deno (the `; :` keeps it from exec'ing deno), deno writes its status to a file.
    const script = `"$0" run --allow-read=${ROOT}/node_modules,${ROOT}/src,${ROOT}/experiments,${out} ` +
      `--allow-write=${out} ${ROOT}/tasks/table1.ts --n 3 --samples 2000 --models nn --epochs 500 ` +
      `--patience 1000 --workers 1 --out ${out} 2>${out}/stderr.txt; echo $? >${out}/never; :`;
    const sh = new Deno.Command("sh", {
      args: ["-c", script, Deno.execPath()],
      stdout: "null",
      stderr: "null",
    })
      .spawn();
    const pids = [sh.pid];
    try {
      let child = 0;
      await waitFor("the deno run child", () => (child = childrenOf(sh.pid)[0] ?? 0) > 0, 30_000);
      pids.push(child);
      await waitFor(
        "the first cell to start",
        () => {
          try {
            return /start n=3/.test(Deno.readTextFileSync(`${out}/stderr.txt`));
          } catch {
            return false;
          }
        },
        60_000,
      );
      sh.kill("SIGKILL");
      await sh.status;
      await waitFor("the orphaned child to exit", () => !alive(child), 5_000);
      const lines = (await Deno.readTextFile(`${out}/stderr.txt`)).trim().split("\n");
      assert.match(
        lines.at(-1)!,
        /^table1: parent process \d+ is gone \(now \d+\); stopping, finished cells are kept$/,
      );
      await assert.rejects(Deno.stat(`${out}/never`), Deno.errors.NotFound);
    } finally {
      killAll(pids);
      await Deno.remove(out, { recursive: true });
    }
  },
});
