import { execFileSync } from 'child_process';
import * as path from 'path';
import { PassThrough } from 'stream';
import { progressBar } from '../../../src';
import { formatBytes } from '../../../src/customizations/s3/transfer/progress-bar';

const ROOT = path.resolve(__dirname, '../../..');

/** A stream that says it is a terminal, and what was written to it with the escape codes removed. */
function fakeTerminal(): { stream: PassThrough & { isTTY: boolean; columns: number }; text(): string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  let raw = '';
  stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
  // eslint-disable-next-line no-control-regex
  return { stream, text: () => raw.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '') };
}

describe('progressBar', () => {
  afterEach(() => jest.useRealTimers());

  it('formats bytes in binary units', () => {
    expect([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(12 * 1024 * 1024), formatBytes(3 * 1024 ** 3)]).toEqual(['0 B', '1023 B', '1.5 KiB', '12.0 MiB', '3.0 GiB']);
  });

  describe('off a terminal: sparse lines', () => {
    it('prints a line per quarter crossed (at most one a second), then one when complete, and stops by itself', () => {
      jest.useFakeTimers({ now: 1_000_000 });
      const lines: string[] = [];
      const bar = progressBar(1000, { label: 'upload big.bin', tty: false, log: (l) => lines.push(l) });
      // Many small increments within the first second: no line (the quarters are crossed too soon).
      for (let i = 0; i < 30; i++) bar(10);
      expect(lines).toEqual([]);
      jest.setSystemTime(1_001_500);
      bar(300); // 600: past the half, 1.5 s in
      expect(lines).toEqual(['upload big.bin: 600 B / 1000 B (60%)']);
      jest.setSystemTime(1_001_700);
      bar(200); // 800: the third quarter, but only 0.2 s after the last line
      expect(lines).toHaveLength(1);
      jest.setSystemTime(1_002_000);
      bar(200); // complete
      expect(lines[1]).toBe('upload big.bin: 1000 B / 1000 B (100%) in 2.0 s, 500 B/s');
      expect(bar.value).toBe(1000);
      bar(100); // after the end: ignored
      bar.stop();
      expect(lines).toHaveLength(2);
      expect(bar.value).toBe(1000);
    });

    it('prints a heartbeat every 10 s while no quarter is crossed, and where a stopped transfer stopped', () => {
      jest.useFakeTimers({ now: 0 });
      const lines: string[] = [];
      const bar = progressBar(10 * 1024 * 1024, { label: 'download k', tty: false, log: (l) => lines.push(l) });
      jest.setSystemTime(10_000);
      bar(1024 * 1024);
      expect(lines).toEqual(['download k: 1.0 MiB / 10.0 MiB (10%)']);
      jest.setSystemTime(12_000);
      bar(-512 * 1024); // a retried range gives back what it lost
      bar.stop();
      expect(lines[1]).toBe('download k: stopped at 512.0 KiB / 10.0 MiB (5%) after 12 s');
    });

    it('counts other units, with an unknown total until setTotal', () => {
      jest.useFakeTimers({ now: 0 });
      const lines: string[] = [];
      const bar = progressBar(undefined, { label: 'PutObject', unit: 'objects', tty: false, log: (l) => lines.push(l) });
      bar(50);
      expect(bar.total).toBeUndefined();
      jest.setSystemTime(10_000);
      bar(50);
      expect(lines).toEqual(['PutObject: 100 objects']);
      bar.setTotal(100); // already there: complete
      expect(lines[1]).toBe('PutObject: 100 / 100 objects (100%) in 10 s, 10.0 objects/s');
    });

    it('writes to the given stream when there is one, and to console.log otherwise', () => {
      const out: string[] = [];
      const stream = new PassThrough();
      stream.on('data', (c: Buffer) => out.push(c.toString()));
      progressBar(1, { label: 'x', stream })(1);
      expect(out.join('')).toMatch(/^x: 1 B \/ 1 B \(100%\) in [\d.]+ s, .*\n$/);
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        progressBar(0, { label: 'empty', tty: false }); // nothing to transfer: complete at once
        expect(log).toHaveBeenCalledWith(expect.stringMatching(/^empty: 0 B \/ 0 B \(100%\)/));
      } finally {
        log.mockRestore();
      }
    });

    it('refuses a total that is not a non-negative number', () => {
      expect(() => progressBar(-1)).toThrow(/total must be a non-negative number or undefined, got -1/);
      expect(() => progressBar(Number.NaN)).toThrow(TypeError);
      expect(() => progressBar(1, { tty: false, log: () => undefined }).setTotal(-5)).toThrow(/setTotal: total must be a non-negative number, got -5/);
    });
  });

  describe('on a terminal: a bar redrawn in place (cli-progress)', () => {
    it('draws the bar, the percentage, the bytes and the rate, and ends its line when complete', () => {
      const term = fakeTerminal();
      const bar = progressBar(4 * 1024 * 1024, { label: 'upload big.bin', stream: term.stream });
      bar(1024 * 1024);
      expect(term.text()).toMatch(/upload big\.bin: \[░{30}\]\s+0% 0 B \/ 4\.0 MiB/); // the first draw
      bar(3 * 1024 * 1024);
      const text = term.text();
      expect(text).toMatch(/upload big\.bin: \[█{30}\] 100% 4\.0 MiB \/ 4\.0 MiB \| [\d.]+ (B|KiB|MiB|GiB)\/s \| done in [\d.]+ s\n$/);
      // Nothing more after the end.
      bar(1);
      expect(term.text()).toBe(text);
    });

    it('never keeps a program alive: a bar nobody stops lets node exit', () => {
      const program = `
        const { PassThrough } = require('stream');
        const { progressBar } = require('./src/customizations/s3/transfer/progress-bar');
        const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
        stream.resume();
        const bar = progressBar(100, { stream });
        bar(10);
        console.log('drawn at', bar.value);`;
      // A bar that held its redraw timer would hang here until the timeout kills node.
      const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', program], { cwd: ROOT, encoding: 'utf8', timeout: 20000 });
      expect(out.trim()).toBe('drawn at 10');
    });
  });
});
