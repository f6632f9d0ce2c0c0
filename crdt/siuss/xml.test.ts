import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, firstNonXmlChar, isXmlText, xmlDocument } from './xml';

describe('XML escaping', () => {
  it('escapes the five markup characters in attribute values', () => {
    expect(escapeAttribute(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
  });

  it('keeps tab, newline and carriage return in attributes as character references (not normalised to spaces)', () => {
    expect(escapeAttribute('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('escapes &, <, > and carriage return in text, leaving quotes, tabs and newlines as they are', () => {
    expect(escapeText(`x & y <z> "q" 'a'\t\n\r`)).toBe(`x &amp; y &lt;z&gt; "q" 'a'\t\n&#13;`);
  });

  it('leaves ordinary text, accented letters and characters beyond the BMP untouched', () => {
    const s = 'Attività è già 😀 €';
    expect(escapeAttribute(s)).toBe(s);
    expect(escapeText(s)).toBe(s);
  });

  it('refuses (never strips) characters XML 1.0 cannot carry', () => {
    for (const c of ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00']) {
      expect(isXmlText(`ab${c}cd`)).toBe(false);
      expect(() => escapeAttribute(`ab${c}cd`)).toThrow(RangeError);
      expect(() => escapeText(`ab${c}cd`)).toThrow(RangeError);
    }
    expect(firstNonXmlChar('ok\u0007ko')).toBe('U+0007');
    expect(firstNonXmlChar('ok\uDBFFko')).toBe('U+DBFF');
  });

  it('accepts every character XML 1.0 allows, including U+007F–U+009F and paired surrogates', () => {
    expect(isXmlText('\t\n\r \u007F\u0085\u009F\uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}')).toBe(true);
    expect(firstNonXmlChar('tutto bene')).toBeUndefined();
  });
});

describe('XML document', () => {
  it('writes the declaration, attributes in order, nested children, text and empty elements', () => {
    const xml = xmlDocument({
      name: 'Flusso', attributes: [['xmlns', 'urn:x'], ['Nome', 'a&b']],
      children: [{ name: 'Vuoto', attributes: [['A', '1']] }, { name: 'Lista', children: [{ name: 'Codice', text: 'A<1' }] }],
    });
    expect(xml).toBe([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Flusso xmlns="urn:x" Nome="a&amp;b">',
      '  <Vuoto A="1"/>',
      '  <Lista>',
      '    <Codice>A&lt;1</Codice>',
      '  </Lista>',
      '</Flusso>',
      '',
    ].join('\n'));
  });

  it('refuses element and attribute names that are not XML names', () => {
    expect(() => xmlDocument({ name: 'a b' })).toThrow(RangeError);
    expect(() => xmlDocument({ name: 'a', attributes: [['x="1" y', '2']] })).toThrow(RangeError);
  });
});
