/** `"linear"` or `"log"` (base 10). */
export type AxisScale = "linear" | "log";

/** One tick: where it is, its label (empty for an unlabelled minor tick), and whether it gets a grid line. */
export interface Tick {
  value: number;
  label: string;
  major: boolean;
}

/** The drawn range of an axis and its ticks. */
export interface AxisTicks {
  scale: AxisScale;
  min: number;
  max: number;
  ticks: Tick[];
}

/**
 * Chooses an axis range and ticks for data in `[lo, hi]`. Linear axes get
 * about five ticks at 1, 2, 2.5 or 5 × 10^k, the range widened to the
 * nearest ticks; log axes get labelled ticks at the powers of ten, the range
 * widened to whole decades, and unlabelled minor ticks at 2…9 × 10^k (2 and
 * 5 are labelled too when fewer than three powers of ten are in range). An
 * explicit `min` or `max` is kept as given.
 */
export function axisTicks(
  scale: AxisScale,
  [lo, hi]: [number, number],
  min?: number,
  max?: number,
): AxisTicks {
  return scale === "log" ? logTicks(lo, hi, min, max) : linearTicks(lo, hi, min, max);
}

function linearTicks(lo: number, hi: number, fixedMin?: number, fixedMax?: number): AxisTicks {
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 10;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / 5;
  let exp = Math.floor(Math.log10(raw));
  let mant = [1, 2, 2.5, 5, 10].find((m) => m * 10 ** exp >= raw * 0.999)!;
  if (mant === 10) [mant, exp] = [1, exp + 1];
  const step = mant * 10 ** exp;
  const min = fixedMin ?? Math.floor(lo / step + 1e-9) * step;
  const max = fixedMax ?? Math.ceil(hi / step - 1e-9) * step;
  const decimals = Math.max(0, -exp + (mant === 2.5 ? 1 : 0));
  const ticks: Tick[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
    const value = Number((k * step).toFixed(Math.min(20, decimals + 2)));
    ticks.push({ value, label: linearLabel(value, decimals, step), major: true });
  }
  return { scale: "linear", min, max, ticks };
}

function linearLabel(value: number, decimals: number, step: number): string {
  if (value === 0) return "0";
  if (step < 1e-3 || Math.abs(value) >= 1e6) {
    return value.toExponential(Math.max(0, decimals + Math.floor(Math.log10(Math.abs(value))))).replace(
      "e+",
      "e",
    );
  }
  return value.toFixed(decimals).replace("-", "−");
}

function logTicks(lo: number, hi: number, fixedMin?: number, fixedMax?: number): AxisTicks {
  let a = Math.floor(Math.log10(lo) + 1e-9), b = Math.ceil(Math.log10(hi) - 1e-9);
  if (a === b) b = a + 1;
  const min = fixedMin ?? pow10(a), max = fixedMax ?? pow10(b);
  a = Math.floor(Math.log10(min) + 1e-9);
  b = Math.ceil(Math.log10(max) - 1e-9);
  const inRange = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const majors = [];
  for (let k = a; k <= b; k++) if (inRange(pow10(k))) majors.push(k);
  const labelMinor = majors.length < 3;
  const ticks: Tick[] = [];
  for (let k = a; k <= b; k++) {
    for (let m = 1; m <= 9; m++) {
      const value = Number(`${m}e${k}`);
      if (!inRange(value)) continue;
      const labelled = m === 1 || (labelMinor && (m === 2 || m === 5));
      ticks.push({ value, label: labelled ? powerLabel(m, k) : "", major: m === 1 });
    }
  }
  return { scale: "log", min, max, ticks };
}

function pow10(k: number): number {
  return Number(`1e${k}`);
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** `m × 10^k`, written plainly from 1 to 1000 and as `m×10ᵏ` (or `10ᵏ`) otherwise. */
function powerLabel(m: number, k: number): string {
  if (k >= 0 && k <= 3) return String(m * 10 ** k);
  const power = `10${[...String(k)].map((c) => SUPERSCRIPT[c]).join("")}`;
  return m === 1 ? power : `${m}×${power}`;
}
