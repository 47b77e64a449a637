import { type AxisScale, axisTicks, type Tick } from "./_axis_ticks.ts";

export type { AxisScale };

/**
 * Okabe–Ito colours, safe for the common kinds of colour blindness, in the
 * order series get them (yellow, too faint on white, is left out).
 *
 * @example The first series is blue
 * ```ts
 * import { PLOT_PALETTE } from "./svg_plot.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(PLOT_PALETTE[0], "#0072B2");
 * assert.equal(new Set(PLOT_PALETTE).size, PLOT_PALETTE.length);
 * ```
 */
export const PLOT_PALETTE: readonly string[] = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
  "#000000", // black
];

/** Marker shapes, in the order series get them, so series differ by more than colour. */
export type MarkerShape = "circle" | "square" | "triangle" | "diamond" | "cross";

const SHAPES: readonly MarkerShape[] = ["circle", "square", "triangle", "diamond", "cross"];

/** One axis of a plot. */
export interface PlotAxis {
  /** What the axis shows, e.g. `"mini-batch size"`. */
  label: string;
  /** Unit, shown in brackets after the label, e.g. `"samples"`; omit for none. */
  unit?: string;
  /** `"linear"` (default) or `"log"` (base 10, ticks at powers of ten). */
  scale?: AxisScale;
  /** Lower end; default: from the data, widened to a tick. */
  min?: number;
  /** Upper end; default: from the data, widened to a tick. */
  max?: number;
}

/** One series: points (x[i], y[i]); a non-finite value leaves a gap. */
export interface PlotSeries {
  /** Legend text. */
  label: string;
  /** x coordinates. */
  x: readonly number[];
  /** y coordinates, as many as x. */
  y: readonly number[];
  /** `"line"` (default): points joined in order; `"scatter"`: points only. */
  kind?: "line" | "scatter";
  /** Draw markers on a line's points; default true for lines of at most 40 points. Scatter always has them. */
  markers?: boolean;
  /** Marker shape; default: by series index. */
  shape?: MarkerShape;
  /** Stroke and marker colour; default: {@linkcode PLOT_PALETTE} by series index. */
  color?: string;
  /** Dashed line. */
  dashed?: boolean;
  /** Marker radius in pixels; default 3.5 (2 for scatter). */
  markerSize?: number;
  /** Opacity of scatter markers; default 1 (0.5 when a scatter has more than 300 points). */
  opacity?: number;
}

/** A whole chart. */
export interface PlotSpec {
  /** Title above the plot. */
  title: string;
  /** Optional second title line, smaller. */
  subtitle?: string;
  /** Horizontal axis. */
  x: PlotAxis;
  /** Vertical axis. */
  y: PlotAxis;
  /** The series, drawn in order (later ones on top). */
  series: readonly PlotSeries[];
  /** Width in pixels; default 720. */
  width?: number;
  /** Height in pixels; default 440. */
  height?: number;
}

/**
 * Draws a line or scatter chart as a standalone SVG document (a plain
 * string): title, axes with ticks, tick labels and labels with units, light
 * grid lines, a legend to the right of the plot with every series, colours
 * from a colour-blind-safe palette and a different marker shape per series.
 * Axes are linear or log10; all text is XML-escaped.
 *
 * @param spec The chart.
 * @returns SVG text, starting with `<svg` and ending with a newline.
 * @throws {RangeError} If there are no series, a series' x and y differ in
 *   length or have no finite point, a log axis meets a value ≤ 0, or an
 *   axis range or size is empty or invalid.
 *
 * @example A log–log line chart with two series
 * ```ts
 * import { svgPlot } from "./svg_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const svg = svgPlot({
 *   title: "Test error against batch size",
 *   x: { label: "mini-batch size", unit: "samples", scale: "log" },
 *   y: { label: "test error", scale: "log" },
 *   series: [
 *     { label: "n = 5", x: [1, 10, 100, 1000], y: [2e-3, 5e-4, 6e-4, 3e-3] },
 *     { label: "n = 10 <A>", x: [1, 10, 100, 1000], y: [4e-3, 9e-4, 1e-3, 5e-3] },
 *   ],
 * });
 * assert.ok(svg.startsWith("<svg"));
 * assert.match(svg, /mini-batch size \(samples\)/);
 * assert.match(svg, /n = 10 &lt;A&gt;/);
 * assert.throws(() => svgPlot({ title: "t", x: { label: "x" }, y: { label: "y" }, series: [] }), RangeError);
 * ```
 */
