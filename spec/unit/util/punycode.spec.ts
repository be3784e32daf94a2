/**
 * The `xn--` label check that keeps endpoint validation the same on every Node release (Node 24's
 * URL parser accepts labels that 20 and 22 refuse). Decoded values are Python's
 * `codecs.decode(b, 'punycode')` for the same input.
 */
import { decodePunycode, isValidPunycodeLabel } from '../../../src/util/punycode';
import { joinUrl } from '../../../src/pipeline/url';
import { InvalidEndpointError } from '../../../src/errors';

describe('decodePunycode', () => {
  it.each([
    ['bcher-kva', 'bücher'],
    ['mnchen-3ya', 'münchen'],
    ['fiqs8s', '中国'],
    ['p1ai', 'рф'],
    ['ls8h', '\u{1F4A9}'],
    ['zca', 'ß'],
    ['abc-', 'abc'],
    ['a', '\u0080'],
    ['egbpdaj6bu4bxfgehfvwxn', 'ليهمابتكلموشعربي؟'],
    ['ihqwcrb4cv8a8dqg056pqjye', '他们为什么不说中文'],
  ])('%j -> %j', (input, expected) => {
    expect(decodePunycode(input)).toBe(expected);
  });

  it.each(['zz', 'q', 'bcher-kv', 'bcher-k!a', 'é', '99999999999'])('%j is not punycode', (input) => {
    expect(decodePunycode(input)).toBeUndefined();
  });
});

describe('isValidPunycodeLabel', () => {
  it('accepts A-labels in either case and every label without xn--', () => {
    for (const label of ['xn--bcher-kva', 'XN--BCHER-KVA', 'xn--fiqs8s', 'xn--zca', 'bucket', 'a_b', 'xn-a']) expect(isValidPunycodeLabel(label)).toBe(true);
  });

  it('refuses labels that do not decode, decode to ASCII only, to a disallowed code point, or do not round-trip', () => {
    // xn--a decodes to U+0080 (a control character); xn--abc- to plain "abc".
    for (const label of ['xn--', 'xn--a', 'xn--zz', 'xn--abc-', 'xn--abc']) expect(isValidPunycodeLabel(label)).toBe(false);
    // xn--wca is a capital Ü, which IDNA maps to ü (xn--tda): it does not round-trip.
    expect(decodePunycode('wca')).toBe('Ü');
    expect(isValidPunycodeLabel('xn--wca')).toBe(false);
    expect(isValidPunycodeLabel('xn--tda')).toBe(true);
  });

  it('decides the endpoint check whatever the Node URL parser accepts', () => {
    expect(() => joinUrl('https://xn--zz.example.com', { method: 'GET', path: '/', query: [], headers: {}, body: undefined })).toThrow(InvalidEndpointError);
    expect(joinUrl('https://xn--bcher-kva.example.com', { method: 'GET', path: '/k', query: [], headers: {}, body: undefined })).toBe('https://xn--bcher-kva.example.com/k');
  });
});
