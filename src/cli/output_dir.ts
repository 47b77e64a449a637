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
 * Checks, before any work starts, that the task may write the output folder
 * and that it is a writable folder, then creates it. The folder's real path
 * is resolved first (every existing component, symbolic links followed), and
 * permission is asked for that path without prompting: a task granted
 * `--allow-write=results` fails here, with a usage error, for `--out
 * /elsewhere` and for `--out results/link` where `link` points out of
 * `results/`, not after an hour of work. It refuses, too, a file or broken
 * link in place of the folder, `..` components (Deno and the system read
 * them differently after a link), and a folder (or its `.cells/` and the
 * cell folders in it) where a probe file cannot be created and removed.
 *
 * @param dir The output folder.
 * @returns The folder's real path.
 * @throws {UsageError} For each of the cases above, in one line.
 *
 * @example A new folder is created; a file is refused
 * ```ts
 * import { prepareOutputDir } from "./output_dir.ts";
 * import assert from "node:assert/strict";
 *
 * const base = await Deno.realPath(await Deno.makeTempDir());
 * assert.equal(await prepareOutputDir(`${base}/out/a`), `${base}/out/a`);
 * assert.ok((await Deno.stat(`${base}/out/a`)).isDirectory);
 * await Deno.writeTextFile(`${base}/file`, "");
 * await assert.rejects(() => prepareOutputDir(`${base}/file`), /is a file, not a folder/);
 * await Deno.remove(base, { recursive: true });
 * ```
 */
export async function prepareOutputDir(dir: string): Promise<string> {
  // Deno checks `a/link/..` as `a`, the system follows the link first: refused rather than guessed.
  if (dir.split("/").includes("..")) {
    throw new UsageError(`Cannot use output folder "${dir}": it must not contain ".." components`);
  }
  await requirePermissions(dir, dir);
  const real = await resolveExisting(dir);
  if (real !== absolute(dir)) await requirePermissions(dir, real, ` (it resolves to "${real}")`);
  const stat = await Deno.stat(real).catch(() => undefined);
  if (stat && !stat.isDirectory) {
    throw new UsageError(`Cannot use output folder "${dir}": it is a file, not a folder`);
  }
  try {
    await Deno.mkdir(real, { recursive: true });
  } catch (e) {
    throw new UsageError(`Cannot use output folder "${dir}": ${message(e)}`);
  }
  await probe(dir, real);
  const cells = `${real}/.cells`;
  const entries = await listFolders(dir, cells);
  if (entries) {
    await probe(dir, cells);
    for (const name of entries) await probe(dir, `${cells}/${name}`);
  }
  return real;
}

async function requirePermissions(dir: string, path: string, detail = ""): Promise<void> {
  for (const name of ["write", "read"] as const) {
    const { state } = await Deno.permissions.query({ name, path });
    if (state !== "granted") {
      throw new UsageError(
        `Cannot use output folder "${dir}"${detail}: this task has no ${name} permission there (it may use results/; see README, "Writing elsewhere")`,
      );
    }
  }
}

// The real path of the longest existing prefix of `dir`, with the rest appended.
async function resolveExisting(dir: string): Promise<string> {
  const parts = absolute(dir).split("/").filter(Boolean);
  for (let i = parts.length; i >= 0; i--) {
    const prefix = "/" + parts.slice(0, i).join("/");
    try {
      const real = await Deno.realPath(prefix);
      return [real.replace(/\/$/, ""), ...parts.slice(i)].join("/") || "/";
    } catch (e) {
      // An ancestor the task may not read (the project folder above results/): Deno checks it as written.
      if (e instanceof Deno.errors.NotCapable) return absolute(dir);
      if (!(e instanceof Deno.errors.NotFound)) {
        throw new UsageError(`Cannot use output folder "${dir}": ${message(e)}`);
      }
      const link = await Deno.lstat(prefix).catch(() => undefined);
      if (link?.isSymlink) {
        throw new UsageError(`Cannot use output folder "${dir}": "${prefix}" is a broken symbolic link`);
      }
    }
  }
  return "/";
}

function absolute(dir: string): string {
  const path = dir.startsWith("/") ? dir : `${Deno.cwd()}/${dir}`;
  return "/" + path.split("/").filter((part) => part !== "" && part !== ".").join("/");
}

// Creates and removes a file in `path`: the only sure test that the task may write there.
async function probe(dir: string, path: string): Promise<void> {
  const file = `${path}/.write-probe-${Deno.pid}`;
  try {
    await Deno.writeTextFile(file, "", { createNew: true });
    await Deno.remove(file);
  } catch (e) {
    throw new UsageError(`Cannot use output folder "${dir}": "${path}" is not writable: ${message(e)}`);
  }
}

// The sub-folders of `path`, or undefined when it does not exist.
async function listFolders(dir: string, path: string): Promise<string[] | undefined> {
  try {
    const names: string[] = [];
    for await (const e of Deno.readDir(path)) if (e.isDirectory) names.push(e.name);
    return names;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw new UsageError(`Cannot use output folder "${dir}": cannot read "${path}": ${message(e)}`);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