export function svgPlot(spec: PlotSpec): string {
  const width = spec.width ?? 720, height = spec.height ?? 440;
  if (!(width >= 200 && height >= 150 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new RangeError(`Cannot plot: size must be at least 200×150, got ${width}×${height}`);
  }
  if (spec.series.length === 0) throw new RangeError("Cannot plot: no series");
  for (const s of spec.series) checkSeries(s, spec);
  const xs = spec.series.flatMap((s) => s.x), ys = spec.series.flatMap((s) => s.y);
  const xt = axisTicks(spec.x.scale ?? "linear", range(xs, spec.x, "x"), spec.x.min, spec.x.max);
  const yt = axisTicks(spec.y.scale ?? "linear", range(ys, spec.y, "y"), spec.y.min, spec.y.max);

  const legendWidth = Math.min(260, 44 + 7 * Math.max(...spec.series.map((s) => s.label.length)));
  const yLabelWidth = 9 * Math.max(...yt.ticks.map((t) => t.label.length));
  const top = spec.subtitle ? 62 : 44;
  const box = { left: 36 + yLabelWidth, top, right: width - legendWidth - 16, bottom: height - 56 };
  if (box.right - box.left < 80 || box.bottom - box.top < 60) {
    throw new RangeError(`Cannot plot: ${width}×${height} leaves no room for the plot area`);
  }
  const px = scaler(xt.scale, xt.min, xt.max, box.left, box.right);
  const py = scaler(yt.scale, yt.min, yt.max, box.bottom, box.top);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12">`,
    `<title>${esc(spec.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    // The clip reaches a little past the frame, so markers on the edge show whole.
    `<defs><clipPath id="plot-area"><rect x="${box.left - 8}" y="${box.top - 8}" ` +
    `width="${box.right - box.left + 16}" height="${box.bottom - box.top + 16}"/></clipPath></defs>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${
      esc(spec.title)
    }</text>`,
  ];
  if (spec.subtitle) {
    out.push(
      `<text x="${width / 2}" y="44" text-anchor="middle" fill="#444444">${esc(spec.subtitle)}</text>`,
    );
  }
  out.push(...xTicks(xt.ticks, px, box), ...yTicks(yt.ticks, py, box));
  out.push(
    `<rect x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}" ` +
      `fill="none" stroke="#333333"/>`,
    `<text class="axis-label x" x="${(box.left + box.right) / 2}" y="${height - 14}" text-anchor="middle" ` +
      `font-size="13">${esc(axisTitle(spec.x))}</text>`,
    `<text class="axis-label y" transform="translate(16 ${(box.top + box.bottom) / 2}) rotate(-90)" ` +
      `text-anchor="middle" font-size="13">${esc(axisTitle(spec.y))}</text>`,
  );
  spec.series.forEach((s, i) => out.push(seriesSvg(s, i, px, py)));
  out.push(legend(spec.series, box.right + 16, box.top));
  out.push("</svg>");
  return out.join("\n") + "\n";
}

function checkSeries(s: PlotSeries, spec: PlotSpec): void {
  if (s.x.length !== s.y.length) {
    throw new RangeError(
      `Cannot plot series "${s.label}": ${s.x.length} x values but ${s.y.length} y values`,
    );
  }
  if (!s.x.some((x, i) => Number.isFinite(x) && Number.isFinite(s.y[i]))) {
    throw new RangeError(`Cannot plot series "${s.label}": no finite point`);
  }
  for (const [axis, values] of [["x", s.x], ["y", s.y]] as const) {
    if (spec[axis].scale === "log" && values.some((v) => v <= 0)) {
      throw new RangeError(`Cannot plot series "${s.label}": log ${axis} axis needs values > 0`);
    }
  }
}

function range(values: readonly number[], axis: PlotAxis, name: string): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = axis.min ?? Math.min(...finite), hi = axis.max ?? Math.max(...finite);
  if (!(Number.isFinite(lo) && Number.isFinite(hi)) || lo > hi || (axis.min !== undefined && lo === hi)) {
    throw new RangeError(`Cannot plot: the ${name} axis range [${lo}, ${hi}] is empty`);
  }
  if (axis.scale === "log" && lo <= 0) {
    throw new RangeError(`Cannot plot: log ${name} axis needs a minimum > 0, got ${lo}`);
  }
  return [lo, hi];
}

function scaler(scale: AxisScale, min: number, max: number, from: number, to: number) {
  const f = scale === "log" ? Math.log10 : (v: number) => v;
  const a = f(min), b = f(max);
  return (v: number) => round(from + ((f(v) - a) / (b - a)) * (to - from));
}

function xTicks(ticks: readonly Tick[], px: (v: number) => number, box: Box): string[] {
  return ticks.map((t) => {
    const x = px(t.value);
    return `<g class="tick x" data-value="${t.value}">` +
      (t.major ? `<line x1="${x}" x2="${x}" y1="${box.top}" y2="${box.bottom}" stroke="#e4e4e4"/>` : "") +
      `<line x1="${x}" x2="${x}" y1="${box.bottom}" y2="${
        box.bottom + (t.major ? 6 : 3)
      }" stroke="#333333"/>` +
      (t.label ? `<text x="${x}" y="${box.bottom + 20}" text-anchor="middle">${esc(t.label)}</text>` : "") +
      `</g>`;
  });
}

