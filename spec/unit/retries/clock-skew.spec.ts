import { CLOCK_SKEW_ERROR_CODES, ClockSkew, isClockSkewError } from '../../../src/retries';
import { errorResponse } from './retry-fixtures';

const LOCAL = Date.parse('2024-05-01T12:00:00Z');

function skewed(code: string, serverIso: string) {
  return errorResponse(403, code, { date: new Date(serverIso).toUTCString() });
}

describe('ClockSkew', () => {
  it('knows the clock-skew error codes', () => {
    expect([...CLOCK_SKEW_ERROR_CODES].sort()).toEqual(
      ['AuthFailure', 'InvalidSignatureException', 'RequestExpired', 'RequestInTheFuture', 'RequestTimeTooSkewed', 'SignatureDoesNotMatch'].sort(),
    );
    expect(isClockSkewError('RequestTimeTooSkewed')).toBe(true);
    expect(isClockSkewError('AccessDenied')).toBe(false);
    expect(isClockSkewError(undefined)).toBe(false);
  });

  it('starts uncorrected', () => {
    const c = new ClockSkew({ now: () => LOCAL });
    expect(c.offsetMs).toBe(0);
    expect(c.now().toISOString()).toBe('2024-05-01T12:00:00.000Z');
  });

  it('corrects from the Date header of a skew error and asks for one immediate retry', () => {
    const c = new ClockSkew({ now: () => LOCAL });
    const r = skewed('RequestTimeTooSkewed', '2024-05-01T12:20:00Z');
    expect(c.shouldRetry(r, 1)).toBe(true);
    expect(c.offsetMs).toBe(20 * 60 * 1000);
    expect(c.now().toISOString()).toBe('2024-05-01T12:20:00.000Z');
    // the corrected clock now agrees with the server: a second skew error is not retried
    expect(c.shouldRetry(skewed('RequestTimeTooSkewed', '2024-05-01T12:20:01Z'), 2)).toBe(false);
  });

  it('corrects a clock that runs ahead too', () => {
    const c = new ClockSkew({ now: () => LOCAL });
    expect(c.shouldRetry(skewed('InvalidSignatureException', '2024-05-01T11:00:00Z'))).toBe(true);
    expect(c.now().toISOString()).toBe('2024-05-01T11:00:00.000Z');
  });

  it('does not retry a signature error when the clocks agree (a real bad signature)', () => {
    const c = new ClockSkew({ now: () => LOCAL });
    expect(c.shouldRetry(skewed('SignatureDoesNotMatch', '2024-05-01T12:03:00Z'))).toBe(false);
    expect(c.offsetMs).toBe(0);
  });

  it('ignores other codes, missing or unparsable dates', () => {
    const c = new ClockSkew({ now: () => LOCAL });
    expect(c.shouldRetry(skewed('AccessDenied', '2024-05-01T13:00:00Z'))).toBe(false);
    expect(c.shouldRetry(errorResponse(403, 'RequestExpired'))).toBe(false);
    expect(c.shouldRetry(errorResponse(403, 'RequestExpired', { date: 'garbage' }))).toBe(false);
    expect(c.offsetMs).toBe(0);
  });

  it('falls back to the last observed date header', () => {
    const c = new ClockSkew({ now: () => LOCAL });
    c.observe(new Date('2024-05-01T14:00:00Z').toUTCString());
    c.observe(undefined);
    expect(c.offsetMs).toBe(0); // observing alone never moves the clock
    expect(c.shouldRetry(errorResponse(400, 'RequestExpired'))).toBe(true);
    expect(c.offsetMs).toBe(2 * 3600 * 1000);
  });
});
