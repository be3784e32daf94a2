import { parseTimestamp } from '../../../../src/protocols/parse/timestamps';

const at = (v: unknown): number => parseTimestamp(v).getTime();

describe('parseTimestamp', () => {
  test('ISO 8601 with and without fractional seconds', () => {
    expect(at('2014-04-29T18:30:38Z')).toBe(Date.UTC(2014, 3, 29, 18, 30, 38));
    expect(at('2014-04-29T18:30:38.123Z')).toBe(Date.UTC(2014, 3, 29, 18, 30, 38, 123));
    // Microseconds are cut to milliseconds, not rounded up past the instant.
    expect(at('2014-04-29T18:30:38.123999Z')).toBe(Date.UTC(2014, 3, 29, 18, 30, 38, 123));
  });

  test("the canonical form's fast path gives the general path's instants, edge cases included", () => {
    // Each pair: the form the fast path reads, and one only the general (regex) path reads.
    const pairs: Array<[string, string]> = [
      ['2024-05-06T07:08:09Z', '2024-05-06T07:08:09+00:00'],
      ['2024-05-06T07:08:09.999Z', '2024-05-06T07:08:09.999+00:00'],
      ['2024-12-31T23:59:59.000Z', '2024-12-31T23:59:59.000000Z'],
      // Out-of-range fields roll over as Date.UTC makes them, on both paths.
      ['2024-13-01T24:00:60Z', '2024-13-01T24:00:60+00:00'],
    ];
    for (const [fast, general] of pairs) expect(at(fast)).toBe(at(general));
    // Years below 100 are literal (the fast path leaves them to the general one).
    expect(parseTimestamp('0099-01-02T03:04:05Z').getUTCFullYear()).toBe(99);
    expect(() => parseTimestamp('2024-05-06T07:08:0xZ')).toThrow('Invalid timestamp');
  });

  test('ISO 8601 offsets and a missing zone (taken as UTC)', () => {
    expect(at('2019-12-16T22:48:18-01:00')).toBe(Date.UTC(2019, 11, 16, 23, 48, 18));
    expect(at('2019-12-17T00:48:18+0100')).toBe(Date.UTC(2019, 11, 16, 23, 48, 18));
    expect(at('2014-04-29T18:30:38')).toBe(Date.UTC(2014, 3, 29, 18, 30, 38));
  });

  test('RFC 822 / HTTP dates', () => {
    expect(at('Tue, 29 Apr 2014 18:30:38 GMT')).toBe(Date.UTC(2014, 3, 29, 18, 30, 38));
  });

  test('epoch seconds as numbers and strings, fractions included', () => {
    expect(at(1398796238)).toBe(1398796238000);
    expect(at(1398796238.123)).toBe(1398796238123);
    expect(at('1398796238')).toBe(1398796238000);
    expect(at('1398796238.5')).toBe(1398796238500);
    expect(at(0)).toBe(0);
  });

  test("HTTP dates (IMF-fixdate) read directly give Date.parse's instants, edge cases included", () => {
    // 2,000 instants from 1901 to 2099, written as servers write Last-Modified.
    let t = Date.UTC(1901, 0, 1);
    const step = Math.floor((Date.UTC(2099, 11, 31) - t) / 2000) + 7919;
    for (let i = 0; i < 2000; i++, t += step) {
      const header = new Date(Math.floor(t / 1000) * 1000).toUTCString();
      expect(at(header)).toBe(Date.parse(header));
    }
    const edges = [
      'Mon, 31 Feb 2026 11:32:10 GMT', // rolls over to March, as Date.parse does
      'Mon, 29 Feb 2024 00:00:00 GMT',
      'Xyz, 07 Dec 2026 11:32:10 GMT', // the weekday's name is not checked, as Date.parse does not
      'Mon, 07 dec 2026 11:32:10 GMT', // lower-case month: the general path
      'Mon, 07 Dec 0099 11:32:10 GMT', // a year below 100: the general path's fix-up
      'Mon, 07 Dec 2026 24:00:00 GMT', // hour 24: the general path
      'Mon, 07 Dec 2026 23:59:60 GMT', // second 60: the general path
    ];
    for (const header of edges) expect([header, at(header)]).toEqual([header, Date.parse(header)]);
    // Not letters where the weekday goes: the general path, as before.
    for (const odd of ['123, 07 Dec 2026 11:32:10 GMT', '-05, 07 Dec 2026 11:32:10 GMT']) {
      if (Number.isNaN(Date.parse(odd))) expect(() => parseTimestamp(odd)).toThrow(/Invalid timestamp/);
      else expect([odd, at(odd)]).toEqual([odd, Date.parse(odd)]);
    }
    expect(() => parseTimestamp('Mon, 00 Dec 2026 11:32:10 GMT')).toThrow(/Invalid timestamp/);
    expect(() => parseTimestamp('Mon, 07 Dec 2026 23:60:00 GMT')).toThrow(/Invalid timestamp/);
  });

  test('rejects garbage', () => {
    expect(() => parseTimestamp('not a date')).toThrow(/Invalid timestamp/);
    expect(() => parseTimestamp(null)).toThrow(TypeError);
  });
});
