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

/** What a stored cell proves it is: the job's key and the parameters that produce its row. */
export interface CellId {
  /** The cell's key: letters, digits, `_`, `.`, `=` and `-` only. */
  key: string;
  /** The job's parameters (JSON-serialisable); a stored cell is reused only for equal ones. */
  params: unknown;
  /** What the key's hash covers, compared instead of `params` when given (paths left out, say). */
  identity?: unknown;
}

/**
 * Checks a stored row's shape before it is reused: returns why the row is not
 * one of the experiment's rows (e.g. `column "n" is missing`), or `undefined`
 * when it is. `sealed` says whether the file's checksum proved that the row is
 * the one the job returned (a `null` there is a real NaN, a diverged training,
 * say), or the file is of the older format without one.
 */
export type RowCheck = (row: unknown, sealed: boolean) => string | undefined;

/** Options of {@linkcode CellStore}. */
export interface CellStoreOptions {
  /** Receives one line (ending in a newline) per cell file set aside as corrupt; default standard error. */
  warn?: (line: string) => void;
}

/**
 * A cell file the store cannot read at all (a folder in its place, no
 * permission): the user must look, so the task stops with this one line
 * instead of recomputing or overwriting.
 *
 * @example
 * ```ts
 * import { CellUnreadableError } from "./cell_store.ts";
 * import assert from "node:assert/strict";
 *
 * const e = new CellUnreadableError('Cannot read cell file "x.json": Is a directory');
 * assert.equal(e.name, "CellUnreadableError");
 * ```
 */
export class CellUnreadableError extends Error {
  /**
   * Creates the error, named `"CellUnreadableError"`.
   *
   * @param message Which file, and why, in one line.
   */
  constructor(message: string) {
    super(message);
    this.name = "CellUnreadableError";
  }
}

// Marks a cell file written by this store (older ones hold the bare row).
const FORMAT = "symbreak-cell/1";

