/** Options of {@linkcode svgToPng}. */
export interface SvgToPngOptions {
  /** The Chromium executable; default `"chromium"` (Debian's package). */
  chromium?: string;
  /** Viewport width in pixels; default: the SVG's `width` attribute. */
  width?: number;
  /** Viewport height in pixels; default: the SVG's `height` attribute. */
  height?: number;
}

/**
 * Renders an SVG file to a PNG with headless Chromium, the way a reader's
 * browser draws it: `chromium --headless --screenshot=<png>
 * --window-size=<w>,<h> file://<svg>`, with a throwaway profile folder so
 * runs never share state. Needs `--allow-run` for the executable, read
 * access to the SVG and write access to the PNG's folder and the temporary
 * folder. The same from a shell:
 *
 * ```sh
 * chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
 *   --window-size=720,440 --screenshot=results/fig4_batch_B.png "file://$PWD/results/fig4_batch_B.svg"
 * ```
 *
 * @param svgPath The SVG file.
 * @param pngPath Where the PNG goes.
 * @param options Executable and viewport size.
 * @throws {Error} If Chromium is missing, fails, or writes no PNG.
 *
 * @example Needs Chromium, so it is not run as a doc test (tests/svg_plot_test.ts runs it)
 * ```ts ignore
 * import { svgToPng } from "./svg_to_png.ts";
 *
 * await svgToPng("results/fig2.svg", "results/fig2.png");
 * ```
 */
export async function svgToPng(
  svgPath: string,
  pngPath: string,
  options: SvgToPngOptions = {},
): Promise<void> {
  const svg = await Deno.readTextFile(svgPath);
  const attr = (name: string) => Number(svg.match(new RegExp(`<svg[^>]*\\s${name}="([\\d.]+)"`))?.[1]);
  const width = Math.ceil(options.width ?? attr("width")),
    height = Math.ceil(options.height ?? attr("height"));
  if (!(width > 0 && height > 0)) {
    throw new RangeError(`Cannot render "${svgPath}": no width and height on the <svg> element`);
  }
  const profile = await Deno.makeTempDir({ prefix: "symbreak-chromium-" });
  try {
    await Deno.remove(pngPath).catch(() => {});
    const { code, stderr } = await new Deno.Command(options.chromium ?? "chromium", {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        `--user-data-dir=${profile}`,
        `--window-size=${width},${height}`,
        `--screenshot=${absolute(pngPath)}`,
        `file://${absolute(svgPath)}`,
      ],
      stdout: "null",
      stderr: "piped",
    }).output();
    const written = await Deno.stat(pngPath).then((s) => s.size > 0, () => false);
    if (code !== 0 || !written) {
      const tail = new TextDecoder().decode(stderr).trim().split("\n").slice(-3).join(" | ");
      throw new Error(`Chromium did not render "${svgPath}" (exit ${code}): ${tail}`);
    }
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
}
