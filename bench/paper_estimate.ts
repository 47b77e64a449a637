/**
 * The hours of table1's paper preset on one GPU, from `bench/gpu_fill.ts`'s
 * JSON lines: every network cell (n = 5, 10, 15; 2e4, 5e4, 1e5, 1e6
 * samples; NN, WNN, DNN; variants A and B) takes ceil(0.72 · samples / 64)
 * steps per epoch, run at the best summed steps per second measured for its
 * model at n = 15 (an upper bound for n = 5 and 10). Early stopping ends
 * most cells before 100 epochs, so it prints hours per 10 epochs and at the
 * 100-epoch bound. K-NN runs on the CPU beside them and is not counted.
 *
 * The last "best" line of each model counts (gpu_fill prints one after every K).
 *
 * `deno run --allow-read=results bench/paper_estimate.ts results/h200/h200.jsonl`
 *
 * @module
 */
const path = Deno.args[0];
if (!path) throw new TypeError("Cannot estimate: give the path of gpu_fill's JSON lines");
const lines = (await Deno.readTextFile(path)).split("\n").filter((l) => l.startsWith("{"));
const best: Record<string, number> = {};
for (const line of lines) {
  const o = JSON.parse(line);
  const m = /^gpu_fill_(nn|wnn|dnn)_n15_b64_webgpu_best$/.exec(o.name ?? "");
  if (m && o.steps_per_second > 0) best[m[1]] = o.steps_per_second;
}
const stepsPerEpoch = [20000, 50000, 100000, 1000000].reduce((a, s) => a + Math.ceil(0.72 * s / 64), 0);
const cellsPerModel = 3 * 2; // n = 5, 10, 15; variants A, B
let secondsPer10 = 0;
const models: Record<string, unknown> = {};
for (const model of ["nn", "wnn", "dnn"]) {
  if (!best[model]) {
    console.log(
      JSON.stringify({ name: "paper_estimate_table1", error: `no gpu_fill best line for ${model}` }),
    );
    Deno.exit(0);
  }
  const seconds = 10 * stepsPerEpoch * cellsPerModel / best[model];
  secondsPer10 += seconds;
  models[model] = { steps_per_second: best[model], hours_per_10_epochs: +(seconds / 3600).toFixed(2) };
}
console.log(JSON.stringify({
  name: "paper_estimate_table1",
  models,
  hours_per_10_epochs: +(secondsPer10 / 3600).toFixed(2),
  hours_at_100_epochs: +(10 * secondsPer10 / 3600).toFixed(1),
}));
