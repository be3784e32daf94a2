/**
 * The CBOR writer and the strict reader (src/protocols/cbor-writer.ts, cbor-reader.ts): RFC 8949
 * Appendix A's examples, the writer's shortest heads and float widths, round trips, every kind of
 * malformed input the reader refuses, and a seeded differential against botocore's own CBOR
 * parser (skipped with a notice without python3 and botocore): on thousands of valid and damaged
 * items, whatever botojs accepts botocore accepts whole with the same value.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { CborSyntaxError, CborValue, decodeCbor, MAX_DEPTH } from '../../../src/protocols/cbor-reader';
import { CborWriter, encodeCbor } from '../../../src/protocols/cbor-writer';

const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');
const dec = (h: string) => decodeCbor(hex(h));
const enc = (v: unknown) => encodeCbor(v).toString('hex');

describe('CBOR reader: RFC 8949 Appendix A', () => {
  it.each<[string, unknown]>([
    ['00', 0],
    ['01', 1],
    ['17', 23],
    ['1818', 24],
    ['1903e8', 1000],
    ['1a000f4240', 1000000],
    ['1b000000e8d4a51000', 1000000000000],
    ['1b001fffffffffffff', Number.MAX_SAFE_INTEGER],
    ['1b0020000000000000', 2n ** 53n],
    ['1bffffffffffffffff', 18446744073709551615n],
    ['c249010000000000000000', 18446744073709551616n],
    ['3bffffffffffffffff', -18446744073709551616n],
    ['c349010000000000000000', -18446744073709551617n],
    ['20', -1],
    ['29', -10],
    ['3863', -100],
    ['3903e7', -1000],
    ['f90000', 0],
    ['f98000', -0],
    ['f93c00', 1],
    ['fb3ff199999999999a', 1.1],
    ['f93e00', 1.5],
    ['f97bff', 65504],
    ['fa47c35000', 100000],
    ['fa7f7fffff', 3.4028234663852886e38],
    ['fb7e37e43c8800759c', 1e300],
    ['f90001', 5.960464477539063e-8],
    ['f90400', 0.00006103515625],
    ['f9c400', -4],
    ['fbc010666666666666', -4.1],
    ['f97c00', Infinity],
    ['f9fc00', -Infinity],
    ['fa7f800000', Infinity],
    ['fb7ff0000000000000', Infinity],
    ['f4', false],
    ['f5', true],
    ['f6', null],
    ['f7', null],
    ['c11a514b67b0', new Date(1363896240000)],
    ['c1fb41d452d9ec200000', new Date(1363896240500)],
    ['c48221196ab3', 273.15],
    ['40', Buffer.alloc(0)],
    ['4401020304', hex('01020304')],
    ['60', ''],
    ['6161', 'a'],
    ['6449455446', 'IETF'],
    ['62225c', '"\\'],
    ['62c3bc', '\u00fc'],
    ['63e6b0b4', '\u6c34'],
    ['64f0908591', '\ud800\udd51'],
    ['80', []],
    ['83010203', [1, 2, 3]],
    ['8301820203820405', [1, [2, 3], [4, 5]]],
    ['a0', {}],
    ['a26161016162820203', { a: 1, b: [2, 3] }],
    ['826161a161626163', ['a', { b: 'c' }]],
    ['5f42010243030405ff', hex('0102030405')],
    ['7f657374726561646d696e67ff', 'streaming'],
    ['9fff', []],
    ['9f018202039f0405ffff', [1, [2, 3], [4, 5]]],
    ['83018202039f0405ff', [1, [2, 3], [4, 5]]],
    ['bf61610161629f0203ffff', { a: 1, b: [2, 3] }],
    ['bf6346756ef563416d7421ff', { Fun: true, Amt: -2 }],
  ])('%s', (h, expected) => {
    const v = dec(h);
    if (typeof expected === 'number' && Number.isNaN(expected)) expect(Number.isNaN(v)).toBe(true);
    else expect(v).toEqual(expected);
    if (Object.is(expected, -0)) expect(Object.is(v, -0)).toBe(true);
  });

  it('reads NaN in every width', () => {
    for (const h of ['f97e00', 'f97c01', 'fa7fc00000', 'fb7ff8000000000000']) expect(Number.isNaN(dec(h))).toBe(true);
  });

  it('keeps `__proto__` as a key, and the last of a repeated key', () => {
    const v = dec('a2695f5f70726f746f5f5f01616102') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(dec('a2616101616102')).toEqual({ a: 2 });
  });

  it('hands out byte strings as copies, not views of the body', () => {
    const body = hex('4401020304');
    const b = decodeCbor(body) as Buffer;
    body[1] = 9;
    expect(b).toEqual(hex('01020304'));
  });
});

describe('CBOR reader: malformed input is refused', () => {
  const refused = (h: string, message: RegExp) => {
    let caught: unknown;
    try {
      dec(h);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CborSyntaxError);
    expect((caught as Error).message).toMatch(message);
  };

  it.each<[string, string, RegExp]>([
    ['empty input', '', /unexpected end of data at byte 0/],
    ['an integer cut short', '1a0001', /unexpected end of data at byte 1/],
    ['a string cut short', '644945', /length 4 exceeds the 2 bytes left at byte 0/],
    ['a map missing its value', 'a16161', /unexpected end of data at byte 3/],
    ['an indefinite array without its break', '9f0102', /missing break/],
    ['bytes after the item', '0000', /1 bytes after the data item at byte 1/],
    ['reserved additional information 28', '1c', /reserved additional information 28 at byte 0/],
    ['reserved additional information 30 (text)', '7e', /reserved additional information 30/],
    ['an indefinite-length integer', '1f', /indefinite length not allowed here at byte 0/],
    ['an indefinite-length tag', 'df', /indefinite length not allowed here/],
    ['a break at top level', 'ff', /break outside an indefinite-length item at byte 0/],
    ['a break inside a definite array', '82ff01', /break outside/],
    ['a text chunk in an indefinite byte string', '5f6161ff', /chunk of an indefinite-length byte string is not a definite byte string at byte 1/],
    ['a nested indefinite chunk', '7f7f6161ffff', /chunk of an indefinite-length text string is not a definite text string/],
    ['text that is not UTF-8', '62c328', /text string is not valid UTF-8 at byte 0/],
    ['a lone surrogate in UTF-8', '63eda080', /not valid UTF-8/],
    ['a long text that is not UTF-8', `78${(40).toString(16)}${'61'.repeat(39)}ff`, /not valid UTF-8/],
    ['a map key that is not text', 'a10102', /map key is not a text string at byte 1/],
    ['a byte-string map key', 'a1416101', /map key is not a text string/],
    ['an unsupported tag', 'c074323031332d30332d32315432303a30343a30305a', /unsupported tag 0 at byte 0/],
    ['tag 1 holding text', 'c16161', /tag 1 \(epoch time\) does not hold a finite number at byte 1/],
    ['tag 1 holding NaN', 'c1f97e00', /does not hold a finite number/],
    ['tag 1 past any Date', 'c1fb7fefffffffffffff', /tag 1 \(epoch time\) .* is out of range/],
    ['tag 2 holding text', 'c26161', /tag 2 \(bignum\) does not hold a byte string/],
    ['tag 4 that is not a pair', 'c48101', /tag 4 \(decimal fraction\) is not \[exponent, mantissa\]/],
    ['simple value 0', 'e0', /unsupported simple value \(additional information 0\)/],
    ['a one-byte simple value', 'f820', /unsupported simple value \(additional information 24\)/],
    ['a length beyond the body', '5b0000000100000000', /length 4294967296 exceeds the 0 bytes left/],
    ['a count beyond the body', '9a7fffffff', /length 2147483647 exceeds the 0 bytes left/],
    ['a 64-bit length past 2^53', '7bffffffffffffffff', /exceeds/],
  ])('%s', (_name, h, message) => refused(h, message));

  it(`refuses nesting deeper than ${MAX_DEPTH}, without exhausting the stack`, () => {
    expect(() => decodeCbor(Buffer.alloc(100000, 0x81))).toThrow(new RegExp(`nesting deeper than ${MAX_DEPTH}`));
    const ok = Buffer.concat([Buffer.alloc(MAX_DEPTH, 0x81), hex('00')]);
    expect(() => decodeCbor(ok)).not.toThrow();
  });

  it('refuses every proper prefix of a valid item', () => {
    const whole = encodeCbor({ a: [1, 'two', { three: Buffer.from('4') }], b: 1.5, c: -70000, d: new Date(1e12), e: 'x'.repeat(300) });
    for (let n = 0; n < whole.length; n++) expect(() => decodeCbor(whole.subarray(0, n))).toThrow(CborSyntaxError);
  });
});

describe('CBOR writer', () => {
  it('writes integer heads in their shortest form, 64-bit values exactly', () => {
    const cases: Array<[number | bigint, string]> = [
      [0, '00'], [23, '17'], [24, '1818'], [255, '18ff'], [256, '190100'], [65535, '19ffff'], [65536, '1a00010000'],
      [4294967295, '1affffffff'], [4294967296, '1b0000000100000000'], [Number.MAX_SAFE_INTEGER, '1b001fffffffffffff'],
      [2 ** 60, '1b1000000000000000'], [18446744073709551615n, '1bffffffffffffffff'], [-1, '20'], [-24, '37'], [-25, '3818'],
      [-256, '38ff'], [-257, '390100'], [-18446744073709551616n, '3bffffffffffffffff'], [5n, '05'],
    ];
    for (const [n, h] of cases) {
      const w = new CborWriter(1);
      w.integer(n);
      expect([n, w.finish().toString('hex')]).toEqual([n, h]);
      // Past 2^53 the reader gives a bigint, whatever the writer was handed.
      const big = BigInt(n);
      const safe = big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= -BigInt(Number.MAX_SAFE_INTEGER);
      expect(decodeCbor(w.finish())).toEqual(safe ? Number(n) : big);
    }
  });

  it('refuses integers CBOR cannot hold, and fractions', () => {
    const w = new CborWriter();
    expect(() => w.integer(2n ** 64n)).toThrow(RangeError);
    expect(() => w.integer(-(2n ** 64n) - 1n)).toThrow(/does not fit a 64-bit CBOR integer/);
    expect(() => w.integer(1.5)).toThrow(/1.5 is not an integer/);
  });

  it('writes float members in 4 bytes, doubles in 8, NaN and infinities as half floats (botocore)', () => {
    const w = new CborWriter();
    w.float32(7.625);
    w.float64(1.889);
    w.float32(NaN);
    w.float64(Infinity);
    w.float32(-Infinity);
    expect(w.finish().toString('hex')).toBe('fa40f40000' + 'fb3ffe395810624dd3' + 'f97e00' + 'f97c00' + 'f9fc00');
    expect(() => new CborWriter().float32(1e39)).toThrow(/too large for a 4-byte float/);
  });

  it('writes text as UTF-8 (short ASCII, non-ASCII, long), bytes, booleans, null and tags', () => {
    expect(enc('IETF')).toBe('6449455446');
    expect(enc('\u00fc')).toBe('62c3bc');
    expect(enc('\ud800\udd51')).toBe('64f0908591');
    const long = 'é'.repeat(100);
    expect(enc(long)).toBe(`78c8${Buffer.from(long).toString('hex')}`);
    expect(enc(Buffer.from([1, 2]))).toBe('420102');
    expect(enc([true, false, null, undefined])).toBe('84f5f4f6f6');
    expect(enc(new Date(1363896240000))).toBe('c11a514b67b0');
    expect(enc({ a: 1, skip: undefined, b: [2, 3] })).toBe('a26161016162820203');
  });

  it('grows its buffer as needed', () => {
    const w = new CborWriter(1);
    const big = Buffer.alloc(5000, 7);
    w.bytes(big);
    w.text('x'.repeat(3000));
    const out = decodeCbor(Buffer.concat([hex('82'), w.finish()]));
    expect(out).toEqual([big, 'x'.repeat(3000)]);
  });

  it('round-trips untyped data through the reader', () => {
    const values: CborValue[] = [
      { nested: { list: [1, -2, 3.5, 'x', null, true], bytes: Buffer.from('abc') }, when: new Date(1700000000123), big: 2n ** 63n, neg: -(2n ** 63n) },
      ['', 'ü', '😀', -0.5, 1e-7, Number.MAX_SAFE_INTEGER],
      {},
      [],
    ];
    for (const v of values) expect(decodeCbor(encodeCbor(v))).toEqual(v);
  });
});

// ---------------------------------------------------------------- against botocore

/** Seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(rnd: () => number, depth: number): unknown {
  const pick = Math.floor(rnd() * (depth > 3 ? 8 : 11));
  const int = () => [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, 2 ** 53 - 1][Math.floor(rnd() * 9)] * (rnd() < 0.3 ? -1 : 1);
  switch (pick) {
    case 0:
      return int();
    case 1:
      return rnd() < 0.5 ? rnd() * 1e6 - 5e5 : [NaN, Infinity, -Infinity, 0.1, 1e300][Math.floor(rnd() * 5)];
    case 2:
      return ['', 'a', 'héllo', '水', '😀', 'x'.repeat(40)][Math.floor(rnd() * 6)];
    case 3:
      return Buffer.from([0, 1, 255].slice(0, Math.floor(rnd() * 4)));
    case 4:
      return rnd() < 0.5;
    case 5:
      return null;
    case 6:
      return new Date(Math.floor(rnd() * 2e12));
    case 7:
      return rnd() < 0.5 ? 2n ** 60n : -(2n ** 62n);
    case 8:
      return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(rnd() * 4); i > 0; i--) out[`k${Math.floor(rnd() * 5)}`] = randomValue(rnd, depth + 1);
      return out;
    }
  }
}

/** Some items in forms the writer never produces: indefinite lengths, chunks, half and single floats. */
const HANDMADE = [
  'bf6161016162820203ff', '5f42010243030405ff', '7f657374726561646d696e67ff', '9f018202039f0405ffff', 'f93e00', 'fa47c35000',
  'f90001', 'c1f93e00', 'c11a514b67b0', 'bf61619f6162ff6163f6ff', 'a1616160', 'c4822119ffff', 'c249010000000000000000',
];

