/**
 * `deno task table3`: Table 3 of the symmetry-breaking paper, the trainable
 * parameters of NN, WNN and DNN. Run with `--help` for the flags.
 *
 * @module
 */
import { prepareOutputDir } from "../src/cli/output_dir.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";
import { runMain } from "../src/cli/run_main.ts";
import { TABLE3_TASK } from "../experiments/phase_retrieval/task_flags.ts";
import { parameterMarkdown, parameterRows } from "../experiments/phase_retrieval/parameter_table.ts";
import { toCsv } from "../src/report/csv.ts";
import { writeTextAtomic } from "../src/report/atomic_write.ts";

await runMain("table3", async () => {
  const parsed = parseTaskFlags(Deno.args, TABLE3_TASK);
  if (!parsed) return;
  const { n, out } = parsed.flags;
  await prepareOutputDir(out);
  const rows = parameterRows(n);
  await writeTextAtomic(`${out}/table3.csv`, toCsv(rows, ["model", "field", "params"]));
  await writeTextAtomic(`${out}/table3.md`, parameterMarkdown(rows, n));
  console.error(`table3: wrote ${out}/table3.csv and ${out}/table3.md`);
});
