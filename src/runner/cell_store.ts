import { writeTextAtomic } from "../report/atomic_write.ts";
import { deriveSeed } from "../random/seed.ts";

/**
 * The hash part of a cell key: 8 hex digits of everything that affects a
 * cell's result (its parameters) and of the experiment's results version
 * (bumped when code changes results), so a stored cell is reused only for
 * the same computation. `undefined` fields drop out, as in JSON.
 *
 * @param version The experiment's results version.
 * @param identity The cell's parameters (JSON-serialisable).
 * @returns 8 lowercase hex digits.
 *
 * @example
 * ```ts
 * import { cellHash } from "./cell_store.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(cellHash(1, { n: 5 }), /^[0-9a-f]{8}$/);
 * assert.notEqual(cellHash(1, { n: 5 }), cellHash(2, { n: 5 }));
 * assert.equal(cellHash(1, { n: 5, data: undefined }), cellHash(1, { n: 5 }));
 * ```
 */
export function cellHash(version: number, identity: unknown): string {
  return deriveSeed(version, JSON.stringify(identity)).toString(16).padStart(8, "0");
}

/**
 * Finished cells of an experiment, one JSON file each under `dir`, written
 * atomically the moment a cell finishes. A rerun with the same configuration
 * finds them and skips the work, so an interrupted run loses at most the
 * cells in progress.
 *
 * @example Store, read back, miss
 * ```ts
 * import { CellStore } from "./cell_store.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const store = new CellStore(dir);
 * await store.put("a", { error: 1 });
 * assert.deepEqual(await store.get("a"), { error: 1 });
 * assert.equal(await store.get("b"), undefined);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class CellStore {
  /**
   * Opens the store; nothing is read or created until the first call.
   *
   * @param dir The folder holding the cell files, created on the first `put`.
   */
  constructor(readonly dir: string) {}

  /**
   * The stored result of `key`, or `undefined` when it has not finished (or
   * its file is corrupt, so that the cell is recomputed).
   *
   * @param key The cell's key: letters, digits, `_`, `.`, `=` and `-` only.
   * @returns The parsed JSON value, or `undefined`.
   * @throws {TypeError} If `key` has other characters.
   */
  async get<T>(key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await Deno.readTextFile(this.#path(key))) as T;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return undefined;
      // A corrupt cell file is recomputed rather than trusted.
      if (e instanceof SyntaxError) return undefined;
      throw e;
    }
  }

  /**
   * Stores the result of `key` as `<dir>/<key>.json`, atomically.
   *
   * @param key The cell's key: letters, digits, `_`, `.`, `=` and `-` only.
   * @param value Any JSON-serialisable value.
   * @throws {TypeError} If `key` has other characters.
   */
  async put(key: string, value: unknown): Promise<void> {
    await writeTextAtomic(this.#path(key), JSON.stringify(value) + "\n");
  }

  /**
   * Deletes every stored cell (the whole folder); a missing folder is fine.
   *
   * @example Nothing left after clearing
   * ```ts
   * import { CellStore } from "./cell_store.ts";
   * import assert from "node:assert/strict";
   *
   * const dir = await Deno.makeTempDir();
   * const store = new CellStore(`${dir}/cells`);
   * await store.put("a", 1);
   * await store.clear();
   * assert.equal(await store.get("a"), undefined);
   * await store.clear(); // already gone: no error
   * await Deno.remove(dir, { recursive: true });
   * ```
   */
  async clear(): Promise<void> {
    await Deno.remove(this.dir, { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
  }

  #path(key: string): string {
    if (!/^[\w.=-]+$/.test(key)) throw new TypeError(`Invalid cell key "${key}"`);
    return `${this.dir}/${key}.json`;
  }
}
