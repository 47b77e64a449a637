// Reads the module graph with `deno info --json` and checks that imports
// point one way (std's `_tools/check_circular_package_dependencies.ts`, plus
// the layer order below). Each failure names the offending edge.
import assert from "node:assert/strict";

/**
 * The src/ folders in layer order: a folder may import only folders earlier
 * in this list, or itself. A new folder takes its place here.
 */
const LAYERS = [
  "random",
  "linalg",
  "wasm",
  "symmetry",
  "forward",
  "data",
  "nn",
  "knn",
  "syre",
  "report",
  "runner",
  "learn",
  "cli",
];

const ROOT = new URL("../", import.meta.url);
const ROOT_HREF = ROOT.href;
const CODE = /\.(ts|js|mjs|tsx|jsx)$/;

async function list(dir: string, match: (name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(new URL(dir, ROOT))) {
    if (match(e.name) && (e.isFile || e.isDirectory)) out.push(`${dir}${e.name}`);
  }
  return out.sort();
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(new URL(path, ROOT))).isFile;
  } catch {
    return false;
  }
}

/** The entry points: every mod.ts, every task, and the worker modules (reached only by URL). */
async function entries(): Promise<string[]> {
  const folders = [...await list("src/", () => true), ...await list("experiments/", () => true)];
  const candidates = ["mod.ts"];
  for (const folder of folders) {
    candidates.push(`${folder}/mod.ts`);
    for (const file of await list(`${folder}/`, (n) => /(^|_)worker\.ts$/.test(n))) candidates.push(file);
  }
  candidates.push(...await list("tasks/", (n) => n.endsWith(".ts")));
  candidates.push(...await list("bench/", (n) => n.endsWith(".ts")));
  const out: string[] = [];
  for (const path of candidates) if (await isFile(path)) out.push(path);
  return out;
}

interface DenoInfo {
  modules: {
    specifier: string;
    dependencies?: { code?: { specifier?: string }; type?: { specifier?: string } }[];
  }[];
}

/** Import edges between the project's code files, as root-relative paths: from → set of to. */
async function moduleGraph(): Promise<Map<string, Set<string>>> {
  const graph = new Map<string, Set<string>>();
  for (const entry of await entries()) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, `deno info --json ${entry} failed: ${stderr}`);
    const info: DenoInfo = JSON.parse(new TextDecoder().decode(out.stdout));
    for (const m of info.modules) {
      if (!m.specifier.startsWith(ROOT_HREF) || m.specifier.includes("/node_modules/")) continue;
      const from = m.specifier.slice(ROOT_HREF.length);
      if (!CODE.test(from)) continue;
      const targets = graph.get(from) ?? new Set<string>();
      graph.set(from, targets);
      for (const dep of m.dependencies ?? []) {
        for (const to of [dep.code?.specifier, dep.type?.specifier]) {
          if (!to?.startsWith(ROOT_HREF) || to.includes("/node_modules/")) continue;
          const path = to.slice(ROOT_HREF.length);
          if (CODE.test(path)) targets.add(path);
        }
      }
    }
  }
  return graph;
}

/** `src/nn`, `experiments/syre`, `tasks`, … or `.` for a file at the root. */
function folderOf(path: string): string {
  const parts = path.split("/");
  if ((parts[0] === "src" || parts[0] === "experiments") && parts.length > 2) {
    return `${parts[0]}/${parts[1]}`;
  }
  return parts.length > 1 ? parts[0] : ".";
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** One cycle per strongly connected component with more than one node (or a self-loop), as a path. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  // Within a component, a breadth-first search from its smallest node back to itself gives one cycle.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0];
    const parent = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of [...graph.get(v) ?? []].sort()) {
        if (!members.has(w)) continue;
        if (w === start) {
          const back: string[] = [];
          for (let u = v; u !== start; u = parent.get(u)!) back.push(u);
          return [start, ...back.reverse(), start];
        }
        if (!parent.has(w) && w !== start) {
          parent.set(w, v);
          queue.push(w);
        }
      }
    }
    return [...component, component[0]];
  });
}

const graph = await moduleGraph();
const edges = [...graph].flatMap(([from, targets]) => [...targets].map((to) => [from, to] as const)).sort();

function fail(what: string, problems: string[]) {
  assert.equal(problems.length, 0, `${what}:\n  ${problems.join("\n  ")}`);
}

Deno.test("every src/ folder has a place in the layer list", async () => {
  const folders = (await list("src/", () => true)).map((f) => f.slice("src/".length));
  fail(
    "src/ folders missing from LAYERS in tests/layering_test.ts",
    folders.filter((f) => !LAYERS.includes(f)),
  );
});

Deno.test("no file imports itself back through a cycle", () => {
  fail("Import cycles between files", cycles(graph).map((c) => c.join(" → ")));
});

Deno.test("no folder imports itself back through a cycle", () => {
  const folders = new Map<string, Set<string>>();
  const example = new Map<string, string>();
  for (const [from, to] of edges) {
    const a = folderOf(from), b = folderOf(to);
    if (a === b) continue;
    if (!folders.has(a)) folders.set(a, new Set());
    folders.get(a)!.add(b);
    if (!example.has(`${a} ${b}`)) example.set(`${a} ${b}`, `${from} → ${to}`);
  }
  fail(
    "Import cycles between folders",
    cycles(folders).map((c) =>
      `${c.join(" → ")} (${c.slice(1).map((b, i) => example.get(`${c[i]} ${b}`)).join("; ")})`
    ),
  );
});

Deno.test("src/ folders import only earlier layers, never experiments/", () => {
  const problems: string[] = [];
  for (const [from, to] of edges) {
    const a = folderOf(from), b = folderOf(to);
    if (!a.startsWith("src/") || a === b) continue;
    const layer = LAYERS.indexOf(a.slice(4));
    if (!b.startsWith("src/")) {
      problems.push(`${from} → ${to}: src/ imports only src/ (${b} is outside the library)`);
    } else if (LAYERS.indexOf(b.slice(4)) > layer) {
      problems.push(
        `${from} → ${to}: ${a} may import only ${LAYERS.slice(0, layer).join(", ") || "itself"}`,
      );
    }
  }
  fail("Imports against the layer order", problems);
});

Deno.test("experiment folders do not import each other", () => {
  fail(
    "Imports between experiment folders",
    edges.filter(([from, to]) =>
      folderOf(from).startsWith("experiments/") && folderOf(to).startsWith("experiments/") &&
      folderOf(from) !== folderOf(to)
    ).map(([from, to]) => `${from} → ${to}`),
  );
});

Deno.test("no file imports another folder's _ file", () => {
  fail(
    "Imports of another folder's private (_) file",
    edges.filter(([from, to]) => baseName(to).startsWith("_") && folderOf(from) !== folderOf(to))
      .map(([from, to]) => `${from} → ${to}`),
  );
});
