/**
 * @module siuss/xml
 * Writing XML 1.0 by hand, safely: escaping for attribute values and text, and the refusal of
 * characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage
 * return; U+FFFE, U+FFFF; unpaired surrogates). Such characters are refused, never removed:
 * silently changing a value sent to INPS would put in an official record something nobody
 * wrote. The exporter checks every value first (facets.ts) and reports the field instead, so
 * a person corrects it; the escapers throw if one still gets here (a programming error).
 */

/** Any character outside XML 1.0's `Char` production (lone surrogates included, thanks to /u). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** True when every character of `s` may appear in an XML 1.0 document. */
export function isXmlText(s: string): boolean {
  return !NOT_XML_CHAR.test(s);
}

/** The first character of `s` that XML 1.0 refuses, as `U+XXXX`, or undefined. */
export function firstNonXmlChar(s: string): string | undefined {
  const cp = NOT_XML_CHAR.exec(s)?.[0].codePointAt(0);
  return cp === undefined ? undefined : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function assertXmlText(s: string): void {
  const c = firstNonXmlChar(s);
  if (c !== undefined) throw new RangeError(`character not allowed in XML 1.0: ${c}`);
}

const REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
  '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

/**
 * Escapes a value for a double-quoted attribute. Tab, newline and carriage return become
 * character references, or attribute-value normalisation would turn them into spaces.
 * @throws RangeError on a character XML 1.0 refuses.
 */
export function escapeAttribute(s: string): string {
  assertXmlText(s);
  return s.replace(/[&<>"'\t\n\r]/g, (c) => REFERENCES[c] ?? c);
}

/**
 * Escapes character data. A carriage return becomes `&#13;` (end-of-line handling would fold
 * it into a newline). @throws RangeError on a character XML 1.0 refuses.
 */
export function escapeText(s: string): string {
  assertXmlText(s);
  return s.replace(/[&<>\r]/g, (c) => REFERENCES[c] ?? c);
}

/** An element to serialise: attributes in the given order, then either children or text. */
export interface XmlElement {
  readonly name: string;
  readonly attributes?: ReadonlyArray<readonly [string, string]>;
  readonly children?: readonly XmlElement[];
  readonly text?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function write(e: XmlElement, indent: string, lines: string[]): void {
  if (!NAME.test(e.name)) throw new RangeError(`invalid element name: ${e.name}`);
  const attrs = (e.attributes ?? []).map(([k, v]) => {
    if (!NAME.test(k)) throw new RangeError(`invalid attribute name: ${k}`);
    return ` ${k}="${escapeAttribute(v)}"`;
  }).join('');
  const children = e.children ?? [];
  if (e.text !== undefined) {
    lines.push(`${indent}<${e.name}${attrs}>${escapeText(e.text)}</${e.name}>`);
  } else if (children.length === 0) {
    lines.push(`${indent}<${e.name}${attrs}/>`);
  } else {
    lines.push(`${indent}<${e.name}${attrs}>`);
    for (const c of children) write(c, `${indent}  `, lines);
    lines.push(`${indent}</${e.name}>`);
  }
}

/**
 * Serialises a document: the UTF-8 declaration, then `root` two-space indented, with a final
 * newline. The caller encodes the string as UTF-8 (e.g. `new TextEncoder().encode(xml)`).
 */
export function xmlDocument(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', lines);
  return `${lines.join('\n')}\n`;
}
