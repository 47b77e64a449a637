import assert from "node:assert/strict";

const root = new URL("../", import.meta.url);
const readme = await Deno.readTextFile(new URL("README.md", root));
const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
const tasks: Record<string, { command: string }> = config.tasks;

Deno.test("every deno task the README names exists in deno.json", () => {
  const named = new Set([...readme.matchAll(/deno task ([a-z0-9:]+)/g)].map((m) => m[1]));
  const missing = [...named].filter((name) => !(name in tasks));
  assert.deepEqual(missing, []);
});

Deno.test("every deno task runs a file that exists, without blanket permissions", async () => {
  for (const [name, { command }] of Object.entries(tasks)) {
    assert.doesNotMatch(command, /(^|\s)(-A|--allow-all)(\s|$)/, `${name} grants all permissions`);
    const file = command.split(/\s+/).find((part) => /^(tasks|src)\/.*\.ts$/.test(part));
    if (name === "test") continue;
    assert.ok(file, `${name} runs no task file`);
    const info = await Deno.stat(new URL(file, root));
    assert.ok(info.isFile, `${name}: ${file} is not a file`);
  }
});
