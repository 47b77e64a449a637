import type { Field } from "./field.ts";
import type { Symmetry } from "./symmetry.ts";
import { globalPhase } from "./global_phase.ts";
import { signFlip } from "./sign_flip.ts";

/** The symmetry of phase retrieval over a field: the sign of real rows, the global phase of complex ones. */
export function fieldSymmetry(field: Field, n: number): Symmetry {
  return field === "real" ? signFlip(n) : globalPhase(n);
}
