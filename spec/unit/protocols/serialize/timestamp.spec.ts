import { formatTimestamp, toInstant } from '../../../../src/protocols/serialize/timestamp';

describe('toInstant', () => {
  it('reads epoch seconds, fractions included', () => {
    expect(toInstant(1398796238)).toEqual({ seconds: 1398796238, micros: 0 });
    expect(toInstant(1.5)).toEqual({ seconds: 1, micros: 500000 });
    expect(toInstant('1398796238')).toEqual({ seconds: 1398796238, micros: 0 });
  });

  it('reads Dates with millisecond precision', () => {
    expect(toInstant(new Date(Date.UTC(2014, 3, 29, 18, 30, 38, 250)))).toEqual({ seconds: 1398796238, micros: 250000 });
  });

  it('reads ISO 8601 with zones, fractions (to microseconds) and none (UTC)', () => {
    expect(toInstant('2014-04-29T18:30:38Z')).toEqual({ seconds: 1398796238, micros: 0 });
    expect(toInstant('2014-04-29T18:30:38')).toEqual({ seconds: 1398796238, micros: 0 });
    expect(toInstant('2014-04-29T20:30:38+02:00')).toEqual({ seconds: 1398796238, micros: 0 });
    expect(toInstant('2014-04-29T18:30:38.123456789Z')).toEqual({ seconds: 1398796238, micros: 123456 });
    expect(toInstant('2014-04-29')).toEqual({ seconds: 1398729600, micros: 0 });
  });

  it('rejects what is not a timestamp', () => {
    expect(() => toInstant('not a date')).toThrow(TypeError);
    expect(() => toInstant(new Date(NaN))).toThrow(TypeError);
    expect(() => toInstant({})).toThrow(TypeError);
  });
});

describe('formatTimestamp', () => {
  it('iso8601 has no fraction unless the instant has one (then six digits)', () => {
    expect(formatTimestamp(1398796238, 'iso8601')).toBe('2014-04-29T18:30:38Z');
    expect(formatTimestamp(1398796238.5, 'iso8601')).toBe('2014-04-29T18:30:38.500000Z');
  });

  it('unixTimestamp truncates to whole seconds and stays a number', () => {
    expect(formatTimestamp(1398796238.9, 'unixTimestamp')).toBe(1398796238);
    expect(formatTimestamp('2014-04-29T18:30:38Z', 'unixtimestamp')).toBe(1398796238);
  });

  it('rfc822 is the HTTP date format', () => {
    expect(formatTimestamp(1398796238, 'rfc822')).toBe('Tue, 29 Apr 2014 18:30:38 GMT');
    expect(formatTimestamp(0, 'rfc822')).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('rejects unknown formats', () => {
    expect(() => formatTimestamp(0, 'bogus')).toThrow(/Unknown timestamp format/);
  });
});
