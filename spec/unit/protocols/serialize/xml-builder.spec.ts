import { XmlElement, escapeXmlAttribute, escapeXmlText } from '../../../../src/protocols/xml-builder';

describe('XmlElement', () => {
  it('writes nested elements, attributes and empty elements', () => {
    const root = new XmlElement('Root');
    root.setAttribute('xmlns', 'urn:a');
    root.child('A').text = '1';
    root.child('Empty');
    root.setAttribute('xmlns', 'urn:b');
    expect(root.toString()).toBe('<Root xmlns="urn:b"><A>1</A><Empty /></Root>');
  });

  it('escapes text and attributes as ElementTree does', () => {
    expect(escapeXmlText('a&b<c>"d"\n')).toBe('a&amp;b&lt;c&gt;"d"\n');
    expect(escapeXmlAttribute('a&"<>\n\t\r')).toBe('a&amp;&quot;&lt;&gt;&#10;&#09;&#13;');
  });
});
