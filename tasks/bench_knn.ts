/**
 * `deno task bench:knn`: GFLOP/s (2·refs·queries·dim / seconds) of exact
 * K-NN, K = 5, on the references and test queries of two phase-retrieval
 * cells: n = 15 with 1e5 samples (80,000 × 20,000 × 60) and n = 5 with 2e4
 * (16,000 × 4,000 × 20). For each: the TypeScript oracle (small cell only),
 * tfjs-wasm matMul + topk (one thread), the WebAssembly kernel without its
 * 8-bit screen (`kernel_plain`) and as `knnSearchWasm` runs it (`kernel`),
 * each on 1 thread and on all cores. Each method first runs once on a small
 * problem, so compilation is not timed; every timed run is one full call,
 * packing and Worker start included. `--json` prints one object per line
 * (`name`, `workload`, `workers`, `seconds`, `gflops`; the kernel's rows add
 * `data`, and `passed`, the share of (query, panel) rows its screen let
 * through to float32, and `screened`, the share of its calls screened);
 * `--quick` draws a hundredth of the samples. `--data` swaps the
 * phase-retrieval points for others of the same sizes (the kernels only):
 * `normal` (standard normal, as the peers), `uniform` ([0, 1)), `ties` (every
 * reference the same point: nothing can be pruned) or `far` (standard normal
 * + 1000 in every coordinate). `--paper-cell` instead times the kernel on the paper's largest
 * cell (n = 15, 1e6 samples: 800,000 references × 200,000 queries) with a
 * tenth of its queries, and adds `full_seconds`, ten times that. A benchmark,
 * not a test: nothing here fails on speed.
 *
 * @module
 */
import { gaussianPR } from "../src/forward/gaussian_pr.ts";
import { splitDataset } from "../src/data/split.ts";
import { knnSearch } from "../src/knn/knn_search.ts";
import { type KnnScreenStats, knnSearchWasm, type ScreenMode } from "../src/knn/knn_search_wasm.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { knnTfjs } from "../bench/knn_tfjs.ts";
import { initBackend } from "../src/nn/backend.ts";
import { runMain } from "../src/cli/run_main.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";

type Search = (
  reference: Float32Array,
  queries: Float32Array,
  dim: number,
  workers: number,
) => Promise<KnnScreenStats | void>;

const K = 5;
const kernel = (screen: ScreenMode): Search => async (r, q, dim, workers) => {
  let stats: KnnScreenStats | undefined;
  await knnSearchWasm({ reference: r, queries: q, dim, k: K, workers, screen, onStats: (s) => stats = s });
  return stats;
};
const METHODS: { name: string; search: Search; smallOnly?: boolean; threaded?: boolean; kernel?: boolean }[] =
  [
    {
      name: "typescript",
      smallOnly: true,
      search: (r, q, dim) => Promise.resolve(void knnSearch({ reference: r, queries: q, dim, k: K })),
    },
    { name: "tfjs_wasm", search: (r, q, dim) => Promise.resolve(knnTfjs(r, q, dim, K)).then(() => {}) },
    { name: "kernel_plain", threaded: true, kernel: true, search: kernel("off") },
    { name: "kernel", threaded: true, kernel: true, search: kernel("auto") },
  ]; // deno-fmt-ignore

const DATA = ["pr", "normal", "uniform", "ties", "far"] as const;

/** `count × dim` points of one of the `--data` kinds other than `pr`. */
function points(kind: (typeof DATA)[number], rng: Pcg32, count: number, dim: number): Float32Array {
  const out = new Float32Array(count * dim);
  const normal = () =>
    Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  for (let i = 0; i < out.length; i++) {
    out[i] = kind === "uniform"
      ? rng.nextFloat()
      : kind === "ties"
      ? 0.5
      : normal() + (kind === "far" ? 1000 : 0);
  }
  return out;
}

