/**
 * `progressBar(total, { label })`: a transfer `Callback` that draws a progress bar.
 *
 *   await s3.uploadFile('big.bin', 'my-bucket', 'big.bin', { Callback: progressBar(fs.statSync('big.bin').size, { label: 'upload big.bin' }) })
 *
 * On a terminal the bar is drawn by cli-progress (redrawn in place, at most 10 times a second,
 * with bytes, rate and time left). Anywhere else (a pipe, a CI log) it would be one line per
 * redraw, so it prints sparse lines instead: one when a quarter of the total is crossed (at most
 * one a second), one every 10 s while no quarter is crossed, and one when it stops.
 *
 * The bar stops by itself when the count reaches the total (a Callback has nobody to stop it);
 * `stop()` ends it early (a failed transfer) and is safe to call twice. Increments may be
 * negative: a retried download gives back the bytes it lost.
 */
import type { SingleBar } from 'cli-progress';
import type { ProgressCallback } from './progress';

/** Where a bar is drawn: a Writable, a terminal when `isTTY` is true. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface ProgressBarOptions {
  /** Printed before the bar, e.g. `upload big.bin`. */
  label?: string;
  /** What is counted: `bytes` (the default, shown as KiB/MiB/GiB) or a word such as `objects`. */
  unit?: string;
  /** Where the bar is drawn; process.stdout by default. */
  stream?: ProgressStream;
  /** Whether to draw a live bar; by default, whether `stream` is a terminal. */
  tty?: boolean;
  /**
   * Off a terminal, where the sparse lines go: `stream` when one was given, else console.log
   * (so they land in order with the program's other console output).
   */
  log?: (line: string) => void;
}

/** A transfer Callback (it takes increments) that draws its progress. */
export interface ProgressBar extends ProgressCallback {
  /** The count so far. */
  readonly value: number;
  /** The expected total, or undefined while it is unknown (the bar then shows the count and rate only). */
  readonly total: number | undefined;
  /** Sets or changes the total. */
  setTotal(total: number): void;
  /** Draws the final state and ends the line; later increments are ignored. */
  stop(): void;
}

const QUARTERS = 4;
const MIN_LINE_GAP_MS = 1000;
const HEARTBEAT_MS = 10_000;
const BAR_WIDTH = 30;

