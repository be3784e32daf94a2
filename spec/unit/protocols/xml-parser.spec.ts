import { parseXml, xmlAttributes, xmlChild, xmlChildNames, xmlText } from '../../../src/protocols/xml-parser';

describe('parseXml', () => {
  test('returns the root name and a tree keyed by local names', () => {
    const doc = parseXml('<?xml version="1.0"?><ns:Root xmlns:ns="urn:x"><ns:A>1</ns:A><B/><A>2</A></ns:Root>')!;
    expect(doc.rootName).toBe('Root');
    expect(xmlChildNames(doc.root)).toEqual(['A', 'B']);
    expect(xmlChild(doc.root, 'A').map(xmlText)).toEqual(['1', '2']);
    expect(xmlText(xmlChild(doc.root, 'B')[0])).toBe('');
    expect(xmlChild(doc.root, 'Missing')).toEqual([]);
  });

  test('keeps attributes (raw names), entities and leaf whitespace', () => {
    const doc = parseXml(Buffer.from('<R xmlns:xsi="urn:i"><G xsi:type="CanonicalUser">a &amp; b</G><S>  </S></R>'))!;
    const g = xmlChild(doc.root, 'G')[0];
    expect(xmlAttributes(g)['xsi:type']).toBe('CanonicalUser');
    expect(xmlText(g)).toBe('a & b');
    expect(xmlText(xmlChild(doc.root, 'S')[0])).toBe('  ');
  });

  test('empty bodies give undefined; malformed XML throws', () => {
    expect(parseXml('')).toBeUndefined();
    expect(parseXml('  \n')).toBeUndefined();
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});
