import type { Field } from "./field.ts";
import { checkOptions, rowLength } from "./_check.ts";
import { fieldSymmetry } from "./_field_symmetry.ts";

/** The two scales of {@linkcode rectifiedError}. */
export interface RectifiedError {
  /** Mean over rows of min_g ‖g·x̂ − x‖² ÷ n: formula (4.1)/(4.2) as printed. */
  error: number;
  /** The same ÷ n², the scale of the paper's tables. */
  errorPaperScale: number;
}

/**
 * The test error rectified for the symmetry, the mean orbit distance of
 * `signFlip` or `globalPhase`: real rows use
 * min over s ∈ {±1} of ‖s·x̂ − x‖²; complex rows use min over θ of
 * ‖e^{iθ}x̂ − x‖², in closed form ‖x̂‖² + ‖x‖² − 2|⟨x̂, x⟩|. The mean over
 * rows is reported on two scales, ÷ n and ÷ n².
 *
 * @param pred Predictions, `count × d`.
 * @param truth True signals, same shape.
 * @param options The field and n.
 * @returns The error on both scales.
 * @throws {TypeError} If `options` is missing, `field` is unknown or an array is not a Float32Array.
 * @throws {RangeError} If the shapes do not match, there are no rows, or a value is not finite.
 *
 * @example A sign flip costs nothing
 * ```ts
 * import { rectifiedError } from "./rectified_error.ts";
 * import assert from "node:assert/strict";
 *
 * const x = new Float32Array([0.5, -0.25]);
 * const { error } = rectifiedError(new Float32Array([-0.5, 0.25]), x, { field: "real", n: 2 });
 * assert.equal(error, 0);
 * ```
 */
export function rectifiedError(
  pred: Float32Array,
  truth: Float32Array,
  options: { field: Field; n: number },
): RectifiedError {
  checkOptions("compute rectified error", options);
  const { field, n } = options;
  if (pred.length !== truth.length) {
    throw new RangeError(
      `Cannot compute rectified error: pred has ${pred.length} values but truth has ${truth.length}`,
    );
  }
  const d = rowLength("compute rectified error", truth.length, field, n);
  const rows = truth.length / d;
  if (rows === 0) throw new RangeError("Cannot compute rectified error: no rows");
  const distances = fieldSymmetry(field, n).orbitDistance(pred, truth);
  let sum = 0;
  for (let r = 0; r < rows; r++) sum += distances[r];
  const mean = sum / rows;
  return { error: mean / n, errorPaperScale: mean / (n * n) };
}