/** `12.0 MiB`: bytes in binary units, one decimal from KiB up. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function progressBar(total?: number, options: ProgressBarOptions = {}): ProgressBar {
  if (total !== undefined && (!Number.isFinite(total) || total < 0)) throw new TypeError(`progressBar: total must be a non-negative number or undefined, got ${String(total)}`);
  const stream: ProgressStream = options.stream ?? process.stdout;
  const tty = options.tty ?? stream.isTTY === true;
  const bytes = (options.unit ?? 'bytes') === 'bytes';
  const amount = (n: number) => (bytes ? formatBytes(n) : String(n));
  const unitSuffix = bytes ? '' : ` ${options.unit}`;
  const prefix = options.label ? `${options.label}: ` : '';
  const started = Date.now();
  let value = 0;
  let expected = total;
  let stopped = false;

  const elapsed = () => (Date.now() - started) / 1000;
  const rate = () => (elapsed() > 0 ? value / elapsed() : 0);
  const rateText = () => `${bytes ? formatBytes(Math.round(rate())) : rate().toFixed(1)}${unitSuffix || ''}/s`;
  const counts = () => (expected === undefined ? `${amount(value)}${unitSuffix}` : `${amount(value)} / ${amount(expected)}${unitSuffix}`);
  const percent = () => (expected ? Math.floor((Math.min(value, expected) / expected) * 100) : expected === 0 ? 100 : undefined);

  // ---- a live bar on a terminal (cli-progress)
  let live: SingleBar | undefined;
  const liveLine = (): string => {
    const pct = percent();
    const parts = [`${prefix}${pct === undefined ? '' : `[${bar(pct)}] ${String(pct).padStart(3)}% `}${counts()}`, rateText()];
    const complete = expected !== undefined && value >= expected;
    if (stopped) parts.push(`${complete ? 'done in' : 'stopped after'} ${formatSeconds(elapsed())}`);
    else if (expected !== undefined && !complete && rate() > 0) parts.push(`ETA ${formatSeconds((expected - value) / rate())}`);
    return parts.join(' | ');
  };
  if (tty) {
    // Loaded only for a terminal: programs that never draw a bar never load it.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { SingleBar: Bar } = require('cli-progress') as typeof import('cli-progress');
    live = new Bar({ stream, format: () => liveLine(), fps: 10, hideCursor: false, linewrap: false, stopOnComplete: false, clearOnComplete: false });
    unrefRedrawTimer(live);
    // cli-progress computes its own percentage from these; ours (liveLine) reads the closure.
    live.start(expected ?? Number.POSITIVE_INFINITY, 0);
  }

  // ---- sparse lines elsewhere
  const log = options.log ?? (options.stream ? (line: string) => void stream.write(`${line}\n`) : (line: string) => console.log(line));
  let lastLineAt = started;
  let lastQuarter = 0;
  const sparseLine = () => {
    const pct = percent();
    log(`${prefix}${counts()}${pct === undefined ? '' : ` (${pct}%)`}`);
    lastLineAt = Date.now();
  };

  const callback = ((increment: number) => {
    if (stopped || !Number.isFinite(increment)) return;
    value = Math.max(0, value + increment);
    if (live) live.update(Math.min(value, expected ?? value));
    else {
      const now = Date.now();
      const quarter = expected ? Math.min(QUARTERS, Math.floor((value / expected) * QUARTERS)) : 0;
      if (quarter > lastQuarter && quarter < QUARTERS && now - lastLineAt >= MIN_LINE_GAP_MS) sparseLine();
      else if (now - lastLineAt >= HEARTBEAT_MS) sparseLine();
      lastQuarter = Math.max(lastQuarter, quarter);
    }
    if (expected !== undefined && value >= expected) stopBar();
  }) as ProgressBar;

  function stopBar(): void {
    if (stopped) return;
    stopped = true;
    const done = expected !== undefined && value >= expected;
    if (live) {
      live.update(Math.min(value, expected ?? value));
      live.stop();
      return;
    }
    const took = formatSeconds(elapsed());
    if (done) log(`${prefix}${counts()} (100%) in ${took}, ${rateText()}`);
    else log(`${prefix}stopped at ${counts()}${percent() === undefined ? '' : ` (${percent()}%)`} after ${took}`);
  }

  Object.defineProperties(callback, {
    value: { get: () => value, enumerable: true },
    total: { get: () => expected, enumerable: true },
    setTotal: {
      value: (t: number) => {
        if (!Number.isFinite(t) || t < 0) throw new TypeError(`progressBar.setTotal: total must be a non-negative number, got ${String(t)}`);
        expected = t;
        live?.setTotal(t);
        if (value >= t) stopBar();
      },
    },
    stop: { value: stopBar },
  });
  if (expected === 0) stopBar();
  return callback;
}

/**
 * SingleBar redraws from a timer it re-arms after every redraw (`this.timer`, set in its
 * render()). A bar nobody stops (the Callback of a transfer that failed) would keep that timer,
 * and so the program, alive forever: each redraw goes through this instance's render, which
 * unrefs the new timer. spec/unit/customizations/progress-bar.spec.ts checks that a program with
 * an unstopped bar still exits, so a cli-progress release that renames the timer fails there.
 */
function unrefRedrawTimer(live: SingleBar): void {
  const redraw = Object.getPrototypeOf(live).render as () => void;
  const bar = live as unknown as { render(): void; timer?: NodeJS.Timeout | null };
  bar.render = function (this: typeof bar) {
    redraw.call(this);
    this.timer?.unref();
  };
}

function bar(pct: number): string {
  const full = Math.round((pct / 100) * BAR_WIDTH);
  return '█'.repeat(full) + '░'.repeat(BAR_WIDTH - full);
}
