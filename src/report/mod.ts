/**
 * Writers for results: CSV, atomic text writes, SVG line and scatter plots,
 * image grids, and PNG rendering of SVG. They know no experiment's row types.
 *
 * @example A CSV with a quoted field
 * ```ts
 * import { toCsv } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(toCsv([{ a: 1, b: "x,y" }], ["a", "b"]), 'a,b\n1,"x,y"\n');
 * ```
 *
 * @module
 */
export * from "./atomic_write.ts";
export * from "./csv.ts";
export * from "./image_grid_svg.ts";
export * from "./svg_plot.ts";
export * from "./svg_to_png.ts";
