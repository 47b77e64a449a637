// A grid worker for the runner's own examples and tests: `square` returns
// x², reporting one "epoch" per unit of x; `fail` throws; `idle` returns the
// pool's count of idle cores, after waiting (up to 5 s) until it is at least
// `atLeast`.
import { serveJobs } from "../serve_jobs.ts";

let idle: Int32Array | undefined;

serveJobs({
  square: (p: { x: number }, progress) => {
    for (let e = 1; e <= Math.abs(p.x); e++) progress({ epoch: e, valLoss: 1 / e });
    return { x: p.x, square: p.x * p.x };
  },
  fail: (p: { message: string }) => {
    throw new RangeError(p.message);
  },
  idle: (p: { atLeast: number }) => {
    if (!idle) throw new Error("No count of idle cores came before the job");
    const end = performance.now() + 5000;
    while (Atomics.load(idle, 0) < p.atLeast && performance.now() < end);
    return Atomics.load(idle, 0);
  },
}, { onCores: (counter) => idle = counter });
