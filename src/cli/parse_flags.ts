import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { UsageError } from "./usage_error.ts";

/**
 * Parses a task's flags strictly with `node:util`'s `parseArgs` (no
 * positionals, no unknown flags) and turns its errors into a one-line
 * {@linkcode UsageError}, so every task reports bad flags the same way.
 *
 * @param args The command-line arguments.
 * @param options The flags, as `parseArgs` takes them.
 * @returns The parsed values.
 * @throws {UsageError} For an unknown flag, a missing value, a flag given twice or a stray argument.
 *
 * @example
 * ```ts
 * import { parseFlags } from "./parse_flags.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = { json: { type: "boolean", default: false } } as const;
 * assert.equal(parseFlags(["--json"], flags).json, true);
 * assert.throws(() => parseFlags(["--jsno"], flags), /^UsageError: Unknown flag '--jsno'$/);
 * const seed = { seed: { type: "string" } } as const;
 * assert.equal(parseFlags(["--seed=-1"], seed).seed, "-1");
 * assert.throws(() => parseFlags(["--seed", "-1"], seed), /^UsageError: --seed needs a value; write --seed=VALUE/);
 * assert.throws(() => parseFlags(["--seed=1", "--seed", "2"], seed), /^UsageError: --seed is given more than once$/);
 * ```
 */
export function parseFlags<T extends ParseArgsOptionsConfig>(
  args: string[],
  options: T,
): ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>["values"] {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    // node:util's messages add hints after the first sentence, some on new lines; keep one line, and
    // say how to pass a value that starts with a dash ("--seed -1" reads as a missing value).
    const first = (e as Error).message.split(/\.(?: |\n)/)[0].replace(/^Unknown option/, "Unknown flag");
    const dash = first.match(/^Option '(--[^']+)' argument is ambiguous$/);
    throw new UsageError(
      dash ? `${dash[1]} needs a value; write ${dash[1]}=VALUE for one starting with '-'` : first,
    );
  }
  // parseArgs keeps the last of repeated flags; `--n 5 --n 10` is more likely a slip than a wish.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    seen.add(token.name);
  }
  return parsed.values;
}
