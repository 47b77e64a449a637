import assert from "node:assert/strict";

/** Asserts equal float32 bytes; on a difference it names the first, not a diff of thousands of values. */
export function assertSameBits(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  const g = new Uint32Array(got.slice().buffer), w = new Uint32Array(want.slice().buffer);
  let first = -1, count = 0;
  for (let i = 0; i < g.length; i++) if (g[i] !== w[i]) (count++, first < 0 && (first = i));
  assert.equal(
    count,
    0,
    `${what}: ${count} values differ, the first at ${first}: ${got[first]} against ${want[first]}`,
  );
}
