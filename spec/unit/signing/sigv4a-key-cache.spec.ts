/**
 * SigV4a's derived keys are cached per access key id, the last 10, least recently used out first
 * (a RecencyMap: a hit marks its entry used, no Map delete and set per call).
 */
import { sigV4aPrivateKey } from '../../../src/signing/sigv4a';

describe('sigV4aPrivateKey cache', () => {
  const id = (n: number): string => `AKIDCACHE${n}`;

  it('returns the cached key for the same credentials, a new one for another secret', () => {
    const a = sigV4aPrivateKey(id(0), 'secret-0');
    expect(sigV4aPrivateKey(id(0), 'secret-0')).toBe(a);
    expect(sigV4aPrivateKey(id(0), 'secret-0')).toBe(a);
    const other = sigV4aPrivateKey(id(0), 'another-secret');
    expect(other).not.toBe(a);
    expect(sigV4aPrivateKey(id(0), 'another-secret')).toBe(other);
  });

  it('keeps the 10 most recently used: a key used again (twice in a row) outlives older ones', () => {
    const keys = Array.from({ length: 10 }, (_, n) => sigV4aPrivateKey(id(100 + n), 's'));
    // The first key used again, twice: it becomes the most recent once.
    expect(sigV4aPrivateKey(id(100), 's')).toBe(keys[0]);
    expect(sigV4aPrivateKey(id(100), 's')).toBe(keys[0]);
    // An eleventh key pushes out the least recently used, id 101.
    sigV4aPrivateKey(id(200), 's');
    expect(sigV4aPrivateKey(id(100), 's')).toBe(keys[0]);
    expect(sigV4aPrivateKey(id(102), 's')).toBe(keys[2]);
    expect(sigV4aPrivateKey(id(101), 's')).not.toBe(keys[1]);
  });

  it('a key used again after a newer one was added is moved to the most recent place', () => {
    const first = sigV4aPrivateKey(id(300), 's');
    for (let n = 1; n < 10; n++) sigV4aPrivateKey(id(300 + n), 's');
    // id 300 becomes the most recent (once), then a newer key (310) pushes out id 301.
    expect(sigV4aPrivateKey(id(300), 's')).toBe(first);
    expect(sigV4aPrivateKey(id(300), 's')).toBe(first);
    sigV4aPrivateKey(id(310), 's');
    // Used again after 310: it must move behind 310, or the next nine keys push it out.
    expect(sigV4aPrivateKey(id(300), 's')).toBe(first);
    for (let n = 0; n < 9; n++) sigV4aPrivateKey(id(400 + n), 's');
    expect(sigV4aPrivateKey(id(300), 's')).toBe(first);
  });
});