function mutate(rnd: () => number, item: Buffer): Buffer {
  const b = Buffer.from(item);
  const at = Math.floor(rnd() * Math.max(1, b.length));
  switch (Math.floor(rnd() * 4)) {
    case 0:
      if (b.length) b[at] = Math.floor(rnd() * 256);
      return b;
    case 1:
      return Buffer.concat([b.subarray(0, at), Buffer.from([Math.floor(rnd() * 256)]), b.subarray(at)]);
    case 2:
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
    default:
      if (b.length) b[at] ^= 1 << Math.floor(rnd() * 8);
      return b;
  }
}

/** Our value as the python side normalizes botocore's (maps without their null values, as botocore drops them). */
function normalize(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : { $float: String(v) };
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : { $bigint: v.toString() };
  if (Buffer.isBuffer(v)) return { $bytes: v.toString('hex') };
  if (v instanceof Date) return { $epochMs: v.getTime() };
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== null) out[k] = normalize(x);
    }
    return out;
  }
  return v;
}

function botocoreDecodes(items: Buffer[]): Array<{ ok: boolean; whole?: boolean; value?: unknown; error?: string }> | undefined {
  try {
    const out = execFileSync('python3', [path.join(__dirname, 'cbor-botocore.py')], { input: JSON.stringify(items.map((b) => b.toString('hex'))), maxBuffer: 1 << 28 });
    return JSON.parse(out.toString('utf8')) as Array<{ ok: boolean; whole?: boolean; value?: unknown; error?: string }>;
  } catch (e) {
    console.log(`[botojs] python3 with botocore is not available (${(e as Error).message.split('\n')[0]}): skipping the CBOR differential against botocore`);
    return undefined;
  }
}

