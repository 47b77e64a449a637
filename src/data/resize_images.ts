/**
 * Resizes grey-scale images by area averaging: each output pixel is the
 * mean of the input over its footprint, partial pixels weighted by their
 * overlap (so 28 × 28 → 16 × 16 keeps every pixel's mass, without aliasing).
 *
 * @param images `count × height × width` pixels, row-major.
 * @param from Input size `[height, width]`.
 * @param to Output size `[height, width]`.
 * @returns `count × to[0] × to[1]` pixels.
 * @throws {RangeError} If a size is not a positive integer or `images` does not hold whole images.
 *
 * @example Halving a 2 × 4 image
 * ```ts
 * import { resizeImages } from "./resize_images.ts";
 * import assert from "node:assert/strict";
 *
 * const out = resizeImages(Float32Array.of(1, 3, 0, 0, 1, 3, 4, 4), [2, 4], [1, 2]);
 * assert.deepEqual([...out], [2, 2]);
 * ```
 */
export function resizeImages(
  images: Float32Array,
  from: readonly [number, number],
  to: readonly [number, number],
): Float32Array {
  for (const v of [...from, ...to]) {
    if (!Number.isSafeInteger(v) || v < 1) {
      throw new RangeError(`Cannot resize images: sizes must be positive integers`);
    }
  }
  const [h, w] = from, [oh, ow] = to, per = h * w;
  if (images.length % per !== 0) {
    throw new RangeError(`Cannot resize images: ${images.length} values are not whole ${h}×${w} images`);
  }
  const rows = weights(h, oh), cols = weights(w, ow), count = images.length / per;
  const out = new Float32Array(count * oh * ow);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        let s = 0;
        for (const [y, wy] of rows[i]) {
          for (const [x, wx] of cols[j]) s += wy * wx * images[n * per + y * w + x];
        }
        out[(n * oh + i) * ow + j] = s;
      }
    }
  }
  return out;
}

// For each output index, the input indices it overlaps and their weights (summing to 1).
function weights(size: number, out: number): [number, number][][] {
  const scale = size / out;
  return Array.from({ length: out }, (_, i) => {
    const lo = i * scale, hi = (i + 1) * scale, list: [number, number][] = [];
    for (let k = Math.floor(lo); k < Math.min(size, Math.ceil(hi)); k++) {
      const overlap = Math.min(hi, k + 1) - Math.max(lo, k);
      if (overlap > 0) list.push([k, overlap / scale]);
    }
    return list;
  });
}
