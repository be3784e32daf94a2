import { fillIdempotencyTokens } from '../../../../src/protocols/serialize';
import { makeOp } from './model-helper';

const op = makeOp('json', {
  Input: {
    type: 'structure',
    members: { Token: { shape: 'Str', idempotencyToken: true }, Other: { shape: 'Str' }, Nested: { shape: 'Nested' } },
  },
  Nested: { type: 'structure', members: { Inner: { shape: 'Str', idempotencyToken: true } } },
  Str: { type: 'string' },
});

describe('fillIdempotencyTokens', () => {
  it('fills a missing top-level token without mutating the input', () => {
    const params = { Other: 'x' };
    const out = fillIdempotencyTokens(op.input, params, () => 'fixed');
    expect(out).toEqual({ Other: 'x', Token: 'fixed' });
    expect(params).toEqual({ Other: 'x' });
  });

  it('keeps a caller-supplied token and returns the same object', () => {
    const params = { Token: 'mine' };
    expect(fillIdempotencyTokens(op.input, params, () => 'fixed')).toBe(params);
  });

  it('does not descend into nested structures (botocore fills top-level members only)', () => {
    expect(fillIdempotencyTokens(op.input, { Token: 't', Nested: {} }, () => 'fixed')).toEqual({ Token: 't', Nested: {} });
  });

  it('generates UUID4s by default', () => {
    const out = fillIdempotencyTokens(op.input, {});
    expect(out.Token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('tolerates operations without input', () => {
    const params = {};
    expect(fillIdempotencyTokens(undefined, params)).toBe(params);
  });
});
