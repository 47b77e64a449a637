import assert from "node:assert/strict";
import { readCsv, runTask } from "./_task.ts";

/** Σ (in·out + out) over consecutive layer widths, written out independently of the library. */
function byHand(widths: number[]): number {
  let total = 0;
  for (let i = 1; i < widths.length; i++) total += widths[i - 1] * widths[i] + widths[i];
  return total;
}

Deno.test("table3 writes the exact parameter counts of NN, WNN and DNN for n = 15", async () => {
  const out = await Deno.makeTempDir();
  const run = await runTask("table3", out, []);
  assert.equal(run.code, 0, run.stderr);
  const text = await Deno.readTextFile(`${out}/table3.csv`);
  assert.equal(text.split("\n")[0], "model,field,params");
  const got = Object.fromEntries(readCsv(text).map((r) => [`${r.model}/${r.field}`, Number(r.params)]));
  // m = 4n = 60 inputs; n = 15 real or 2n = 30 (real and imaginary parts) outputs.
  const expected = {
    "nn/real": byHand([60, 256, 128, 64, 15]),
    "nn/complex": byHand([60, 256, 128, 64, 30]),
    "wnn/real": byHand([60, 512, 256, 128, 15]),
    "wnn/complex": byHand([60, 512, 256, 128, 30]),
    "dnn/real": byHand([60, 2048, 1024, 512, 256, 128, 15]),
    "dnn/complex": byHand([60, 2048, 1024, 512, 256, 128, 30]),
  };
  assert.deepEqual(got, expected);
  // The paper's Table 3, as printed.
  assert.deepEqual(Object.values(expected), [57743, 58718, 197391, 199326, 2914063, 2915998]);
  const md = await Deno.readTextFile(`${out}/table3.md`);
  assert.match(md, /\| Deep Neural Network \| 2,914,063 \| 2,915,998 \|/);
  await Deno.remove(out, { recursive: true });
});

Deno.test("table3 rejects bad input with one line and exit status 2", async () => {
  const out = await Deno.makeTempDir();
  for (const [args, message] of [[["--n", "0"], /--n must be/], [["--x"], /Unknown flag/]] as const) {
    const run = await runTask("table3", out, [...args]);
    assert.equal(run.code, 2);
    assert.match(run.stderr.trim(), /^table3: [^\n]*$/);
    assert.match(run.stderr, message);
  }
  await Deno.remove(out, { recursive: true });
});
