import assert from "node:assert/strict";
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { UsageError } from "../src/cli/usage_error.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const DROP = ["--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-all"];

// table1 as `deno task` runs it, but granted `<base>/results` instead of the project's results/; `setpriv`
// (when given) runs it without root's permission to write where the mode bits forbid.
async function table1(base: string, out: string, extra: string[] = [], setpriv = false) {
  const args = [
    "run",
    `--allow-read=${ROOT}/node_modules,${ROOT}/src,${ROOT}/experiments,${base}/results`,
    `--allow-write=${base}/results`,
    `${ROOT}/tasks/table1.ts`,
    ...["--n", "3", "--samples", "300", "--models", "knn", "--workers", "1", "--out", out, ...extra],
  ];
  const [cmd, argv] = setpriv ? ["setpriv", [...DROP, Deno.execPath(), ...args]] : [Deno.execPath(), args];
  const r = await new Deno.Command(cmd, { args: argv, cwd: base, stdout: "piped", stderr: "piped" }).output();
  return { code: r.code, stderr: new TextDecoder().decode(r.stderr) };
}

async function setprivWorks(): Promise<boolean> {
  try {
    const probe = await new Deno.Command("setpriv", { args: [...DROP, "true"], stderr: "null" }).output();
    return probe.success;
  } catch {
    return false;
  }
}

Deno.test("prepareOutputDir resolves links and refuses files, broken links and .. components", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir());
  await Deno.mkdir(`${base}/inner`);
  await Deno.symlink(`${base}/inner`, `${base}/link`);
  await Deno.symlink(`${base}/missing`, `${base}/broken`);
  await Deno.writeTextFile(`${base}/file`, "");
  assert.equal(await prepareOutputDir(`${base}/link/new`), `${base}/inner/new`);
  assert.ok((await Deno.stat(`${base}/inner/new`)).isDirectory);
  const refused: [string, RegExp][] = [
    [`${base}/file`, /it is a file, not a folder$/],
    [`${base}/broken/x`, /is a broken symbolic link$/],
    [`${base}/link/..`, /must not contain "\.\." components$/],
  ];
  for (const [dir, message] of refused) {
    await assert.rejects(
      () => prepareOutputDir(dir),
      (e) => e instanceof UsageError && message.test(e.message),
    );
  }
  await Deno.remove(base, { recursive: true });
});

Deno.test("table1 refuses --out through a symbolic link out of its permitted folder, writing nothing", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir());
  const elsewhere = await Deno.realPath(await Deno.makeTempDir());
  await Deno.mkdir(`${base}/results`);
  await Deno.symlink(elsewhere, `${base}/results/link`);
  for (const out of ["results/link", "results/link/sub"]) {
    const run = await table1(base, out);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(
      run.stderr.trim(),
      `table1: Cannot use output folder "${out}" (it resolves to "${elsewhere}${out.slice(12)}"): ` +
        `this task has no write permission there (it may use results/; see README, "Writing elsewhere")`,
    );
  }
  assert.deepEqual([...Deno.readDirSync(elsewhere)], []);
  // A link that stays inside results/ is fine.
  await Deno.mkdir(`${base}/results/real`);
  await Deno.symlink(`${base}/results/real`, `${base}/results/inside`);
  const inside = await table1(base, "results/inside");
  assert.equal(inside.code, 0, inside.stderr);
  await Deno.stat(`${base}/results/real/table1.csv`);
  await Deno.remove(base, { recursive: true });
  await Deno.remove(elsewhere, { recursive: true });
});

const SETPRIV = await setprivWorks();
if (!SETPRIV) {
  console.log("output_dir_test: read-only cases ignored: setpriv cannot drop CAP_DAC_OVERRIDE here");
}

Deno.test({
  name:
    "table1 refuses a read-only output folder or cell folder before any work, and names an unreadable cell",
  ignore: !SETPRIV,
}, async (t) => {
  const base = await Deno.realPath(await Deno.makeTempDir());
  const out = `${base}/results/t`;
  const first = await table1(base, "results/t");
  assert.equal(first.code, 0, first.stderr);
  const cells = `${out}/.cells/table1`;
  const cell = [...Deno.readDirSync(cells)][0].name;
  const csv = await Deno.readTextFile(`${out}/table1.csv`);
  const cases: [string, string, RegExp][] = [
    [out, "results/t", /^table1: Cannot use output folder "results\/t": ".*\/results\/t" is not writable: /],
    [`${out}/.cells`, "results/t/.cells", /"results\/t": ".*\/t\/\.cells" is not writable/],
    [cells, "results/t/.cells/table1", /"results\/t": ".*\/\.cells\/table1" is not writable/],
  ];
  for (const [dir, name, message] of cases) {
    await t.step(`read-only ${name}`, async () => {
      await Deno.chmod(dir, 0o555);
      const run = await table1(base, "results/t", ["--fresh"], true);
      await Deno.chmod(dir, 0o755);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
      assert.match(run.stderr.trim(), message);
      // Refused before --fresh could remove a cell.
      assert.ok([...Deno.readDirSync(cells)].some((e) => e.name === cell));
      assert.equal(await Deno.readTextFile(`${out}/table1.csv`), csv);
    });
  }
  await t.step("a cell file without read permission", async () => {
    await Deno.chmod(`${cells}/${cell}`, 0o000);
    const run = await table1(base, "results/t", [], true);
    await Deno.chmod(`${cells}/${cell}`, 0o644);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr.trim().split("\n").at(-1)!,
      /^table1: Cannot read cell file ".*": Permission denied/,
    );
  });
  await Deno.remove(base, { recursive: true });
});
