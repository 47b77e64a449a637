import assert from "node:assert/strict";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { SHARED_FLAGS } from "../src/cli/shared_flags.ts";
import { taskHelp } from "../src/cli/task_help.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import type { TaskSpec } from "../src/cli/flag_spec.ts";

const SPEC = {
  task: "demo",
  summary: "Runs a demo.",
  flags: {
    preset: { ...SHARED_FLAGS.preset, help: "default (fast)\nor paper (slow)" },
    train: SHARED_FLAGS.train,
    lr: { ...SHARED_FLAGS.lr, default: 0.5, help: "learning rate (default {default})" },
    sizes: { kind: "intList", min: 2, default: [2, 4], help: "sizes (default {default})" },
    "dry-run": { kind: "boolean", key: "dryRun", help: "do nothing" },
    data: SHARED_FLAGS.data,
    out: SHARED_FLAGS.out,
  },
  presets: { default: { trainImages: 100, width: 8 }, paper: { trainImages: 60000, width: 200 } },
} as const;

Deno.test("parseTaskFlags() takes a value from the flag, else the preset, else the default", async (t) => {
  await t.step("defaults and preset", () => {
    const r = parseTaskFlags([], SPEC)!;
    assert.deepEqual(r.flags, {
      preset: "default",
      trainImages: 100,
      learningRate: 0.5,
      sizes: [2, 4],
      dryRun: false,
      data: "/usr/share/datasets/fashion-mnist",
      out: "results",
    });
    assert.deepEqual(r.settings, { trainImages: 100, width: 8 });
  });
  await t.step("flags override the chosen preset", () => {
    const r = parseTaskFlags(["--preset", "paper", "--train=2e4", "--dry-run", "--out", "x//"], SPEC)!;
    assert.deepEqual(r.settings, { trainImages: 20000, width: 200 });
    assert.deepEqual(r.common, {
      preset: "paper",
      learningRate: 0.5,
      sizes: [2, 4],
      dryRun: true,
      data: "/usr/share/datasets/fashion-mnist",
      out: "x",
    });
  });
  await t.step("a default list is a copy", () => {
    const a = parseTaskFlags([], SPEC)!;
    a.flags.sizes.push(8);
    assert.deepEqual(parseTaskFlags([], SPEC)!.flags.sizes, [2, 4]);
  });
});

Deno.test("parseTaskFlags() rejects bad input with a one-line UsageError", () => {
  const bad: [string[], RegExp][] = [
    [["--preset", "huge"], /^--preset must be one of default, paper, got "huge"$/],
    [["--train", "5"], /^--train must be an integer ≥ 10, got "5"$/],
    [["--lr", "0"], /^--lr must be a positive number, got "0"$/],
    [["--sizes", "1,2"], /^--sizes must be a comma-separated list of integers ≥ 2, got "1,2"$/],
    [["--data", "/"], /^--data must name a folder$/],
    [["--bogus"], /^Unknown flag '--bogus'$/],
    [["stray"], /^Unexpected argument 'stray'$/],
    [["--train", "-1"], /^--train needs a value; write --train=VALUE for one starting with '-'$/],
  ];
  for (const [args, message] of bad) {
    assert.throws(
      () => parseTaskFlags(args, SPEC),
      (e) => e instanceof UsageError && message.test(e.message),
    );
  }
});

Deno.test("parseTaskFlags() prints the help for --help before checking any value", () => {
  const log = console.log;
  const printed: string[] = [];
  console.log = (s: string) => void printed.push(s);
  try {
    assert.equal(parseTaskFlags(["--preset", "huge", "--help"], SPEC), undefined);
  } finally {
    console.log = log;
  }
  assert.deepEqual(printed, [taskHelp(SPEC)]);
});

Deno.test("parseTaskFlags() runs the spec's check across flags", () => {
  const spec = {
    ...SPEC,
    check: ({ sizes, trainImages }: { sizes: number[]; trainImages: number }) => {
      if (Math.max(...sizes) > trainImages) throw new UsageError("--sizes is larger than --train");
    },
  };
  assert.throws(() => parseTaskFlags(["--sizes", "200"], spec), /--sizes is larger than --train/);
});

Deno.test("taskHelp() lines flags up at the column, with defaults and continuation lines", () => {
  assert.equal(
    taskHelp(SPEC),
    `Usage: deno task demo [flags]

Runs a demo.

  --preset NAME     default (fast)
                    or paper (slow)
  --train N         training images (the first N)
  --lr X            learning rate (default 0.5)
  --sizes LIST      sizes (default 2,4)
  --dry-run         do nothing
  --data DIR        MNIST-format dataset folder (default /usr/share/datasets/fashion-mnist;
                    elsewhere needs read permission, see README "syre on images")
  --out DIR         output folder (default results; the task may write only there)
  --help            print this text
`,
  );
  assert.match(taskHelp({ ...SPEC, column: 16 }), /^ {2}--train N {5}training/m);
});

Deno.test("parseTaskFlags rejects a flag given twice and numbers not written in decimal", async (t) => {
  const cases: [string[], RegExp][] = [
    [["--train", "5", "--train", "10"], /^--train is given more than once$/],
    [["--lr=0.1", "--lr", "0.2"], /^--lr is given more than once$/],
    [["--lr", "0x10"], /^--lr must be a positive number, got "0x10"$/],
    [["--lr", "Infinity"], /^--lr must be a positive number/],
    [["--train", "0x10"], /^--train must be an integer/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), () => {
      assert.throws(
        () => parseTaskFlags(args, SPEC),
        (e) => e instanceof UsageError && message.test(e.message),
      );
    });
  }
  assert.equal(parseTaskFlags(["--lr", "1e-3"], SPEC)?.flags.learningRate, 0.001);
});

Deno.test("every training task of the phase-retrieval paper takes --backend, wasm by default", async (t) => {
  const { prTableTask, FIG2_TASK, TABLE4_TASK, FIG4_TASK } = await import(
    "../experiments/phase_retrieval/task_flags.ts"
  );
  const specs = [
    prTableTask("table1", "real"),
    prTableTask("table2", "complex"),
    FIG2_TASK,
    TABLE4_TASK,
    FIG4_TASK,
  ]
    .map((spec) => spec as unknown as TaskSpec);
  for (const spec of specs) {
    await t.step(spec.task, () => {
      const backend = (args: string[]) =>
        (parseTaskFlags(args, spec)!.flags as unknown as { backend: string }).backend;
      assert.equal(backend([]), "wasm");
      assert.equal(backend(["--backend", "webgpu"]), "webgpu");
      assert.equal(backend(["--backend", "auto"]), "auto");
      assert.throws(() => parseTaskFlags(["--backend", "cuda"], spec), UsageError, "--backend");
    });
  }
});
