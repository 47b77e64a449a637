import assert from "node:assert/strict";
import { parseIdx, readIdx } from "../src/data/idx.ts";
import { loadImageDataset } from "../src/data/image_dataset.ts";

const FIXTURE = new URL("../fixtures/idx", import.meta.url).pathname;

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

Deno.test("readIdx reads the fixture's headers and values", async () => {
  const images = await readIdx(`${FIXTURE}/train-images-idx3-ubyte.gz`);
  assert.deepEqual(images.dims, [100, 28, 28]);
  assert.ok(images.data instanceof Uint8Array);
  assert.equal(images.data.length, 100 * 28 * 28);
  const labels = await readIdx(`${FIXTURE}/train-labels-idx1-ubyte.gz`);
  assert.deepEqual(labels.dims, [100]);
  // The generator labels image n with n mod 10.
  assert.deepEqual([...labels.data.subarray(0, 12)], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
});

Deno.test("parseIdx reads big-endian multi-byte types", () => {
  const bytes = new Uint8Array([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]);
  assert.deepEqual([...parseIdx(bytes, "x").data], [0x0102, -2]);
  const f = new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]);
  assert.deepEqual([...parseIdx(f, "x").data], [1.5]);
});

Deno.test("IDX errors name the file and say what is wrong", async (t) => {
  const dir = await Deno.makeTempDir();
  const gz = await Deno.readFile(`${FIXTURE}/train-images-idx3-ubyte.gz`);
  const raw = await gunzip(gz);
  await t.step("truncated gzip stream", async () => {
    const path = `${dir}/cut.gz`;
    await Deno.writeFile(path, gz.subarray(0, gz.length >> 1));
    await assert.rejects(readIdx(path), (e: Error) => {
      assert.ok(e instanceof SyntaxError);
      assert.match(e.message, /^Cannot read IDX file ".*cut\.gz": corrupt or truncated gzip data/);
      assert.equal(e.message.split("\n").length, 1);
      return true;
    });
  });
  await t.step("not gzip at all", async () => {
    const path = `${dir}/junk.gz`;
    await Deno.writeFile(path, new TextEncoder().encode("hello, this is not gzip"));
    await assert.rejects(readIdx(path), /junk\.gz": corrupt or truncated gzip data/);
  });
  await t.step("truncated body inside valid gzip", async () => {
    const path = `${dir}/short`;
    await Deno.writeFile(path, raw.subarray(0, raw.length - 5));
    await assert.rejects(
      readIdx(path),
      /"[^"]*short": dims \[100, 28, 28\] need 78416 bytes but the file has 78411, truncated/,
    );
  });
  await t.step("truncated header", () => {
    assert.throws(() => parseIdx(raw.subarray(0, 10), "h"), /"h": header of 16 bytes is truncated at 10/);
  });
  await t.step("bad magic number", () => {
    const bad = raw.slice();
    bad[0] = 0x1f;
    assert.throws(() => parseIdx(bad, "m"), /"m": bad magic number 1f 00 08 03, not an IDX file/);
  });
  await t.step("trailing bytes", () => {
    const long = new Uint8Array(raw.length + 1);
    long.set(raw);
    assert.throws(() => parseIdx(long, "l"), /"l": dims .* need 78416 bytes but the file has 78417$/);
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadImageDataset scales pixels, limits counts, and says how to install missing data", async () => {
  const data = await loadImageDataset(FIXTURE, { testLimit: 7 });
  assert.deepEqual([data.train.count, data.test.count, data.train.height, data.train.width], [
    100,
    7,
    28,
    28,
  ]);
  const raw = await readIdx(`${FIXTURE}/train-images-idx3-ubyte.gz`);
  assert.equal(data.train.images[500], raw.data[500] / 255);
  const top = data.train.images.reduce((a, b) => Math.max(a, b), 0);
  assert.ok(top > 0.7 && top <= 1, `brightest pixel ${top}`);
  const empty = await Deno.makeTempDir();
  await assert.rejects(loadImageDataset(empty), (e: Error) => {
    assert.ok(e instanceof Deno.errors.NotFound);
    assert.match(
      e.message,
      /^Cannot find "train-images-idx3-ubyte.gz" in ".*": install Fashion-MNIST with `apt install dataset-fashion-mnist`, or pass --data DIR$/,
    );
    return true;
  });
  // Uncompressed files (as some MNIST mirrors ship them) work too.
  for (
    const name of [
      "train-images-idx3-ubyte",
      "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte",
      "t10k-labels-idx1-ubyte",
    ]
  ) {
    await Deno.writeFile(`${empty}/${name}`, await gunzip(await Deno.readFile(`${FIXTURE}/${name}.gz`)));
  }
  const plain = await loadImageDataset(empty);
  assert.deepEqual(plain.test.labels, (await loadImageDataset(FIXTURE)).test.labels);
  await Deno.remove(empty, { recursive: true });
});

Deno.test("loadImageDataset rejects labels that do not match the images", async (t) => {
  const dir = await Deno.makeTempDir();
  for (
    const name of ["train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
  ) {
    await Deno.copyFile(`${FIXTURE}/${name}`, `${dir}/${name}`);
  }
  const labels = (count: number, value: number) =>
    new Uint8Array([0, 0, 8, 1, 0, 0, 0, count, ...new Array(count).fill(value)]);
  await t.step("fewer labels than images", async () => {
    await Deno.writeFile(`${dir}/train-labels-idx1-ubyte`, labels(99, 1));
    await assert.rejects(
      loadImageDataset(dir),
      /train-labels-idx1-ubyte": expected 100 unsigned-byte labels/,
    );
  });
  await t.step("a label above 9", async () => {
    await Deno.writeFile(`${dir}/train-labels-idx1-ubyte`, labels(100, 10));
    await assert.rejects(loadImageDataset(dir), /train-labels-idx1-ubyte": a label is above 9/);
  });
  await Deno.remove(dir, { recursive: true });
});
