/**
 * `Expect: 100-continue`, as botocore's AWSConnection sends it (botocore/awsrequest.py): the
 * headers go first, and the body waits for the server's word.
 *
 * - `100 Continue` arrives: the body is sent.
 * - A final response arrives first (S3's 403, a region redirect's 301/400): the body is never
 *   sent, the response is the call's answer, and the connection is closed once that response
 *   has been read, since the server may still be waiting for the body it announced and the
 *   socket cannot carry another request. The response says `requestBodyUnsent`, so a stream body
 *   (untouched) may be sent again by a retry.
 * - Nothing within EXPECT_CONTINUE_WAIT_MS of the headers going out (a server or proxy that
 *   ignores Expect): the body is sent anyway, as botocore does after its one-second wait. A
 *   `100 Continue` that comes later is skipped by Node's parser.
 *
 * The wait starts once the connection is up (TCP, and TLS for https), when the headers can
 * actually leave, as botocore's wait starts after its send of the headers.
 */
import type * as http from 'http';
import { getHeader } from '../util/headers';
import type { InFlight } from './in-flight';
import { onceConnected } from './pooled-agent';

/** How long to wait for `100 Continue` before sending the body anyway (botocore: 1 second). */
export const EXPECT_CONTINUE_WAIT_MS = 1000;

/** How much longer than the wait a read timeout must be to be left running through it. */
const READ_TIMER_MARGIN_MS = 1000;

/** Whether the request asks the server to continue before its body is sent. */
export function expectsContinue(headers: Record<string, string>): boolean {
  return getHeader(headers, 'expect')?.trim().toLowerCase() === '100-continue';
}

/** Sends the headers now and calls `sendBody` once the server lets it (see the module header). */
export function sendAfterContinue(req: http.ClientRequest, flight: InFlight, sendBody: () => void): void {
  let decided = false;
  let timer: NodeJS.Timeout | undefined;
  // The wait is bounded by its own timer, not by readTimeout (botocore's wait_for_read does not
  // apply it either): a read timer that could fire within the wait is off while it runs and back
  // on when it ends. A longer one (the default 60 s) is left alone: the headers just went out,
  // so it cannot fire before the wait is over, and the body's write restarts it.
  const pauseReadTimer = flight.settings.readTimeoutMs > 0 && flight.settings.readTimeoutMs <= EXPECT_CONTINUE_WAIT_MS + READ_TIMER_MARGIN_MS;
  const endWait = (): void => {
    decided = true;
    if (timer === undefined) return;
    clearTimeout(timer);
    if (pauseReadTimer) req.socket?.setTimeout(flight.settings.readTimeoutMs);
  };
  const send = (): void => {
    if (decided) return;
    endWait();
    sendBody();
  };
  const withhold = (res: http.IncomingMessage): void => {
    if (decided) return;
    endWait();
    flight.bodyWithheld = true;
    // The request is never ended, so Node never pools its socket: close it once the answer is
    // read (after the flight's own 'end' listener has taken the body).
    const dispose = (): void => void req.destroy();
    res.once('end', () => process.nextTick(dispose));
    res.once('close', dispose);
  };
  req.once('continue', send);
  // Before the flight's own listener, so the response it builds already knows the body stayed home.
  req.prependOnceListener('response', withhold);
  req.once('close', () => clearTimeout(timer));
  onceConnected(req, () => {
    if (decided) return;
    if (pauseReadTimer) req.socket?.setTimeout(0);
    timer = setTimeout(send, EXPECT_CONTINUE_WAIT_MS);
  });
  req.flushHeaders();
}
