/** Options of {@linkcode Progress}. */
export interface ProgressOptions {
  /** Shown at the start of every line, e.g. `"table1"`. */
  title: string;
  /** Estimated cost of each job (any unit), for the ETA. */
  weights: readonly number[];
  /** Where lines go; default standard error. */
  write?: (text: string) => void;
  /** Redraw one live line (`true`) or print plain lines (`false`); default: whether stderr is a terminal. */
  live?: boolean;
  /** Clock in milliseconds; default `performance.now`. */
  now?: () => number;
  /** Plain mode prints a status line at most this often (ms); default 30 s. */
  plainInterval?: number;
}

interface Running {
  label: string;
  epoch: number;
  maxEpochs: number;
  valLoss: number;
}

/**
 * The progress line of a long run: jobs done of total, what each worker is
 * doing (model, epoch, validation loss), elapsed time and ETA. On a terminal
 * one line is redrawn in place; otherwise plain lines are printed when jobs
 * start and finish, plus a status line every `plainInterval`.
 *
 * The ETA weighs finished work and the epochs of running jobs by each job's
 * estimated cost; early stopping makes it pessimistic.
 *
 * @example Plain lines
 * ```ts
 * import { Progress } from "./progress.ts";
 * import assert from "node:assert/strict";
 *
 * const lines: string[] = [];
 * const p = new Progress({ title: "demo", weights: [1], live: false, write: (s) => void lines.push(s) });
 * p.start(0, "nn-A", 100);
 * p.done(0, "error 0.1");
 * p.finish();
 * assert.match(lines.join(""), /demo 1\/1 done/);
 * ```
 */
export class Progress {
  readonly #o: Required<ProgressOptions>;
  readonly #started: number;
  readonly #running = new Map<number, Running>();
  #done = 0;
  #doneWeight = 0;
  #lastDraw = -Infinity;
  #lastPlain: number;
  #drawn = false;

  /**
   * Starts the clock; nothing is printed until the first job starts.
   *
   * @param options Title, job weights and where the lines go.
   */
  constructor(options: ProgressOptions) {
    this.#o = {
      write: (s) => Deno.stderr.writeSync(new TextEncoder().encode(s)),
      live: Deno.stderr.isTerminal(),
      now: () => performance.now(),
      plainInterval: 30_000,
      ...options,
    };
    this.#started = this.#o.now();
    this.#lastPlain = this.#started;
  }

  /**
   * Job `index` started; `maxEpochs` is 0 for jobs without epochs.
   *
   * @param index The job's index into `weights`.
   * @param label Its name in the progress lines.
   * @param maxEpochs Its epoch budget, or 0.
   */
  start(index: number, label: string, maxEpochs: number): void {
    this.#running.set(index, { label, epoch: 0, maxEpochs, valLoss: NaN });
    if (this.#o.live) this.#draw(true);
    else this.#line(`start ${label}`);
  }

  /**
   * Job `index` finished an epoch: updates the live line, or prints a status
   * line in plain mode once `plainInterval` has passed.
   *
   * @param index The job's index into `weights`.
   * @param epoch The epoch just finished, 1-based.
   * @param valLoss Its validation loss.
   *
   * @example A status line after the interval
   * ```ts
   * import { Progress } from "./progress.ts";
   * import assert from "node:assert/strict";
   *
   * let t = 0;
   * const lines: string[] = [];
   * const p = new Progress({
   *   title: "demo", weights: [1], live: false, now: () => t, plainInterval: 1000,
   *   write: (s) => void lines.push(s),
   * });
   * p.start(0, "nn-A", 10);
   * t = 2000;
   * p.epoch(0, 5, 0.0123);
   * assert.match(lines.at(-1)!, /nn-A ep 5\/10 val 1\.23e-2/);
   * ```
   */
  epoch(index: number, epoch: number, valLoss: number): void {
    const r = this.#running.get(index);
    if (!r) return;
    r.epoch = epoch;
    r.valLoss = valLoss;
    if (this.#o.live) this.#draw(false);
    else if (this.#o.now() - this.#lastPlain >= this.#o.plainInterval) this.#line(this.#status());
  }

  /**
   * Job `index` finished; `summary` is printed with it.
   *
   * @param index The job's index into `weights`.
   * @param summary One line about the result.
   */
  done(index: number, summary: string): void {
    const r = this.#running.get(index);
    this.#running.delete(index);
    this.#done++;
    this.#doneWeight += this.#o.weights[index] ?? 0;
    this.#line(`done ${r?.label ?? index}: ${summary}`);
  }

  /** Prints the final line. */
  finish(): void {
    this.#running.clear();
    if (this.#o.live) this.#clear();
    this.#o.write(
      `${this.#o.title} ${this.#done}/${this.#o.weights.length} done in ${clock(this.#elapsed())}\n`,
    );
  }

  #elapsed(): number {
    return (this.#o.now() - this.#started) / 1000;
  }

  #status(): string {
    const total = this.#o.weights.reduce((a, b) => a + b, 0);
    let partial = 0;
    const parts: string[] = [];
    for (const [i, r] of this.#running) {
      if (r.maxEpochs > 0) partial += (this.#o.weights[i] ?? 0) * (r.epoch / r.maxEpochs);
      parts.push(
        r.maxEpochs > 0 && r.epoch > 0
          ? `${r.label} ep ${r.epoch}/${r.maxEpochs} val ${r.valLoss.toExponential(2)}`
          : r.label,
      );
    }
    const elapsed = this.#elapsed();
    const progress = this.#doneWeight + partial;
    const eta = progress > 0 && elapsed > 1 ? clock((elapsed * (total - progress)) / progress) : "?";
    const running = parts.length ? ` | ${parts.join("; ")}` : "";
    this.#lastPlain = this.#o.now();
    // Times first: on a narrow terminal the line is cut at the end.
    return `${this.#done}/${this.#o.weights.length} done | ${clock(elapsed)} elapsed, ETA ${eta}${running}`;
  }

  #line(text: string): void {
    if (this.#o.live) this.#clear();
    this.#o.write(`${this.#o.title}: ${text}\n`);
    if (this.#o.live) this.#draw(true);
  }

  #draw(force: boolean): void {
    const now = this.#o.now();
    if (!force && now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    let width = 120;
    try {
      width = Deno.consoleSize().columns;
    } catch { /* not a terminal: keep the default */ }
    const line = `${this.#o.title} ${this.#status()}`;
    this.#o.write(`\r\x1b[K${line.length > width - 1 ? line.slice(0, width - 2) + "…" : line}`);
    this.#drawn = true;
  }

  #clear(): void {
    if (this.#drawn) this.#o.write("\r\x1b[K");
    this.#drawn = false;
  }
}

/**
 * Formats seconds as `1h02m`, `3m05s` or `12s`.
 *
 * @param seconds A duration; rounded to whole seconds, negative values read as 0.
 * @returns The duration in hours and minutes, minutes and seconds, or seconds.
 *
 * @example Three scales
 * ```ts
 * import { clock } from "./progress.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(clock(185), "3m05s");
 * assert.equal(clock(3720), "1h02m");
 * assert.equal(clock(12.4), "12s");
 * ```
 */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (v: number) => String(v).padStart(2, "0");
  if (s >= 3600) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  return `${s}s`;
}
