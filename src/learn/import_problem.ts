import { defineProblem, type InverseProblem } from "../symmetry/define_problem.ts";

/**
 * Imports an inverse problem from a module: the export `exportName`
 * (default `"default"`) must be a problem declaration or a problem from
 * `defineProblem`; it is checked again here, so a worker that imports it
 * trusts nothing it did not check.
 *
 * @param module The module's URL (a `file:` URL for a local file).
 * @param exportName The export holding the problem.
 * @returns The checked problem.
 * @throws {TypeError} If the export is missing or is not a problem declaration.
 *
 * @example A problem module written to a temporary file
 * ```ts
 * import { importProblem } from "./import_problem.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const square = new URL("../forward/square.ts", import.meta.url).href;
 * await Deno.writeTextFile(`${dir}/p.ts`, `import { squareProblem } from "${square}";\nexport default squareProblem();\n`);
 * const problem = await importProblem(new URL(`file://${dir}/p.ts`));
 * assert.equal(problem.name, "square");
 * await assert.rejects(importProblem(new URL(`file://${dir}/p.ts`), "other"), /has no export "other"/);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function importProblem(module: URL | string, exportName = "default"): Promise<InverseProblem> {
  const href = module instanceof URL ? module.href : new URL(module).href;
  const mod = await import(href);
  if (!(exportName in mod)) {
    throw new TypeError(`Cannot load problem: module ${href} has no export "${exportName}"`);
  }
  try {
    return defineProblem(mod[exportName]);
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) {
      const Kind = e instanceof TypeError ? TypeError : RangeError;
      throw new Kind(`Cannot load problem from ${href} (export "${exportName}"): ${e.message}`);
    }
    throw e;
  }
}
