/**
 * A stream request body, sent so that a request that fails before any of it was read leaves the
 * caller's stream untouched: the retry loop may then send that same stream again
 * (`HTTPClientError.requestBodyUnsent`, src/pipeline/make-api-call.ts), as botocore rewinds its
 * seekable bodies and retries connection errors.
 *
 * Nothing is pulled from the stream (no pipe, no 'data' listener, no flowing mode) until the
 * connection is up and the event loop has polled for I/O once more, so a refused connection, a
 * connect timeout, a failed handshake, or a pooled connection the server had already closed
 * (its close waiting to be read) all fail with the stream as it was given. The first 'data'
 * event marks the body as read: from then on a failure is final, as before.
 */
import type * as http from 'http';
import type { Readable } from 'stream';
import { HTTPClientError } from '../errors';
import type { InFlight } from './in-flight';
import { onceConnected } from './pooled-agent';

/**
 * Runs `fn` after the event loop's next poll for I/O (two check phases away, whichever phase
 * schedules it): a close or reset the server has already sent is seen first.
 */
function afterNextPoll(fn: () => void): void {
  setImmediate(() => setImmediate(fn));
}

/** Pipes `body` into `req` once its connection is ready; see the module header. */
export function sendStreamBody(req: http.ClientRequest, body: Readable, flight: InFlight, onProgress?: (bytes: number) => void): void {
  const onError = (err: Error): void => {
    // A stream that failed cannot be sent again, read or not.
    flight.streamBody = 'read';
    flight.fail(new HTTPClientError(`Failed to read the request body for ${flight.url}: ${err.message}`, flight.url, { cause: err }));
  };
  const onData = (chunk: Buffer | string): void => {
    flight.streamBody = 'read';
    onProgress?.(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
  };
  let piped = false;
  // Once, on failure or when the request closes: stop pulling from the stream (it stays the
  // caller's) and stop counting it. If none of it was read, leave it as it came (paused, none of
  // our listeners); a stream partly read keeps our 'error' listener, so a later failure of it
  // cannot become an unhandled 'error' event.
  const stop = (): void => {
    flight.stopBody = undefined;
    if (piped) body.unpipe(req);
    body.removeListener('data', onData);
    if (flight.streamBody !== 'read') body.removeListener('error', onError);
  };
  flight.stopBody = stop;
  body.once('error', onError);
  req.once('close', () => flight.stopBody?.());
  onceConnected(req, () =>
    afterNextPoll(() => {
      if (flight.error || req.destroyed) return;
      piped = true;
      body.on('data', onData);
      body.pipe(req);
    }),
  );
}
