/**
 * Writes one ranged part's body into a positional target (a file) while the body is still being
 * read, much as fs.WriteStream does: once `minimum` bytes gathered and no write runs, they are
 * written; the chunks that arrive while a write runs are written together (one writev) when it
 * finishes. The reader waits only when `limit` bytes are waiting; `finish()` writes the rest.
 *
 * Why not batches of a fixed size: a batch holds its socket chunks until it is full, long enough
 * for V8 to count their memory (external, in ArrayBuffers) as having grown since its last full
 * collection; with ten parts in flight that held 20-40 MiB and set off a mark-compact every 20 MiB
 * of a download (docs/PERFORMANCE.md, "Downloads: V8's marking threshold, the write pattern and
 * the file"). Written behind, a chunk lives about as long as gathering `minimum` bytes and one
 * write take.
 */

import { finished, Readable } from 'stream';

/** What the writer writes to: a target that takes one chunk or consecutive chunks at a position. */
export interface PositionalSink {
  write(chunk: Buffer, position: number): Promise<void>;
  writev(chunks: Buffer[], position: number): Promise<void>;
}

export class WriteBehind {
  /** The drain loop, while one runs. */
  private running: Promise<void> | undefined;
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  private waitingStart = 0;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly sink: PositionalSink,
    /** Bytes allowed to wait for the running write before the reader is held back. */
    private readonly limit: number,
    /** Bytes gathered before a write starts when none runs (the last ones go out in finish()). */
    private readonly minimum = 0,
  ) {}

  /** True once a write failed: the reader stops, and `finish()` rejects with that error. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Queues `chunk` for `position` (the byte after the previous chunk). Returns a promise to wait
   * for only when `limit` bytes are waiting; otherwise undefined, and the reader goes on. The
   * promise settles once nothing waits any more (the write in progress and the waiting bytes
   * after it), as fs.WriteStream's 'drain': letting the reader go on after the first write only
   * kept twice the bytes alive per part, and a 1 GiB download in a process with a 32 MiB heap
   * went from 807 to 323-419 MiB/s in the bench.
   */
  add(chunk: Buffer, position: number): Promise<void> | undefined {
    if (this.failure) return undefined;
    if (this.waiting.length === 0) this.waitingStart = position;
    this.waiting.push(chunk);
    this.waitingBytes += chunk.length;
    if (this.running === undefined) {
      if (this.waitingBytes >= this.minimum) this.startWaiting();
      return undefined;
    }
    return this.waitingBytes >= this.limit ? this.running : undefined;
  }

  /** Resolves once every queued chunk is written; rejects with the first failed write's error. */
  async finish(): Promise<void> {
    if (this.running === undefined && this.waiting.length > 0 && !this.failure) this.startWaiting();
    while (this.running !== undefined) await this.running;
    if (this.failure) throw this.failure.error;
  }

  /**
   * For a read that failed: what still waits is dropped (a retry writes the range again, an
   * abort deletes the file), the write in progress is waited for, and its failure rethrown.
   */
  async abandon(): Promise<void> {
    this.waiting = [];
    this.waitingBytes = 0;
    await this.finish();
  }

  private startWaiting(): void {
    this.running = this.drain();
  }

  /** Writes what waits, then whatever queued meanwhile, until nothing waits. Never rejects. */
  private async drain(): Promise<void> {
    // One turn first, so that `running` is set before this can end (a sink that throws at once
    // would otherwise clear it in `finally` before startWaiting() stored it, and finish() would
    // wait on a settled promise for ever).
    await undefined;
    try {
      while (this.waiting.length > 0) {
        const chunks = this.waiting;
        const position = this.waitingStart;
        this.waiting = [];
        this.waitingBytes = 0;
        await (chunks.length === 1 ? this.sink.write(chunks[0], position) : this.sink.writev(chunks, position));
      }
    } catch (e) {
      this.failure = { error: e };
      this.waiting = [];
      this.waitingBytes = 0;
    } finally {
      this.running = undefined;
    }
  }
}

/**
 * Reads `stream` to its end into `writer`, the first chunk at `position`, calling `onRead` with
 * each chunk's length; resolves with the position after the last chunk read (or, once a write
 * failed, the point where reading stopped: the caller's `finish()` rethrows that failure), and
 * rejects with the stream's error, an early close included (as its async iterator would).
 *
 * With 'data' events, not `for await`: an iterator costs promises, iterator results and a tick
 * per socket read. Read with events, a download makes about 40% fewer short-lived objects and
 * used about 10% less CPU (docs/PERFORMANCE.md, "Downloads: the bundle's text off the heap",
 * "Reading without an iterator"). The stream is paused while the writer holds its limit.
 */
export function readBehind(stream: Readable, writer: WriteBehind, position: number, onRead: (bytes: number) => void): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const settle = (err: unknown): void => {
      if (settled) return;
      settled = true;
      stream.removeListener('data', onData);
      stopWatching();
      if (err) reject(err);
      else resolve(position);
    };
    // A write failed: stop reading and let the connection go (destroying it is what breaking
    // out of `for await` did).
    const stop = (): void => {
      settle(undefined);
      stream.destroy();
    };
    const onData = (chunk: Buffer): void => {
      try {
        const wait = writer.add(chunk, position);
        if (writer.failed) return stop();
        position += chunk.length;
        onRead(chunk.length);
        if (wait) {
          stream.pause();
          void wait.then(() => {
            if (settled) return;
            if (writer.failed) stop();
            else stream.resume();
          });
        }
      } catch (e) {
        // A progress callback that threw: inside a 'data' listener it would otherwise escape
        // as an uncaught exception and leave this pending. It fails the read instead.
        settle(e);
        stream.destroy();
      }
    };
    const stopWatching = finished(stream, { writable: false }, (err) => settle(err));
    stream.on('data', onData);
    // A listener alone does not restart a stream someone paused.
    stream.resume();
  });
}
