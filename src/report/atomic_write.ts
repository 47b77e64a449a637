/**
 * Writes a text file atomically: the text goes to a temporary file beside the
 * target, which is then renamed over it, so a reader (or an interrupted run)
 * sees the old file or the new one, never half of one. Missing parent
 * folders are created.
 *
 * @param path The file to write.
 * @param text Its new content.
 * @returns Resolves once the file has its new content.
 *
 * @example Into a folder that does not exist yet
 * ```ts
 * import { writeTextAtomic } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await writeTextAtomic(`${dir}/a/b.txt`, "hello");
 * assert.equal(await Deno.readTextFile(`${dir}/a/b.txt`), "hello");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const slash = path.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}-${counter++}`;
  try {
    await Deno.writeTextFile(tmp, text);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

let counter = 0;
