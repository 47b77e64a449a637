import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decode } from "fast-png";
import { PLOT_PALETTE, type PlotSpec, svgPlot } from "../src/report/svg_plot.ts";
import { svgToPng } from "../src/report/svg_to_png.ts";
import { HAS_CHROMIUM } from "./_svg.ts";

const spec: PlotSpec = {
  title: "Error & batch <size>",
  subtitle: "seed 1",
  x: { label: "mini-batch size", unit: "samples", scale: "log" },
  y: { label: "test error", scale: "log" },
  series: [
    { label: "n = 5", x: [1, 10, 100, 1000], y: [2e-3, 5e-4, 6e-4, 3e-3] },
    { label: 'n = 10 "B"', x: [1, 10, 100, 1000], y: [4e-3, NaN, 1e-3, 5e-3], dashed: true },
    { label: "data", x: [3, 30, 300], y: [1e-3, 2e-3, 3e-3], kind: "scatter" },
  ],
};

/** Parses SVG text into a tree; attributes prefixed with "@". */
function parseSvg(svg: string) {
  assert.equal(XMLValidator.validate(svg), true);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (_n: string, _p: unknown, _l: boolean, attr: boolean) => !attr,
  }).parse(svg);
}

function ticks(svg: string, axis: "x" | "y"): { value: number; label: string }[] {
  return [...svg.matchAll(new RegExp(`<g class="tick ${axis}" data-value="([^"]+)">(.*?)</g>`, "g"))]
    .map((m) => ({ value: Number(m[1]), label: m[2].match(/<text[^>]*>([^<]*)<\/text>/)?.[1] ?? "" }));
}

Deno.test("svgPlot output is well-formed XML with escaped text", () => {
  const svg = svgPlot(spec);
  const tree = parseSvg(svg);
  assert.equal(tree.svg[0]["@xmlns"], "http://www.w3.org/2000/svg");
  assert.match(svg, /Error &amp; batch &lt;size&gt;/);
  assert.match(svg, /n = 10 &quot;B&quot;/);
  assert.match(svg, /mini-batch size \(samples\)/);
});

Deno.test("svgPlot puts labelled log-axis ticks at the powers of ten", () => {
  const svg = svgPlot(spec);
  const labelled = ticks(svg, "x").filter((t) => t.label !== "");
  assert.deepEqual(labelled.map((t) => t.value), [1, 10, 100, 1000]);
  assert.deepEqual(labelled.map((t) => t.label), ["1", "10", "100", "1000"]);
  const y = ticks(svg, "y").filter((t) => t.label !== "");
  assert.deepEqual(y.map((t) => t.value), [1e-4, 1e-3, 1e-2]);
  assert.deepEqual(y.map((t) => t.label), ["10⁻⁴", "10⁻³", "10⁻²"]);
  // Minor ticks lie between, unlabelled.
  assert.ok(ticks(svg, "x").some((t) => t.value === 20 && t.label === ""));
});

Deno.test("svgPlot picks round linear ticks covering the data", () => {
  const base = { title: "t", x: { label: "x" }, y: { label: "y" } };
  const svg = svgPlot({
    ...base,
    series: [{ label: "s", x: [-0.93, 2.1], y: [0, 4.4] }],
  });
  assert.deepEqual(ticks(svg, "x").map((t) => t.value), [-1, 0, 1, 2, 3]);
  assert.deepEqual(ticks(svg, "x").map((t) => t.label), ["−1", "0", "1", "2", "3"]);
  assert.deepEqual(ticks(svg, "y").map((t) => t.label), ["0", "1", "2", "3", "4", "5"]);
  const small = svgPlot({ ...base, series: [{ label: "s", x: [0, 1], y: [0.31, 0.55] }] });
  assert.deepEqual(ticks(small, "y").map((t) => t.label), ["0.30", "0.35", "0.40", "0.45", "0.50", "0.55"]);
});

