// A grid worker for the runner's own examples and tests: `square` returns
// x², reporting one "epoch" per unit of x; `fail` throws.
import { serveJobs } from "../serve_jobs.ts";

serveJobs({
  square: (p: { x: number }, progress) => {
    for (let e = 1; e <= Math.abs(p.x); e++) progress({ epoch: e, valLoss: 1 / e });
    return { x: p.x, square: p.x * p.x };
  },
  fail: (p: { message: string }) => {
    throw new RangeError(p.message);
  },
});
