// Helpers for tests of figure tasks: SVG well-formedness and a real-browser render.
import assert from "node:assert/strict";
import { XMLValidator } from "fast-xml-parser";
import { decode } from "fast-png";
import { svgToPng } from "../src/report/svg_to_png.ts";

/** Whether Debian's `chromium` is on PATH; tests that render skip cleanly without it. */
export const HAS_CHROMIUM =
  new Deno.Command("sh", { args: ["-c", "command -v chromium"], stdout: "null" }).outputSync().success;

/** Asserts that an SVG file is well-formed XML with a title, labelled axes and a legend entry per label. */
export async function assertFigure(path: string, legend: string[]): Promise<string> {
  const svg = await Deno.readTextFile(path);
  assert.equal(XMLValidator.validate(svg), true, `${path} is not well-formed XML`);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<title>[^<]+<\/title>/);
  assert.equal([...svg.matchAll(/class="axis-label [xy]"[^>]*>[^<]+</g)].length, 2);
  for (const label of legend) assert.ok(svg.includes(`>${label}</text>`), `legend lacks "${label}"`);
  return svg;
}

/** Renders an SVG in headless Chromium and asserts the PNG has the SVG's size and is neither blank nor solid. */
export async function assertRenders(svgPath: string): Promise<void> {
  const pngPath = svgPath.replace(/\.svg$/, ".png");
  await svgToPng(svgPath, pngPath);
  const png = decode(await Deno.readFile(pngPath));
  const svg = await Deno.readTextFile(svgPath);
  const attr = (n: string) => Number(svg.match(new RegExp(`<svg[^>]* ${n}="(\\d+)"`))![1]);
  assert.deepEqual([png.width, png.height], [attr("width"), attr("height")]);
  let ink = 0;
  for (let i = 0; i < png.data.length; i += png.channels) {
    if (png.data[i] < 250 || png.data[i + 1] < 250 || png.data[i + 2] < 250) ink++;
  }
  const fraction = ink / (png.width * png.height);
  assert.ok(fraction > 0.01 && fraction < 0.6, `${svgPath}: ink fraction ${fraction}`);
}
