// Budgets before work (issue 16, item 5): every size flag has a bound from a
// cell's memory, said in its error; --data is checked (folder, counts, sizes,
// --train/--test against what it holds) before any cell runs or the output
// folder is made.
import assert from "node:assert/strict";
import { FIG2_TASK, FIG4_TASK, prTableTask, TABLE4_TASK } from "../experiments/phase_retrieval/task_flags.ts";
import { COLLAPSE_TASK, CONTINUAL_TASK, FCN_TASK, VAE_TASK } from "../experiments/syre/task_flags.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import type { TaskSpec } from "../src/cli/flag_spec.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import { spawn } from "./_task.ts";
import { FIXTURE } from "./_image_task.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const MEMORY =
  /need about [\d.]+ [KMGT]iB per cell, mostly .+; a cell may use 4 GiB \(tfjs-wasm's 32-bit WebAssembly memory\)/;

function usageError(spec: TaskSpec, args: string[]): string {
  try {
    parseTaskFlags(args, spec);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`${spec.task} ${args.join(" ")} was accepted`);
}

Deno.test("phase-retrieval size flags past a cell's 4 GiB are usage errors naming the estimate", async (t) => {
  const cases: [TaskSpec, string[], RegExp][] = [
    [
      prTableTask("table1", "real") as TaskSpec,
      ["--n", "100000"],
      /^--n 100000 --samples 20000 --batch 64 \(nn\) need about 39.1 GiB per cell, mostly dataset \(samples × \(m \+ d\) × 4 B\) 37.3 GiB/,
    ],
    [
      prTableTask("table1", "real") as TaskSpec,
      ["--samples", "1e12"],
      /^--n 5 --samples 1000000000000 .*mostly dataset/,
    ],
    [
      prTableTask("table1", "real") as TaskSpec,
      ["--batch", "1e9"],
      /--batch 1000000000 \(nn\) .*mostly activations \(batch × layer widths × 8 B\)/,
    ],
    [
      prTableTask("table2", "complex") as TaskSpec,
      ["--n", "9000", "--samples", "20000"],
      /^--n 9000 --samples 20000 --batch 64 \(nn\)/,
    ],
    [prTableTask("table1", "real") as TaskSpec, [
      "--n",
      "5",
      "--samples",
      "20000",
      "--models",
      "dnn",
      "--batch",
      "300000",
    ], /\(dnn\) need .*mostly activations/],
    [TABLE4_TASK as TaskSpec, ["--n", "1e5"], /^--n 100000 --samples 20000 --batch 64 \(nn\)/],
    [
      FIG2_TASK as TaskSpec,
      ["--samples", "1e12"],
      /^--samples 1000000000000 --batch 32 need .*mostly pairs \(samples × 2 × 4 B\)/,
    ],
    [FIG4_TASK as TaskSpec, ["--batches", "10,1e9"], /--batches 1000000000 \(nn\) need/],
    [FIG4_TASK as TaskSpec, ["--samples", "1e12"], /--samples 1000000000000/],
  ];
  for (const [spec, args, message] of cases) {
    await t.step(`${spec.task} ${args.join(" ")}`, () => {
      const error = usageError(spec, args);
      assert.match(error, message);
      assert.match(error, MEMORY);
    });
  }
  await t.step("grids that fit pass, K-NN has no network", () => {
    assert.ok(
      parseTaskFlags(
        ["--n", "15", "--samples", "1e6", "--models", "nn,wnn,dnn,knn"],
        prTableTask("table2", "complex"),
      ),
    );
    assert.ok(
      parseTaskFlags(
        ["--n", "8000", "--samples", "20000", "--models", "knn"],
        prTableTask("table2", "complex"),
      ),
    );
    assert.ok(parseTaskFlags(["--preset", "paper"], FIG4_TASK));
  });
});

Deno.test("syre image size flags have bounds that say why", async (t) => {
  const cases: [TaskSpec, string[], RegExp][] = [
    [
      COLLAPSE_TASK as TaskSpec,
      ["--hidden", "1e9"],
      /^--hidden must be an integer in \[2, 100000\] \(784 × 1e5 weights × 16 B .*4 GiB\), got "1e9"$/,
    ],
    [
      COLLAPSE_TASK as TaskSpec,
      ["--train", "1e7"],
      /^--train must be an integer in \[10, 1000000\] \(a 28×28 image is 3 KiB as float32/,
    ],
    [
      COLLAPSE_TASK as TaskSpec,
      ["--batch", "1e9"],
      /^--batch must be an integer in \[1, 100000\] \(a batch of 1e5 28×28 images/,
    ],
    [
      FCN_TASK as TaskSpec,
      ["--width", "1e6"],
      /^--width must be an integer in \[2, 10000\] \(two 1e4 × 1e4 layers/,
    ],
    [FCN_TASK as TaskSpec, ["--test", "1e7"], /^--test must be an integer in \[1, 1000000\]/],
    [CONTINUAL_TASK as TaskSpec, ["--batch", "1e6"], /^--batch must be an integer in \[1, 100000\]/],
    [VAE_TASK as TaskSpec, ["--train", "2e6"], /^--train must be an integer in \[10, 1000000\]/],
    [VAE_TASK as TaskSpec, ["--width", "1e5"], /^--width must be an integer in \[1, 4096\]/],
  ];
  for (const [spec, args, message] of cases) {
    await t.step(`${spec.task} ${args.join(" ")}`, () => assert.match(usageError(spec, args), message));
  }
});

// One IDX file: magic (0, 0, unsigned byte, rank), the dims, the bytes.
function idx(dims: number[], fill = 0): Uint8Array {
  const size = dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(4 + 4 * dims.length + size);
  out.set([0, 0, 8, dims.length]);
  dims.forEach((d, i) => new DataView(out.buffer).setUint32(4 + 4 * i, d));
  out.fill(fill, 4 + 4 * dims.length);
  return out;
}

// A dataset folder of `train` and `test` images of the given sizes (uncompressed IDX).
async function writeDataset(dir: string, train: [number, number, number], test: [number, number, number]) {
  await Deno.mkdir(dir, { recursive: true });
  for (const [prefix, dims] of [["train", train], ["t10k", test]] as const) {
    await Deno.writeFile(`${dir}/${prefix}-images-idx3-ubyte`, idx(dims, 7));
    await Deno.writeFile(`${dir}/${prefix}-labels-idx1-ubyte`, idx([dims[0]], 1));
  }
}

Deno.test("--data is checked before any work: one line, exit 2, no output folder", async (t) => {
  const tmp = await Deno.makeTempDir();
  await writeDataset(`${tmp}/no-train`, [0, 28, 28], [40, 28, 28]);
  await writeDataset(`${tmp}/no-test`, [100, 28, 28], [0, 28, 28]);
  await writeDataset(`${tmp}/zero-width`, [100, 28, 0], [40, 28, 0]);
  await writeDataset(`${tmp}/mismatch`, [100, 28, 28], [40, 20, 20]);
  await Deno.writeTextFile(`${tmp}/a-file`, "not a folder");
  const cases: [string, string[], RegExp][] = [
    ["syre_collapse", ["--data", `${tmp}/a-file`], /--data ".*a-file" is a file, not a folder of IDX files$/],
    ["syre_fcn", ["--data", `${tmp}/a-file`], /is a file, not a folder/],
    [
      "syre_collapse",
      ["--data", `${tmp}/no-train`, "--train", "10"],
      /--data ".*no-train" has no training images$/,
    ],
    [
      "syre_collapse",
      ["--data", `${tmp}/no-test`, "--train", "10"],
      /--data ".*no-test" has no test images$/,
    ],
    ["syre_continual", ["--data", `${tmp}/no-test`, "--train", "10", "--test", "10"], /has no test images$/],
    [
      "syre_vae",
      ["--data", `${tmp}/zero-width`, "--train", "10", "--test", "10"],
      /has training images of 28×0 pixels$/,
    ],
    [
      "syre_fcn",
      ["--data", `${tmp}/mismatch`, "--train", "10", "--test", "10"],
      /has training images of 28×28 pixels but test images of 20×20$/,
    ],
    [
      "syre_collapse",
      ["--data", FIXTURE, "--train", "1000"],
      /--train 1000 is more than the 100 training images in ".*fixtures\/idx"$/,
    ],
    [
      "syre_fcn",
      ["--data", FIXTURE, "--train", "100", "--test", "41"],
      /--test 41 is more than the 40 test images/,
    ],
    [
      "syre_vae",
      ["--data", FIXTURE, "--train", "101", "--test", "40"],
      /--train 101 is more than the 100 training images/,
    ],
    [
      "syre_continual",
      ["--data", FIXTURE, "--train", "100", "--test", "400"],
      /--test 400 is more than the 40 test images/,
    ],
  ];
  for (const [task, args, message] of cases) {
    await t.step(`${task} ${args.join(" ").replaceAll(tmp, "TMP")}`, async () => {
      const out = `${tmp}/out`;
      const run = await spawn([
        "run",
        `--allow-read=${ROOT}/node_modules,${ROOT}/src,${ROOT}/experiments,${FIXTURE},${tmp}`,
        `--allow-write=${tmp}`,
        `${ROOT}/tasks/${task}.ts`,
        "--out",
        out,
        ...args,
      ]);
      assert.equal(run.code, 2, run.stderr);
      const lines = run.stderr.trim().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], new RegExp(`^${task.replace("_", ":")}: `));
      assert.match(lines[0], message);
      await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
    });
  }
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("table1 --n 100000 exits 2 with one line before making the output folder", async () => {
  const tmp = await Deno.makeTempDir();
  const out = `${tmp}/out`;
  const run = await spawn([
    "run",
    `--allow-read=${ROOT}/node_modules,${ROOT}/src,${ROOT}/experiments,${tmp}`,
    `--allow-write=${tmp}`,
    `${ROOT}/tasks/table1.ts`,
    "--out",
    out,
    "--n",
    "100000",
  ]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr.trim(),
    /^table1: --n 100000 --samples 20000 --batch 64 \(nn\) need about 39.1 GiB per cell/,
  );
  assert.equal(run.stderr.trim().split("\n").length, 1);
  await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
  await Deno.remove(tmp, { recursive: true });
});
