/** Case-insensitive header edits (src/util/headers.ts), the one home every layer uses. */
import { deleteHeader, findHeader, getHeader, hasHeader, setHeader, takeHeader } from '../../../src/util/headers';

describe('case-insensitive header edits', () => {
  it('find, has and get match any spelling (the first one found)', () => {
    const h = { 'Content-Type': 'a', Expect: '100-continue' };
    expect(findHeader(h, 'content-type')).toBe('Content-Type');
    expect(hasHeader(h, 'expect')).toBe(true);
    expect(hasHeader(h, 'content-length')).toBe(false);
    expect(getHeader(h, 'expect')).toBe('100-continue');
    expect(getHeader(h, 'expec')).toBeUndefined();
    expect(getHeader({ 'x-a': '1', 'X-A': '2' }, 'x-a')).toBe('1');
  });

  it('delete and take remove every spelling; take returns the last spelling\'s value', () => {
    const h: Record<string, string> = { 'x-a': '1', 'X-A': '2', other: 'o' };
    expect(takeHeader(h, 'x-a')).toBe('2');
    expect(h).toEqual({ other: 'o' });
    expect(takeHeader(h, 'x-a')).toBeUndefined();
    expect(deleteHeader(h, 'other')).toBe(true);
    expect(deleteHeader(h, 'other')).toBe(false);
    // An empty value is still a header that was there.
    expect(deleteHeader({ 'X-Empty': '' }, 'x-empty')).toBe(true);
    expect(takeHeader({ 'X-Empty': '' }, 'x-empty')).toBe('');
  });

  it('set replaces every spelling with one entry under the given name', () => {
    const h: Record<string, string> = { 'x-amz-date': 'old', 'X-AMZ-DATE': 'older' };
    setHeader(h, 'X-Amz-Date', 'new');
    expect(h).toEqual({ 'X-Amz-Date': 'new' });
  });
});