describe('CBOR reader against botocore (seeded, mutated items)', () => {
  it('accepts only what botocore reads whole, with the same value; refuses everything botocore refuses', () => {
    const rnd = prng(20260101);
    const valid: Buffer[] = [...HANDMADE.map(hex)];
    for (let i = 0; i < 400; i++) valid.push(encodeCbor(randomValue(rnd, 0)));
    const items = [...valid];
    for (const v of valid) for (let k = 0; k < 8; k++) items.push(mutate(rnd, v));
    const theirs = botocoreDecodes(items);
    if (!theirs) return;
    const problems: string[] = [];
    let accepted = 0;
    let strictOnly = 0;
    items.forEach((item, i) => {
      const ref = theirs[i];
      let ours: { value: unknown } | { error: unknown };
      try {
        ours = { value: decodeCbor(item) };
      } catch (e) {
        if (!(e instanceof CborSyntaxError)) problems.push(`${item.toString('hex')}: threw ${String(e)}`);
        ours = { error: e };
      }
      if ('value' in ours) {
        accepted++;
        // Beyond botocore by design: tags 2-4 (bignums, decimals) and Dates past Python's year 9999.
        const allowed = !ref.ok && /tag not supported by botocore: [234]$|year .* is out of range|out of range/.test(ref.error ?? '');
        if (allowed) return;
        if (!ref.ok || !ref.whole) problems.push(`${item.toString('hex')}: we accept, botocore ${ref.ok ? 'leaves bytes unread' : ref.error}`);
        else if (JSON.stringify(normalize(ours.value)) !== JSON.stringify(ref.value)) {
          const a = JSON.stringify(normalize(ours.value));
          const b = JSON.stringify(ref.value);
          // Timestamps: botocore keeps microseconds, a Date milliseconds.
          if (a.replace(/"\$epochMs":-?\d+/g, '') !== b.replace(/"\$epochMs":-?\d+/g, '')) problems.push(`${item.toString('hex')}: ${a} != ${b}`);
        }
      } else if (ref.ok && ref.whole) strictOnly++;
    });
    if (process.env.CBOR_DIFF_STATS) console.log({ items: items.length, accepted, strictOnly });
    expect(problems.slice(0, 20)).toEqual([]);
    // Most damaged items are still refused by both; make sure the run compared real values too.
    expect(accepted).toBeGreaterThan(400);
    expect(strictOnly).toBeLessThan(items.length / 4);
  });
});
