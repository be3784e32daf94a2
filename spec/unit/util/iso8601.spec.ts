/**
 * The one ISO 8601 reader and writer (src/util/iso8601.ts): the serializers' toInstant and the
 * parsers' parseTimestamp read the same forms to the same instant.
 */
import { formatIso8601, parseIso8601 } from '../../../src/util/iso8601';
import { parseTimestamp } from '../../../src/protocols/parse/timestamps';
import { toInstant } from '../../../src/protocols/serialize/timestamp';

const T = 1398796238; // 2014-04-29T18:30:38Z

describe('ISO 8601', () => {
  it.each([
    ['2014-04-29T18:30:38Z', T, 0],
    ['2014-04-29t18:30:38z', T, 0],
    ['2014-04-29 18:30:38', T, 0],
    ['2014-04-29T18:30:38 UTC', T, 0],
    ['2014-04-29T18:30:38GMT', T, 0],
    ['2014-04-29T19:30:38+01', T, 0],
    ['2014-04-29T20:30:38+0200', T, 0],
    ['2014-04-29T17:30:38-01:00', T, 0],
    ['2014-04-29T18:30:38.123456789Z', T, 123456],
    ['2014-04-29T18:30:38,5Z', T, 500000],
    ['2014-04-29', 1398729600, 0],
  ])('%s', (text, seconds, micros) => {
    expect(parseIso8601(text)).toEqual({ seconds, micros });
    // Serializers and parsers read it alike.
    expect(toInstant(text)).toEqual({ seconds, micros });
    expect(parseTimestamp(text).getTime()).toBe(seconds * 1000 + Math.floor(micros / 1000));
  });

  it('keeps years 0-99 literal and refuses what is not ISO 8601', () => {
    expect(formatIso8601(parseIso8601('0099-01-02T03:04:05Z')!)).toBe('0099-01-02T03:04:05Z');
    expect(parseIso8601('Tue, 29 Apr 2014 18:30:38 GMT')).toBeUndefined();
    expect(parseIso8601('2014-04-29T18:30')).toEqual({ seconds: T - 38, micros: 0 });
    expect(parseIso8601('2014/04/29')).toBeUndefined();
  });

  it('writes seconds, micros when there are any, or always millis', () => {
    const t = { seconds: T, micros: 250000 };
    expect(formatIso8601(t)).toBe('2014-04-29T18:30:38Z');
    expect(formatIso8601(t, 'micros')).toBe('2014-04-29T18:30:38.250000Z');
    expect(formatIso8601({ seconds: T, micros: 0 }, 'micros')).toBe('2014-04-29T18:30:38Z');
    expect(formatIso8601(t, 'millis')).toBe('2014-04-29T18:30:38.250Z');
    expect(formatIso8601(new Date(T * 1000 + 999))).toBe('2014-04-29T18:30:38Z');
  });
});