Deno.test("svgPlot legend names every series, in order, in palette colours", () => {
  const svg = svgPlot(spec);
  const entries = [...svg.matchAll(/<g class="legend-entry">.*?<text[^>]*>([^<]*)<\/text><\/g>/g)];
  assert.deepEqual(entries.map((m) => m[1]), ["n = 5", "n = 10 &quot;B&quot;", "data"]);
  for (const color of PLOT_PALETTE.slice(0, 3)) assert.ok(svg.includes(`stroke="${color}"`), color);
  // A NaN leaves a gap: the dashed series' path restarts with a new move.
  const path = svg.match(/<path d="([^"]+)"[^>]*stroke-dasharray/)![1];
  assert.equal(path.match(/M/g)!.length, 2);
});

Deno.test("svgPlot rejects bad input with a RangeError", async (t) => {
  const base = { title: "t", x: { label: "x" }, y: { label: "y" } };
  const cases: [string, PlotSpec, RegExp][] = [
    ["no series", { ...base, series: [] }, /no series/],
    ["length mismatch", { ...base, series: [{ label: "s", x: [1, 2], y: [1] }] }, /2 x values but 1 y/],
    ["no finite point", { ...base, series: [{ label: "s", x: [NaN], y: [1] }] }, /no finite point/],
    [
      "non-positive on a log axis",
      { ...base, x: { label: "x", scale: "log" }, series: [{ label: "s", x: [0, 1], y: [1, 2] }] },
      /log x axis needs values > 0/,
    ],
    [
      "empty fixed range",
      { ...base, y: { label: "y", min: 2, max: 1 }, series: [{ label: "s", x: [1], y: [1] }] },
      /y axis range/,
    ],
    ["too small", { ...base, width: 50, series: [{ label: "s", x: [1], y: [1] }] }, /at least 200×150/],
  ];
  for (const [name, bad, message] of cases) {
    await t.step(
      name,
      () => assert.throws(() => svgPlot(bad), (e) => e instanceof RangeError && message.test(e.message)),
    );
  }
});

Deno.test({
  name: "svgToPng renders a chart in headless Chromium: a PNG of the SVG's size with the series colours",
  ignore: !HAS_CHROMIUM,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(`${dir}/chart.svg`, svgPlot(spec));
    await svgToPng(`${dir}/chart.svg`, `${dir}/chart.png`);
    const png = decode(await Deno.readFile(`${dir}/chart.png`));
    assert.deepEqual([png.width, png.height], [720, 440]);
    const { data, channels } = png;
    const colours = new Set<string>();
    let ink = 0;
    for (let i = 0; i < data.length; i += channels) {
      const hex = "#" +
        [0, 1, 2].map((c) => data[i + c].toString(16).padStart(2, "0")).join("").toUpperCase();
      colours.add(hex);
      if (hex !== "#FFFFFF") ink++;
    }
    // Not blank: a few percent of the pixels carry ink, and the first two series' exact colours appear.
    const fraction = ink / (png.width * png.height);
    assert.ok(fraction > 0.01 && fraction < 0.5, `ink fraction ${fraction}`);
    assert.ok(
      colours.has(PLOT_PALETTE[0]) && colours.has(PLOT_PALETTE[1]),
      [...colours].slice(0, 20).join(" "),
    );
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("svgPlot scatter markers of every shape are painted in their series colour", () => {
  const shapes = ["circle", "square", "triangle", "diamond", "cross"] as const;
  const svg = svgPlot({
    title: "shapes",
    x: { label: "x" },
    y: { label: "y" },
    series: shapes.map((shape, i) => ({
      label: shape,
      x: [1, 2],
      y: [i, i + 1],
      kind: "scatter" as const,
      shape,
      color: `#00000${i}`,
    })),
  });
  // A cross is two strokes: it needs its own stroke, since scatter groups have stroke="none".
  const crosses = [...svg.matchAll(/<path d="M[^"]*L[^"]*M[^"]*L[^"]*"([^>]*)\/>/g)];
  assert.ok(crosses.length >= 2, "no cross markers drawn");
  for (const [, attrs] of crosses) assert.match(attrs, /stroke="#000004"/);
});
