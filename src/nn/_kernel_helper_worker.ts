/// <reference lib="deno.worker" />
// The second thread of KernelHelper (kernel_helper.ts): instantiates the
// posted shared-memory build of the training kernels on the posted memory,
// says it is ready through the control words, then takes its share of the
// chunks of each gemm the caller starts, until the sequence word turns
// negative. It blocks in Atomics.wait between calls and never returns to its
// event loop.
import type { TrainKernelExports } from "../wasm/train_kernels.ts";
import { ARG_BYTE, ARGS, DONE, FAILED, READY, runChunks, SEQ, STATE } from "./_kernel_helper_protocol.ts";

self.onmessage = (
  e: MessageEvent<{ module: WebAssembly.Module; memory: WebAssembly.Memory; control: SharedArrayBuffer }>,
) => {
  const { module, memory, control } = e.data;
  const ctl = new Int32Array(control, 0, ARG_BYTE / 4), args = new Float64Array(control, ARG_BYTE, ARGS);
  let k: TrainKernelExports;
  try {
    k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as TrainKernelExports;
  } catch {
    Atomics.store(ctl, STATE, FAILED);
    return;
  }
  Atomics.store(ctl, STATE, READY);
  let seen = 0;
  for (;;) {
    Atomics.wait(ctl, SEQ, seen);
    const seq = Atomics.load(ctl, SEQ);
    if (seq === seen) continue;
    if (seq < 0) return self.close();
    seen = seq;
    try {
      runChunks(k, ctl, args, args[16]);
    } catch {
      Atomics.store(ctl, STATE, FAILED);
    }
    Atomics.store(ctl, DONE, seq);
    Atomics.notify(ctl, DONE);
  }
};
