// One cell of learnProblem as plain data, so that it can cross a Worker
// boundary: the worker imports the problem from its module and checks that
// it is the one the caller declared.
import type { InverseProblem } from "../symmetry/define_problem.ts";
import { deriveSeed } from "../random/seed.ts";
import { importProblem } from "./import_problem.ts";
import { cellSeeds, type CellSpec, learnCell } from "./learn_cell.ts";
import type { LearnRow } from "./learn_table.ts";

/** The parameters of one cell: `learnCell`'s settings, with the run seed and where the problem comes from. */
export interface LearnJob extends Omit<CellSpec, "seeds" | "probe" | "penalty"> {
  /** Where a worker imports the problem from, and which export. */
  module?: string;
  exportName: string;
  /** What the caller's problem looked like, checked against the imported one. */
  expect: { name: string; signalDim: number; measurementDim: number };
  /** The run seed; the cell's seeds derive from it ({@linkcode learnSeeds}). */
  seed: number;
}

/** The seeds of a cell: the dataset from the run seed, the problem and the size; weights and batches per learner. */
export function learnSeeds(job: Pick<LearnJob, "seed" | "samples" | "model">, name: string) {
  return cellSeeds(deriveSeed(job.seed, `dataset:${name}:samples=${job.samples}`), job.model);
}

/** Runs one cell on `problem`, or on the problem imported from `job.module` when none is given. */
export async function runLearnJob(
  job: LearnJob,
  progress: (info: { epoch: number; valLoss: number }) => void,
  given?: InverseProblem,
): Promise<LearnRow> {
  const problem = given ?? await importProblem(job.module!, job.exportName);
  const { name, signalDim, measurementDim } = job.expect;
  if (problem.name !== name || problem.signalDim !== signalDim || problem.measurementDim !== measurementDim) {
    throw new TypeError(
      `Cannot learn: the module's problem is "${problem.name}" (${problem.signalDim} → ${problem.measurementDim}), ` +
        `not "${name}" (${signalDim} → ${measurementDim})`,
    );
  }
  const { samples, model, variant, epochs, batch, learningRate, patience, k, backend } = job;
  const cell = await learnCell(
    problem,
    {
      samples,
      model,
      variant,
      seeds: learnSeeds(job, name),
      epochs,
      batch,
      learningRate,
      patience,
      k,
      backend,
    },
    (e) => progress({ epoch: e.epoch, valLoss: e.valLoss }),
  );
  return {
    problem: name,
    samples,
    model,
    variant,
    error: cell.meanOrbitDistance / signalDim,
    epochs: cell.epochs,
    train_seconds: Math.round(cell.seconds * 100) / 100,
    seed: job.seed,
    params: cell.params,
    best_epoch: cell.bestEpoch,
    val_loss: cell.valLoss,
  };
}
