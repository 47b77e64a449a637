/**
 * `deno task table3`: Table 3 of the symmetry-breaking paper, the trainable
 * parameters of NN, WNN and DNN. Run with `--help` for the flags.
 *
 * @module
 */
import { parseFlags } from "../src/cli/parse_flags.ts";
import { parseInteger } from "../src/cli/flags.ts";
import { outDirFlag, prepareOutputDir } from "../src/cli/output_dir.ts";
import { runMain } from "../src/cli/run_main.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import { parameterMarkdown, parameterRows } from "../experiments/phase_retrieval/parameter_table.ts";
import { toCsv } from "../src/report/csv.ts";
import { writeTextAtomic } from "../src/report/atomic_write.ts";

const HELP = `Usage: deno task table3 [flags]

Counts the trainable parameters of NN, WNN and DNN, real and complex, and writes
table3.csv (model,field,params) and table3.md. Instant: nothing to resume.

  --preset NAME   default or paper (both n = 15, the paper's table)
  --n N           signal dimension (default 15)
  --out DIR       output folder (default results; the task may write only there)
  --help          print this text
`;

await runMain("table3", async () => {
  const values = parseFlags(Deno.args, {
    preset: { type: "string", default: "default" },
    n: { type: "string", default: "15" },
    out: { type: "string", default: "results" },
    help: { type: "boolean", default: false },
  });
  if (values.help) return void console.log(HELP);
  if (!["default", "paper"].includes(values.preset)) {
    throw new UsageError(`--preset must be one of default, paper, got "${values.preset}"`);
  }
  const n = parseInteger("n", values.n, 1, 10_000);
  const out = outDirFlag(values.out);
  await prepareOutputDir(out);
  const rows = parameterRows(n);
  await writeTextAtomic(`${out}/table3.csv`, toCsv(rows, ["model", "field", "params"]));
  await writeTextAtomic(`${out}/table3.md`, parameterMarkdown(rows, n));
  console.error(`table3: wrote ${out}/table3.csv and ${out}/table3.md`);
});
