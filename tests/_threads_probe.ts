// Run as its own process by wasm_threads_test.ts: starts the threaded backend
// and prints a network's gradients on fixed data as JSON.
import { releaseThreadedWasm, useThreadedWasm } from "../src/nn/wasm_threads.ts";
import { gradientsFixture } from "./_gradients_fixture.ts";

const threads = await useThreadedWasm(Number(Deno.args[0]));
const grads = gradientsFixture();
releaseThreadedWasm();
console.log(JSON.stringify({ threads, grads }));
