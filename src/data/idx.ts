/** An array read from an IDX file (the MNIST format): its dimensions and its values, row-major. */
export interface IdxArray {
  /** Sizes of the dimensions, outermost first, e.g. `[60000, 28, 28]`. */
  dims: number[];
  /** The values; unsigned bytes (type 0x08) stay a `Uint8Array`, other types become their typed array. */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/** IDX type codes: bytes per value and how to read one (IDX is big-endian). */
const TYPES: Record<number, { size: number; name: string }> = {
  0x08: { size: 1, name: "ubyte" },
  0x09: { size: 1, name: "byte" },
  0x0b: { size: 2, name: "short" },
  0x0c: { size: 4, name: "int" },
  0x0d: { size: 4, name: "float" },
  0x0e: { size: 8, name: "double" },
};

/**
 * Parses the bytes of an (uncompressed) IDX file: a magic number
 * `0x00 0x00 <type> <rank>`, `rank` big-endian 32-bit dimension sizes, then
 * exactly their product of values.
 *
 * @param bytes The file's bytes.
 * @param name The file's name, for error messages.
 * @returns The dimensions and values.
 * @throws {SyntaxError} If the magic number, type or length is wrong (the message names the file).
 *
 * @example A 2×3 array of unsigned bytes
 * ```ts
 * import { parseIdx } from "./idx.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
 * const { dims, data } = parseIdx(bytes, "demo");
 * assert.deepEqual(dims, [2, 3]);
 * assert.deepEqual([...data], [1, 2, 3, 4, 5, 6]);
 * assert.throws(() => parseIdx(bytes.subarray(0, 15), "demo"), /demo.*truncated/);
 * ```
 */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  const fail = (why: string) => new SyntaxError(`Cannot read IDX file "${name}": ${why}`);
  if (bytes.length < 4) throw fail(`only ${bytes.length} bytes, truncated`);
  if (bytes[0] !== 0 || bytes[1] !== 0 || !(bytes[2] in TYPES)) {
    const magic = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    throw fail(`bad magic number ${magic}, not an IDX file`);
  }
  const type = TYPES[bytes[2]], rank = bytes[3];
  const header = 4 + 4 * rank;
  if (rank === 0) throw fail("rank 0 in the magic number");
  if (bytes.length < header) throw fail(`header of ${header} bytes is truncated at ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = header + count * type.size;
  if (bytes.length < expected) {
    throw fail(
      `dims [${dims.join(", ")}] need ${expected} bytes but the file has ${bytes.length}, truncated`,
    );
  }
  if (bytes.length > expected) {
    throw fail(`dims [${dims.join(", ")}] need ${expected} bytes but the file has ${bytes.length}`);
  }
  const body = bytes.slice(header);
  if (type.size === 1) return { dims, data: type.name === "ubyte" ? body : new Int8Array(body.buffer) };
  const out = type.name === "short"
    ? new Int16Array(count)
    : type.name === "int"
    ? new Int32Array(count)
    : type.name === "float"
    ? new Float32Array(count)
    : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = header + i * type.size;
    out[i] = type.name === "short"
      ? view.getInt16(at)
      : type.name === "int"
      ? view.getInt32(at)
      : type.name === "float"
      ? view.getFloat32(at)
      : view.getFloat64(at);
  }
  return { dims, data: out };
}

/**
 * Reads an IDX file, gunzipping it first (with Deno's own
 * `DecompressionStream`) when its name ends in `.gz`.
 *
 * @param path The file.
 * @returns The dimensions and values.
 * @throws {SyntaxError} If the gzip stream or the IDX content is corrupt or truncated (the message names the file).
 * @throws {Deno.errors.NotFound} If the file does not exist.
 *
 * @example The project's fixture
 * ```ts
 * import { readIdx } from "./idx.ts";
 * import assert from "node:assert/strict";
 *
 * const labels = await readIdx(new URL("../../fixtures/idx/t10k-labels-idx1-ubyte.gz", import.meta.url).pathname);
 * assert.equal(labels.dims.length, 1);
 * assert.ok(labels.data.every((v) => v < 10));
 * ```
 */
export async function readIdx(path: string): Promise<IdxArray> {
  const raw = await Deno.readFile(path);
  if (!path.endsWith(".gz")) return parseIdx(raw, path);
  let bytes: Uint8Array;
  try {
    const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new SyntaxError(`Cannot read IDX file "${path}": corrupt or truncated gzip data (${why})`);
  }
  return parseIdx(bytes, path);
}
