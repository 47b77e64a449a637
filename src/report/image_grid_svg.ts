import { encode } from "./_fast_png.ts";
import { encodeBase64 } from "./_base64.ts";

/** One labelled row of a {@linkcode imageGridSvg}. */
export interface ImageGridRow {
  /** Text left of the row. */
  label: string;
  /** The row's images, `count × height × width`, row-major, values in [0, 1] (clipped). */
  images: ArrayLike<number>;
}

/** Options of {@linkcode imageGridSvg}. */
export interface ImageGridOptions {
  /** Title above the grid. */
  title: string;
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
  /** Screen pixels per image pixel; default 3. */
  scale?: number;
}

/**
 * Draws rows of grey-scale images as one SVG: the pixels are a PNG
 * (encoded by fast-png) embedded as a data URL and drawn unsmoothed, with a
 * label left of each row and a title above. Every row must hold the same
 * number of images; a gap of one image pixel separates neighbours.
 *
 * @param rows The rows, top to bottom.
 * @param options Title and image size.
 * @returns SVG text, starting with `<svg` and ending with a newline.
 * @throws {RangeError} If there are no rows, or a row's length is not the same whole number of images.
 *
 * @example Two rows of two 2×2 images
 * ```ts
 * import { imageGridSvg } from "./image_grid_svg.ts";
 * import assert from "node:assert/strict";
 *
 * const svg = imageGridSvg([
 *   { label: "original", images: [0, 1, 1, 0, 1, 1, 1, 1] },
 *   { label: "model <A>", images: [0, 0.9, 0.9, 0, 1, 0.8, 1, 1] },
 * ], { title: "Reconstructions", height: 2, width: 2 });
 * assert.match(svg, /data:image\/png;base64,/);
 * assert.match(svg, /model &lt;A&gt;/);
 * assert.throws(() => imageGridSvg([{ label: "x", images: [1, 2, 3] }], { title: "t", height: 2, width: 2 }));
 * ```
 */
export function imageGridSvg(rows: readonly ImageGridRow[], options: ImageGridOptions): string {
  const { title, height: h, width: w, scale = 3 } = options;
  const per = h * w, count = rows.length > 0 ? rows[0].images.length / per : 0;
  if (!(count >= 1 && Number.isInteger(count)) || rows.some((r) => r.images.length !== count * per)) {
    throw new RangeError(
      `Cannot draw image grid: every row must hold the same whole number of ${h}×${w} images`,
    );
  }
  const pw = count * (w + 1) - 1, ph = rows.length * (h + 1) - 1;
  const pixels = new Uint8Array(pw * ph).fill(255);
  rows.forEach((row, r) => {
    for (let n = 0; n < count; n++) {
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = Math.min(1, Math.max(0, row.images[n * per + y * w + x]));
          // Dark ink on white, as the paper's figures show Fashion-MNIST.
          pixels[(r * (h + 1) + y) * pw + n * (w + 1) + x] = Math.round(255 * (1 - v));
        }
      }
    }
  });
  const png = encodeBase64(encode({ width: pw, height: ph, data: pixels, channels: 1, depth: 8 }));
  const left = 8 + 7 * Math.max(...rows.map((r) => r.label.length)), top = 40;
  const width = left + pw * scale + 10, height = top + ph * scale + 10;
  const labels = rows.map((row, r) =>
    `<text x="${left - 8}" y="${top + (r * (h + 1) + h / 2) * scale + 4}" text-anchor="end">${
      escapeXml(row.label)
    }</text>`
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
    ...labels,
    `<image x="${left}" y="${top}" width="${pw * scale}" height="${ph * scale}" ` +
    `style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`,
    `</svg>`,
  ].join("\n") + "\n";
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
