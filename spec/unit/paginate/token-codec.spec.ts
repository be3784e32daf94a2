import { decodeToken, encodeToken } from '../../../src/paginate/token-codec';

// Expected strings are what botocore's TokenEncoder produces for the same dictionaries.
describe('resume token codec', () => {
  it('encodes exactly as botocore (json.dumps separators, key order)', () => {
    expect(encodeToken({ Marker: null, boto_truncate_amount: 5 })).toBe('eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiA1fQ==');
    expect(encodeToken({ KeyMarker: 'k1', VersionIdMarker: 'v1' })).toBe('eyJLZXlNYXJrZXIiOiAiazEiLCAiVmVyc2lvbklkTWFya2VyIjogInYxIn0=');
  });

  it('escapes non-ASCII and DEL as Python ensure_ascii does', () => {
    expect(encodeToken({ ContinuationToken: 'abc/\u00e9\u2603\x7f' })).toBe('eyJDb250aW51YXRpb25Ub2tlbiI6ICJhYmMvXHUwMGU5XHUyNjAzXHUwMDdmIn0=');
  });

  it('base64s binary values and lists their paths in boto_encoded_keys', () => {
    const token = { ExclusiveStartKey: { pk: { B: Buffer.from([0, 1, 255]) }, sk: { S: 'x' } }, boto_truncate_amount: 2 };
    const encoded = encodeToken(token);
    expect(encoded).toBe(
      'eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IkIiOiAiQUFILyJ9LCAic2siOiB7IlMiOiAieCJ9fSwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMiwgImJvdG9fZW5jb2RlZF9rZXlzIjogW1siRXhjbHVzaXZlU3RhcnRLZXkiLCAicGsiLCAiQiJdXX0=',
    );
    const decoded = decodeToken(encoded);
    expect(decoded).toEqual(token);
    expect(Buffer.isBuffer((decoded.ExclusiveStartKey as { pk: { B: unknown } }).pk.B)).toBe(true);
    expect('boto_encoded_keys' in decoded).toBe(false);
  });

  it('keeps a DynamoDB key attribute named __proto__ (or constructor) in the token, binary ones too', () => {
    const key = JSON.parse('{"__proto__":{"S":"x"},"constructor":{"M":{"__proto__":{"N":"1"}}},"prototype":{"B":"AAE="}}');
    key.prototype.B = Buffer.from([0, 1]);
    const decoded = decodeToken(encodeToken({ ExclusiveStartKey: key })) as { ExclusiveStartKey: Record<string, unknown> };
    const start = decoded.ExclusiveStartKey;
    expect(Object.keys(start)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getPrototypeOf(start)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(start, '__proto__')?.value).toEqual({ S: 'x' });
    expect(start).toEqual(key);
  });

  it('round-trips strings with unicode', () => {
    const t = { NextToken: 'ünïcødé ☃ "quoted"\n', boto_truncate_amount: 0 };
    expect(decodeToken(encodeToken(t))).toEqual(t);
  });

  it('writes a bigint as Python writes an int, as request bodies do (one json.dumps writer)', () => {
    // Python: json.dumps({"Marker": 12345678901234567890}) -> '{"Marker": 12345678901234567890}'
    expect(Buffer.from(encodeToken({ Marker: 12345678901234567890n }), 'base64').toString('utf8')).toBe('{"Marker": 12345678901234567890}');
  });

  it('rejects strings that are not tokens', () => {
    expect(() => decodeToken('not a token!')).toThrow();
    expect(() => decodeToken(Buffer.from('[1,2]').toString('base64'))).toThrow();
  });
});
