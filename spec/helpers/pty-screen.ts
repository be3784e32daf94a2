/**
 * Runs a program in a pseudo-terminal (node-pty, from the prebuilt @lydell/node-pty) and keeps
 * what a user would see: everything the program writes goes through a headless xterm, so
 * cursor moves, line redraws and clears are applied, and `screen()` is the visible text, one
 * line per row, as a person reading the terminal would read it.
 */
import type { IPty } from '@lydell/node-pty';
import { Terminal } from '@xterm/headless';

export interface PtyScreenOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  cols?: number;
  rows?: number;
}

export class PtyScreen {
  private readonly term: Terminal;
  private readonly pty: IPty;
  /** Every byte the program wrote, escape sequences included. */
  raw = '';
  exitCode: number | undefined;
  private readonly exited: Promise<number>;
  private pendingWrites = Promise.resolve();

  constructor(file: string, args: string[], options: PtyScreenOptions = {}) {
    // Loaded here so a spec file that imports this module but skips its tests needs no addon.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const pty = require('@lydell/node-pty') as typeof import('@lydell/node-pty');
    const cols = options.cols ?? 120;
    const rows = options.rows ?? 40;
    // Scrollback keeps lines that scrolled off the top readable in screen().
    this.term = new Terminal({ cols, rows, scrollback: 2000, allowProposedApi: true });
    this.pty = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd: options.cwd, env: options.env as Record<string, string> });
    this.pty.onData((data) => {
      this.raw += data;
      this.pendingWrites = this.pendingWrites.then(() => new Promise<void>((resolve) => this.term.write(data, resolve)));
    });
    this.exited = new Promise((resolve) =>
      this.pty.onExit(({ exitCode }) => {
        this.exitCode = exitCode;
        resolve(exitCode);
      }),
    );
  }

  /** Types keys as a user would (`\t` is TAB, `\r` is Enter, `\x03` is Ctrl-C). */
  type(keys: string): void {
    this.pty.write(keys);
  }

  /**
   * Types keys one TAB at a time, waiting after each TAB until the program has stopped
   * writing: readline tells a double TAB from one by the key before it, and keys that arrive
   * in one chunk reach it before the first completion has been drawn (no person types so fast).
   */
  async typeWithPauses(keys: string, quietMs = 200): Promise<void> {
    for (const chunk of keys.split(/(?<=\t)/)) {
      this.type(chunk);
      if (chunk.endsWith('\t')) await this.quiet(quietMs);
    }
  }

  /** Resolves once nothing new was written for `ms`. */
  async quiet(ms: number, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = -1;
    while (seen !== this.raw.length && Date.now() < deadline) {
      seen = this.raw.length;
      await new Promise((r) => setTimeout(r, ms));
    }
  }

  /** The visible text (scrollback included), trailing blanks trimmed. */
  screen(): string {
    const buf = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  /** The row the cursor is on. */
  cursorLine(): string {
    const buf = this.term.buffer.active;
    return buf.getLine(buf.baseY + buf.cursorY)?.translateToString(true) ?? '';
  }

  /** Resolves once `test(screen)` holds; rejects with the screen after `timeoutMs`. */
  async waitFor(test: (screen: string) => boolean, timeoutMs = 20000, what = 'the screen to match'): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.pendingWrites;
      const s = this.screen();
      if (test(s)) return s;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Resolves when the program exits (killing it after `timeoutMs`). */
  async exit(timeoutMs = 10000): Promise<number> {
    const timer = setTimeout(() => this.pty.kill(), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
      this.term.dispose();
    }
  }

  kill(): void {
    if (this.exitCode === undefined) this.pty.kill();
  }
}