/**
 * Finished cells of an experiment, one JSON file each under `dir`, written
 * atomically the moment a cell finishes. A rerun with the same configuration
 * finds them and skips the work, so an interrupted run loses at most the
 * cells in progress.
 *
 * A cell file holds its key, the job's parameters, the row and a SHA-256
 * checksum of the row. On load the key, the parameters (deep-equal to the
 * job's), the checksum and the row's shape (a {@linkcode RowCheck}) must all
 * match; otherwise the file is renamed to `<key>.json.corrupt`, one warning
 * line names it, and the cell counts as not done. Files of the older format
 * (the bare row, no checksum) are reused when they pass the row check, and
 * rewritten in the new format. A file that cannot be read (a folder, no
 * permission) throws {@linkcode CellUnreadableError}.
 *
 * @example Store, read back, miss
 * ```ts
 * import { CellStore } from "./cell_store.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const store = new CellStore(dir);
 * const cell = { key: "a", params: { n: 5 } };
 * await store.put(cell, { error: 1 });
 * assert.deepEqual(await store.get(cell), { error: 1 });
 * assert.equal(await store.get({ key: "b", params: {} }), undefined);
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @example A cell file copied over another is set aside, with one warning
 * ```ts
 * import { CellStore } from "./cell_store.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const warnings: string[] = [];
 * const store = new CellStore(dir, { warn: (line) => void warnings.push(line) });
 * await store.put({ key: "n10", params: { n: 10 } }, { error: 1 });
 * await Deno.copyFile(`${dir}/n10.json`, `${dir}/n5.json`);
 * assert.equal(await store.get({ key: "n5", params: { n: 5 } }), undefined);
 * assert.match(warnings[0], /n5\.json\.corrupt.*its key is "n10", not "n5"/);
 * await Deno.stat(`${dir}/n5.json.corrupt`);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class CellStore {
  #warn: (line: string) => void;

  /**
   * Opens the store; nothing is read or created until the first call.
   *
   * @param dir The folder holding the cell files, created on the first `put`.
   * @param options Where warnings about corrupt cell files go.
   */
  constructor(readonly dir: string, options: CellStoreOptions = {}) {
    this.#warn = options.warn ?? ((s) => void Deno.stderr.writeSync(new TextEncoder().encode(s)));
  }

  /**
   * The stored row of `cell`, or `undefined` when it has not finished or its
   * file was set aside as corrupt (so that the cell is recomputed).
   *
   * @param cell The cell's key and its job's parameters.
   * @param check The row's shape check (`null` is never a row); default: any other value.
   * @returns The stored row, or `undefined`.
   * @throws {TypeError} If the key has characters other than letters, digits, `_`, `.`, `=` and `-`.
   * @throws {CellUnreadableError} If the cell file exists but cannot be read, or set aside.
   */
  async get<T>(cell: CellId, check: RowCheck = () => undefined): Promise<T | undefined> {
    const path = this.#path(cell.key);
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw new CellUnreadableError(`Cannot read cell file "${path}": ${message(e)}`);
    }
    let stored: unknown;
    try {
      stored = JSON.parse(text);
    } catch {
      return await this.#setAside(path, "not JSON");
    }
    const sealed = isObject(stored) && stored.format === FORMAT ? stored : undefined;
    const isCell = sealed !== undefined;
    const row = sealed ? sealed.row : stored;
    const reason = sealed ? await proofProblem(sealed, cell) : undefined;
    const problem = reason ?? rowProblem(row, isCell, check);
    if (problem) return await this.#setAside(path, problem);
    // An old-format cell that passes the row check: keep the work, and give it the proofs from now on.
    if (!isCell) await this.put(cell, row);
    return row as T;
  }

  /**
   * Stores the row of `cell` as `<dir>/<key>.json`, atomically, with its key,
   * parameters and checksum.
   *
   * @param cell The cell's key and its job's parameters.
   * @param row Any JSON-serialisable value.
   * @throws {TypeError} If the key has characters other than letters, digits, `_`, `.`, `=` and `-`.
   */
  async put(cell: CellId, row: unknown): Promise<void> {
    const path = this.#path(cell.key);
    const rowText = JSON.stringify(row);
    const file = {
      format: FORMAT,
      key: cell.key,
      params: cell.params,
      ...(cell.identity === undefined ? {} : { identity: cell.identity }),
      checksum: await sha256(rowText),
      row: JSON.parse(rowText),
    };
    await writeTextAtomic(path, JSON.stringify(file) + "\n");
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
   * await store.put({ key: "a", params: {} }, 1);
   * await store.clear();
   * assert.equal(await store.get({ key: "a", params: {} }), undefined);
   * await store.clear(); // already gone: no error
   * await Deno.remove(dir, { recursive: true });
   * ```
   */
  async clear(): Promise<void> {
    await Deno.remove(this.dir, { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
  }

  async #setAside(path: string, reason: string): Promise<undefined> {
    try {
      await Deno.rename(path, `${path}.corrupt`);
    } catch (e) {
      throw new CellUnreadableError(
        `Cannot set aside corrupt cell file "${path}" (${reason}): ${message(e)}`,
      );
    }
    this.#warn(`Set aside corrupt cell file "${path}.corrupt" (${reason}); recomputing the cell\n`);
    return undefined;
  }

  #path(key: string): string {
    if (!/^[\w.=-]+$/.test(key)) throw new TypeError(`Invalid cell key "${key}"`);
    return `${this.dir}/${key}.json`;
  }
}

async function proofProblem(stored: Record<string, unknown>, cell: CellId): Promise<string | undefined> {
  if (stored.key !== cell.key) return `its key is ${JSON.stringify(stored.key)}, not "${cell.key}"`;
  const [field, mine] = cell.identity === undefined ? ["params", cell.params] : ["identity", cell.identity];
  if (!jsonEqual(stored[field], JSON.parse(JSON.stringify(mine ?? null)))) {
    return "its parameters are not the job's";
  }
  if (!("row" in stored)) return "it has no row";
  if (stored.checksum !== await sha256(JSON.stringify(stored.row))) {
    return "its checksum does not match its row";
  }
  return undefined;
}

function rowProblem(row: unknown, sealed: boolean, check: RowCheck): string | undefined {
  try {
    return notNull(row) ?? check(row, sealed);
  } catch (e) {
    return `its row does not fit the experiment: ${message(e)}`;
  }
}

function notNull(row: unknown): string | undefined {
  return row === null || row === undefined ? "its row is null" : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Deep equality of parsed JSON values, key order aside.
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
      a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