const TASK = {
  task: "bench:knn",
  summary: `GFLOP/s of exact K-NN (K = 5) on the references and test queries of two phase-retrieval cells
(n = 15 with 1e5 samples, n = 5 with 2e4): the TypeScript oracle (small cell only), tfjs-wasm,
and the wasm kernel without its 8-bit screen (kernel_plain) and with it (kernel), on 1 thread and
on all cores. A benchmark: nothing fails on speed.`,
  flags: {
    json: { kind: "boolean", help: "print one JSON object per line" },
    quick: { kind: "boolean", help: "draw a hundredth of the samples" },
    "paper-cell": {
      kind: "boolean",
      key: "paperCell",
      help: "time the kernel on the paper's largest cell (n = 15, 1e6 samples), a tenth of its queries",
    },
    data: {
      kind: "choice",
      choices: DATA,
      default: "pr",
      help: "points: pr (phase retrieval, default), normal, uniform, ties or far (the kernels only)",
    },
  },
} as const;

await runMain("bench:knn", async () => {
  const parsed = parseTaskFlags(Deno.args, TASK);
  if (!parsed) return;
  const { json, quick, paperCell, data: kind } = parsed.flags;
  await initBackend();
  const cores = navigator.hardwareConcurrency || 1;
  const cells = paperCell
    ? [{ n: 15, samples: 1_000_000, small: false, queryShare: 10 }]
    : [{ n: 15, samples: 100_000, small: false, queryShare: 1 }, {
      n: 5,
      samples: 20_000,
      small: true,
      queryShare: 1,
    }];
  // Warm-up: compile every method's code on a problem too small to matter.
  const warm = new Float32Array(512 * 8).map((_, i) => Math.sin(i));
  for (const m of METHODS) await m.search(warm, warm.subarray(0, 64 * 8), 8, m.threaded ? cores : 1);
  if (!json) console.log(`${"method".padEnd(12)} ${"workload".padEnd(20)} workers  seconds  GFLOP/s`);
  for (const cell of cells) {
    const data = gaussianPR({
      field: "real",
      n: cell.n,
      samples: quick ? cell.samples / 100 : cell.samples,
      seed: 1,
    });
    const { trainAll: prTrain, test: whole } = splitDataset(data.y, data.x, data.samples);
    const rows = Math.floor(whole.rows / cell.queryShare);
    const rng = new Pcg32(1);
    const trainAll = kind === "pr"
      ? prTrain
      : { rows: prTrain.rows, x: points(kind, rng, prTrain.rows, data.m) };
    const test = {
      rows,
      x: kind === "pr" ? whole.x.subarray(0, rows * data.m) : points(kind, rng, rows, data.m),
    };
    const workload = `${trainAll.rows}x${test.rows}x${data.m}`;
    for (const m of METHODS) {
      if ((m.smallOnly && !cell.small) || (paperCell && !m.kernel) || (kind !== "pr" && !m.kernel)) {
        continue;
      }
      for (const workers of m.threaded ? [...new Set([1, cores])] : [1]) {
        const t0 = performance.now();
        const stats = await m.search(trainAll.x, test.x, data.m, workers);
        const seconds = (performance.now() - t0) / 1000;
        const gflops = (2 * trainAll.rows * test.rows * data.m) / seconds / 1e9;
        const row = {
          name: m.name,
          workload,
          workers,
          seconds: +seconds.toFixed(3),
          gflops: +gflops.toFixed(2),
          ...(cell.queryShare > 1 && { full_seconds: +(seconds * cell.queryShare).toFixed(1) }),
          ...(m.kernel && { data: kind }),
          ...(stats && {
            passed: +(stats.rowsPassed / Math.max(1, stats.rowsScreened)).toFixed(4),
            screened: +(stats.screenedCalls / (stats.screenedCalls + stats.plainCalls)).toFixed(3),
          }),
        };
        if (json) console.log(JSON.stringify(row));
        else {
          console.log(
            `${m.name.padEnd(12)} ${workload.padEnd(20)} ${String(workers).padStart(7)} ${
              seconds.toFixed(3).padStart(8)
            } ${gflops.toFixed(1).padStart(8)}${
              cell.queryShare > 1 ? `  (all queries: ~${row.full_seconds} s)` : ""
            }${
              stats && stats.screenedCalls > 0
                ? `  (${kind}: ${
                  (100 * stats.screenedCalls / (stats.screenedCalls + stats.plainCalls)).toFixed(0)
                } % of calls screened, ${
                  (100 * stats.rowsPassed / Math.max(1, stats.rowsScreened)).toFixed(2)
                } % of rows passed)`
                : ""
            }`,
          );
        }
      }
    }
  }
});
