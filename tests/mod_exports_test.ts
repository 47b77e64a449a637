// Every public file of a library or experiment folder is re-exported by the
// folder's mod.ts (std's `_tools/check_mod_exports.ts`). Public: a .ts file
// whose name does not start with `_`, outside testdata/ and assembly/ (the
// AssemblyScript sources), and not a worker module, which is loaded by URL.
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);
const SKIP_DIRS = new Set(["testdata", "assembly"]);
const WORKER = /(^|_)worker\.ts$/;

async function folders(parent: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(new URL(parent, ROOT))) {
    if (e.isDirectory) out.push(`${parent}${e.name}`);
  }
  return out.sort();
}

/** The folder's public files, relative to it (`./x.ts`, `./sub/y.ts`). */
async function publicFiles(folder: string, sub = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(new URL(`${folder}/${sub}`, ROOT))) {
    if (e.name.startsWith("_") || e.name.startsWith(".")) continue;
    if (e.isDirectory && !SKIP_DIRS.has(e.name)) out.push(...await publicFiles(folder, `${sub}${e.name}/`));
    if (!e.isFile || !e.name.endsWith(".ts") || e.name.endsWith(".d.ts") || WORKER.test(e.name)) continue;
    if (sub === "" && e.name === "mod.ts") continue;
    out.push(`./${sub}${e.name}`);
  }
  return out.sort();
}

/** The relative specifiers mod.ts re-exports from (`export * from`, `export type { … } from`). */
function reexported(source: string): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s+from\s+"(\.\/[^"]+)"/gm)) {
    found.add(m[1]);
  }
  return found;
}

const FOLDERS = [...await folders("src/"), ...await folders("experiments/")];

Deno.test("every library and experiment folder's public file is in its mod.ts", async (t) => {
  for (const folder of FOLDERS) {
    await t.step(folder, async () => {
      let source: string;
      try {
        source = await Deno.readTextFile(new URL(`${folder}/mod.ts`, ROOT));
      } catch {
        assert.fail(`${folder} has no mod.ts`);
      }
      const exported = reexported(source);
      const missing = (await publicFiles(folder)).filter((f) => !exported.has(f));
      assert.deepEqual(
        missing,
        [],
        `${folder}/mod.ts does not re-export ${missing.join(", ")}: add \`export * from "${
          missing[0]
        }";\` (or prefix a private file's name with _)`,
      );
    });
  }
});
