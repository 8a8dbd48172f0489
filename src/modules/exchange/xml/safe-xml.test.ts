import { describe, expect, it } from 'vitest';
import { VigiaError } from '../../../core/errors.js';
import { parseXmlSafely } from './safe-xml.js';
import { escapeXml, xmlElement } from './xml-writer.js';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<dataValueSet><dataValue value="&lol3;"/></dataValueSet>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<dataValueSet><dataValue comment="&xxe;"/></dataValueSet>`;

function refusal(xml: string): VigiaError {
  try {
    parseXmlSafely(xml, 'upload.xml');
  } catch (e) {
    if (e instanceof VigiaError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('parseXmlSafely', () => {
  it('reads elements, local names, attributes, text and lines', () => {
    const root = parseXmlSafely('\ufeff<a:root xmlns:a="urn:x" xml:lang="es">\n <b k="1 &amp; 2">hi &lt;there&gt;</b>\n <c><![CDATA[x<y]]></c></a:root>');
    expect(root.name).toBe('root');
    expect(root.attrs).toEqual({ 'xml:lang': 'es' });
    expect(root.children.map((c) => [c.name, c.line, c.text])).toEqual([
      ['b', 2, 'hi <there>'],
      ['c', 3, 'x<y'],
    ]);
    expect(root.children[0]?.attrs.k).toBe('1 & 2');
  });

  it('refuses an entity expansion bomb without expanding it', () => {
    const e = refusal(BILLION_LAUGHS);
    expect(e.kind).toBe('validation');
    expect(e.message).toMatch(/declares entities/);
    expect(e.details[0]).toMatchObject({ file: 'upload.xml', row: expect.any(Number) });
  });

  it('refuses an external entity and never reads the file', () => {
    const e = refusal(EXTERNAL_ENTITY);
    expect(e.message).toMatch(/declares entities/);
    expect(JSON.stringify(e.details)).not.toContain('root:');
  });

  it('refuses an external DTD and an undeclared entity reference', () => {
    expect(refusal('<!DOCTYPE x SYSTEM "http://evil/x.dtd"><x/>').message).toMatch(/external DTD/);
    expect(refusal('<x a="&nope;"/>').message).toMatch(/predefined XML entities/);
  });

  it('refuses truncated, empty and malformed documents with the line', () => {
    const truncated = refusal('<dataValueSet>\n<dataValue value="1"/>\n<dataValue value="2"');
    expect(truncated.message).toMatch(/not well-formed|truncated/);
    expect(truncated.details[0]?.row).toBeGreaterThanOrEqual(3);
    expect(refusal('<a><b></a>').message).toMatch(/not well-formed/);
    expect(refusal('   ').message).toMatch(/empty document|not well-formed/);
  });

  it('enforces byte, element and depth limits', () => {
    expect(() => parseXmlSafely('<a>' + 'x'.repeat(2000) + '</a>', 'f.xml', { maxBytes: 1000 })).toThrow(/larger than/);
    expect(() => parseXmlSafely('<a>' + '<b/>'.repeat(11) + '</a>', 'f.xml', { maxElements: 10 })).toThrow(/more than 10 elements/);
    expect(() => parseXmlSafely('<a><a><a><a/></a></a></a>', 'f.xml', { maxDepth: 3 })).toThrow(/deeper than 3/);
  });
});

describe('xml writer', () => {
  it('escapes text and attributes and skips empty attributes', () => {
    expect(escapeXml(`<a & "b" 'c'>`)).toBe('&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;');
    expect(xmlElement('v', { a: '1<2', b: undefined, c: '' })).toBe('<v a="1&lt;2"/>');
    expect(xmlElement('t', {}, 'x & y', { text: true })).toBe('<t>x &amp; y</t>');
    expect(parseXmlSafely(xmlElement('r', { q: `"'<>&` }, xmlElement('n', {}, 'é&', { text: true }))).children[0]?.text).toBe('é&');
  });
});
