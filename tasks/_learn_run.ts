// The run `deno task learn` starts, with read access to the problem's files:
// import the problem, check its symmetry, learn it through the runner.
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { runMain } from "../src/cli/run_main.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import { importProblem } from "../src/learn/import_problem.ts";
import { learnProblem } from "../src/learn/learn_problem.ts";
import { checkSymmetry } from "../src/symmetry/check_symmetry.ts";
import { selectBackend } from "../src/cli/select_backend.ts";
import { LEARN_TASK } from "./_learn_flags.ts";

await runMain("learn", async () => {
  const parsed = parseTaskFlags(Deno.args, LEARN_TASK);
  if (!parsed) return;
  const f = parsed.flags;
  const module = new URL(`file://${await Deno.realPath(f.problem!)}`);
  // A declaration that fails its checks (on import, or when its sample and forward first run) is the user's
  // mistake: one line, exit 2.
  const declared = <T>(f: () => T | Promise<T>) =>
    Promise.resolve().then(f).catch((e) => {
      throw e instanceof TypeError || e instanceof RangeError ? new UsageError(e.message) : e;
    });
  const problem = await declared(() => importProblem(module, f.exportName));
  const report = await declared(() => checkSymmetry(problem));
  if (!report.ok) {
    const failed = report.checks.filter((c) => !c.passed).map((c) =>
      `${c.name} (worst ${c.worst.toPrecision(2)})`
    );
    throw new UsageError(
      `"${problem.symmetry.name}" is not a symmetry of "${problem.name}": ${failed.join("; ")}`,
    );
  }
  console.error(
    `learn: ${problem.name} (${problem.signalDim} → ${problem.measurementDim}, ${problem.symmetry.name}), ` +
      `preset ${f.preset}: samples=${f.samples} models=${
        f.models.join(",")
      } epochs≤${f.epochs} batch=${f.batch} ` +
      `seed=${f.seed} workers=${f.workers} → ${f.out}/`,
  );
  // The flags carry every option learnProblem takes (preset and shards it records but ignores).
  const { backend } = await selectBackend("learn", f.backend);
  const { problem: _file, out, ...flags } = f;
  await learnProblem(problem, { ...flags, out, models: [...f.models], module, backend });
  if (f.shard) return; // a shard writes no tables
  console.error(
    `learn: wrote ${out}/learn-${problem.name}.csv, ${out}/learn-${problem.name}.md and ${out}/run.json`,
  );
});
