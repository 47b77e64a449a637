import { UsageError } from "./usage_error.ts";

/**
 * The `--out` flag's folder without trailing slashes (`"results/"` and
 * `"results"` name the same files), keeping `"/"`.
 *
 * @param text The flag's value.
 * @returns The folder.
 *
 * @example
 * ```ts
 * import { outDirFlag } from "./output_dir.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(outDirFlag("results//"), "results");
 * assert.equal(outDirFlag("/"), "/");
 * ```
 */
export function outDirFlag(text: string): string {
  return text.replace(/\/+$/, "") || "/";
}

/**
 * Checks, before any work starts, that the task may read and write the
 * output folder and that it is a folder, then creates it. Permission is
 * asked for without prompting: a task granted `--allow-write=results` fails
 * here with a usage error for `--out /elsewhere`, not after an hour of work.
 *
 * @param dir The output folder.
 *
 * @example
 * ```ts ignore
 * await prepareOutputDir("results");
 * ```
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  for (const name of ["write", "read"] as const) {
    const { state } = await Deno.permissions.query({ name, path: dir });
    if (state !== "granted") {
      throw new UsageError(
        `Cannot use output folder "${dir}": this task has no ${name} permission there (it may use results/; see README, "Writing elsewhere")`,
      );
    }
  }
  try {
    await Deno.mkdir(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`Cannot use output folder "${dir}": ${e instanceof Error ? e.message : e}`);
  }
}