function yTicks(ticks: readonly Tick[], py: (v: number) => number, box: Box): string[] {
  return ticks.map((t) => {
    const y = py(t.value);
    return `<g class="tick y" data-value="${t.value}">` +
      (t.major ? `<line x1="${box.left}" x2="${box.right}" y1="${y}" y2="${y}" stroke="#e4e4e4"/>` : "") +
      `<line x1="${box.left - (t.major ? 6 : 3)}" x2="${box.left}" y1="${y}" y2="${y}" stroke="#333333"/>` +
      (t.label ? `<text x="${box.left - 9}" y="${y + 4}" text-anchor="end">${esc(t.label)}</text>` : "") +
      `</g>`;
  });
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function seriesSvg(s: PlotSeries, i: number, px: (v: number) => number, py: (v: number) => number): string {
  const color = s.color ?? PLOT_PALETTE[i % PLOT_PALETTE.length];
  const shape = s.shape ?? SHAPES[i % SHAPES.length];
  const scatter = s.kind === "scatter";
  const parts = [`<g class="series" data-label="${esc(s.label)}" clip-path="url(#plot-area)">`];
  if (!scatter) {
    let d = "", pen = false;
    for (let j = 0; j < s.x.length; j++) {
      if (!Number.isFinite(s.x[j]) || !Number.isFinite(s.y[j])) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${px(s.x[j])} ${py(s.y[j])}`;
      pen = true;
    }
    parts.push(
      `<path d="${d}" fill="none" stroke="${esc(color)}" stroke-width="2" stroke-linejoin="round"` +
        (s.dashed ? ` stroke-dasharray="7 4"` : "") + `/>`,
    );
  }
  if (scatter || (s.markers ?? s.x.length <= 40)) {
    const r = s.markerSize ?? (scatter ? 2 : 3.5);
    const opacity = s.opacity ?? (scatter && s.x.length > 300 ? 0.5 : 1);
    const marks: string[] = [];
    for (let j = 0; j < s.x.length; j++) {
      if (Number.isFinite(s.x[j]) && Number.isFinite(s.y[j])) {
        marks.push(marker(shape, px(s.x[j]), py(s.y[j]), r, color));
      }
    }
    parts.push(
      `<g fill="${esc(color)}" stroke="${scatter ? "none" : esc(color)}"` +
        `${opacity < 1 ? ` fill-opacity="${opacity}"` : ""}>` +
        marks.join("") + `</g>`,
    );
  }
  parts.push("</g>");
  return parts.join("");
}

function marker(shape: MarkerShape, x: number, y: number, r: number, color: string): string {
  const p = (pts: [number, number][]) =>
    `<polygon points="${pts.map(([a, b]) => `${round(x + a * r)},${round(y + b * r)}`).join(" ")}"/>`;
  switch (shape) {
    case "circle":
      return `<circle cx="${x}" cy="${y}" r="${r}"/>`;
    case "square":
      return `<rect x="${round(x - 0.9 * r)}" y="${round(y - 0.9 * r)}" width="${round(1.8 * r)}" ` +
        `height="${round(1.8 * r)}"/>`;
    case "triangle":
      return p([[0, -1.2], [1.1, 0.8], [-1.1, 0.8]]);
    case "diamond":
      return p([[0, -1.3], [1.1, 0], [0, 1.3], [-1.1, 0]]);
    case "cross":
      return `<path d="M${round(x - r)} ${round(y - r)}L${round(x + r)} ${round(y + r)}M${round(x - r)} ` +
        `${round(y + r)}L${round(x + r)} ${round(y - r)}" stroke="${esc(color)}" stroke-width="2"/>`;
  }
}

function legend(series: readonly PlotSeries[], x: number, y: number): string {
  const rows = series.map((s, i) => {
    const color = s.color ?? PLOT_PALETTE[i % PLOT_PALETTE.length];
    const shape = s.shape ?? SHAPES[i % SHAPES.length];
    const cy = y + 12 + 20 * i;
    const line = s.kind === "scatter" ? "" : `<line x1="${x}" x2="${x + 26}" y1="${cy}" y2="${cy}" ` +
      `stroke="${esc(color)}" stroke-width="2"${s.dashed ? ` stroke-dasharray="7 4"` : ""}/>`;
    const showMarker = s.kind === "scatter" || (s.markers ?? s.x.length <= 40);
    const mark = showMarker
      ? `<g fill="${esc(color)}" stroke="${esc(color)}">${marker(shape, x + 13, cy, 3.5, color)}</g>`
      : "";
    return `<g class="legend-entry">${line}${mark}<text x="${x + 34}" y="${cy + 4}">${
      esc(s.label)
    }</text></g>`;
  });
  return `<g class="legend">${rows.join("")}</g>`;
}

function axisTitle(axis: PlotAxis): string {
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Escapes text for XML content and attribute values. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
