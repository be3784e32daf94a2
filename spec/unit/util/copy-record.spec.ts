/** copyRecord: the copy `{ ...record }` makes, including for keys that come from data. */
import { copyRecord, setOwn } from '../../../src/util/objects';

describe('copyRecord', () => {
  it('copies own keys, values and order; the copy is a new object', () => {
    const headers = { 'Content-Type': 'a', 'x-amz-date': 'b', Host: 'c' };
    const copy = copyRecord(headers);
    expect(copy).not.toBe(headers);
    expect(Object.entries(copy)).toEqual(Object.entries(headers));
    copy.Host = 'changed';
    expect(headers.Host).toBe('c');
  });

  it('keeps a `__proto__` header as an own key, as a spread does (Object.assign would set the prototype)', () => {
    const headers: Record<string, string> = { a: '1' };
    setOwn(headers, '__proto__', 'data');
    const copy = copyRecord(headers);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toBe('data');
    expect(Object.keys(copy)).toEqual(['a', '__proto__']);
  });

  it('copies own enumerable symbols and leaves inherited keys behind, like a spread', () => {
    const tag = Symbol('tag');
    const record = Object.assign(Object.create({ inherited: 1 }) as Record<string | symbol, unknown>, { own: 2, [tag]: 3 });
    const copy = copyRecord(record);
    expect(copy).toEqual({ ...record });
    expect(copy[tag]).toBe(3);
    expect('inherited' in copy).toBe(false);
  });
});
