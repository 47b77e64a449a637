/**
 * `deno task build:wasm`: compiles the AssemblyScript kernels in
 * `src/wasm/assembly/`: the K-NN and symmetry kernels twice, with relaxed
 * SIMD (`kernels_relaxed.wasm`, fused multiply-add) and with plain SIMD only
 * (`kernels_simd.wasm`), and the training step once, plain SIMD on an
 * imported non-shared memory (`train_simd.wasm`); it writes them beside the
 * sources. `--check` writes nothing and exits 1 when a
 * committed binary differs from what its source builds to (CI runs it). The
 * compiler is the pinned npm `assemblyscript`; the same source and compiler
 * give the same bytes.
 *
 * @module
 */
import asc from "assemblyscript/asc";
import { runMain } from "../src/cli/run_main.ts";
import { parseTaskFlags } from "../src/cli/parse_task_flags.ts";

const DIR = new URL("../src/wasm/", import.meta.url);
// deno-fmt-ignore
const COMMON = [
  "--optimizeLevel", "3", "--shrinkLevel", "0", "--noAssert", "--runtime", "stub",
  "--importMemory", "--sharedMemory", "--initialMemory", "1", "--maximumMemory", "65536",
];
// The K-NN and symmetry kernels own a shared memory; the training kernels
// work on tfjs's (not shared) heap and own no byte of it: no data, no abort.
// deno-fmt-ignore
const TARGETS = {
  "kernels_relaxed.wasm": ["src/wasm/assembly/index.ts", ...COMMON, "--enable", "simd,relaxed-simd,threads"],
  "kernels_simd.wasm": ["src/wasm/assembly/index.ts", ...COMMON, "--enable", "simd,threads", "--disable", "relaxed-simd"],
  "train_simd.wasm": [
    "src/wasm/assembly/train.ts", ...COMMON.filter((f) => f !== "--sharedMemory"), "--use", "abort=",
    "--enable", "simd", "--disable", "relaxed-simd",
  ],
  "train_simd_shared.wasm": [
    "src/wasm/assembly/train.ts", ...COMMON, "--use", "abort=", "--enable", "simd,threads", "--disable", "relaxed-simd",
  ],
};

const TASK = {
  task: "build:wasm",
  summary: `Compiles the AssemblyScript kernels in src/wasm/assembly/: K-NN and symmetry with relaxed SIMD
(kernels_relaxed.wasm) and with plain SIMD only (kernels_simd.wasm), the training step with plain
SIMD (train_simd.wasm), and writes them beside the sources.`,
  flags: {
    check: { kind: "boolean", help: "write nothing; exit 1 when a committed .wasm differs from its source" },
  },
} as const;

await runMain("build:wasm", async () => {
  const parsed = parseTaskFlags(Deno.args, TASK);
  if (!parsed) return;
  const { check } = parsed.flags;
  let stale = 0;
  for (const [name, features] of Object.entries(TARGETS)) {
    const bytes = await compile(features);
    const path = new URL(name, DIR);
    if (check) {
      const committed = await Deno.readFile(path).catch((e) => {
        if (e instanceof Deno.errors.NotFound) return new Uint8Array();
        throw e;
      });
      const same = committed.length === bytes.length && committed.every((b, i) => b === bytes[i]);
      console.log(`${name}: ${same ? "up to date" : "differs from its source: run deno task build:wasm"}`);
      if (!same) stale++;
    } else {
      // Atomically: a reader never sees half a module.
      const tmp = new URL(`${name}.tmp-${Deno.pid}`, DIR);
      await Deno.writeFile(tmp, bytes);
      await Deno.rename(tmp, path);
      console.log(`${name}: ${bytes.length} bytes`);
    }
  }
  if (stale > 0) Deno.exit(1);
});

/** Runs the AssemblyScript compiler and returns the binary it wrote. */
async function compile(features: string[]): Promise<Uint8Array> {
  let binary: Uint8Array | undefined;
  const stderr: string[] = [];
  const { error } = await asc.main(
    [...features, "--outFile", "out.wasm"],
    {
      writeFile(name: string, contents: Uint8Array | string) {
        if (name.endsWith("out.wasm")) binary = contents as Uint8Array;
      },
      stderr: { write: (s: string) => void stderr.push(s) },
    },
  );
  if (error || !binary) {
    throw new Error(`AssemblyScript failed: ${error?.message ?? "no output"}\n${stderr.join("")}`);
  }
  return binary;
}
