/**
 * @module siuss/testkit/xsd
 * Test-only: reads the two SIUSS schemas (tests/data/siuss/) into the few facts the export's
 * tables must agree with — each complex type's attributes in order, whether required, and
 * their simple type (base, enumeration, pattern, length bounds). A tag scanner, not a general
 * XSD processor: enough for these two files, whose structure the tests pin down.
 */
import { readFileSync } from 'node:fs';

interface Node {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Node[];
}

/** What the schema says about one attribute. */
export interface XsdAttribute {
  readonly name: string;
  readonly required: boolean;
  readonly base: string;
  readonly enumeration?: readonly string[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
}

function parse(text: string): Node {
  const root: Node = { tag: '#root', attrs: {}, children: [] };
  const stack: Node[] = [root];
  const clean = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  for (const m of clean.matchAll(/<(\/?)([\w:]+)((?:\s+[\w:]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, tag = '', rawAttrs = '', selfClosing] = m;
    if (closing) {
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w:]+)="([^"]*)"/g)) attrs[a[1] ?? ''] = a[2] ?? '';
    const node: Node = { tag, attrs, children: [] };
    stack[stack.length - 1]?.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  return root.children[0] ?? root;
}

/** A parsed schema file. */
export class Xsd {
  private readonly schema: Node;

  constructor(path: string | URL) {
    this.schema = parse(readFileSync(path, 'utf8'));
  }

  private named(tag: string, name: string): Node {
    const n = this.schema.children.find((c) => c.tag === tag && c.attrs['name'] === name);
    if (!n) throw new Error(`${tag} ${name} not found`);
    return n;
  }

  /** The restriction of a simple type, named or inline. */
  private restriction(simpleType: Node): XsdAttribute & { name: '' } {
    const r = simpleType.children.find((c) => c.tag === 'xs:restriction');
    if (!r) throw new Error('simpleType without restriction');
    const facet = (t: string): string | undefined => r.children.find((c) => c.tag === t)?.attrs['value'];
    const num = (t: string): number | undefined => (facet(t) === undefined ? undefined : Number(facet(t)));
    const enumeration = r.children.filter((c) => c.tag === 'xs:enumeration').map((c) => c.attrs['value'] ?? '');
    const length = num('xs:length');
    return {
      name: '', required: false, base: r.attrs['base'] ?? '',
      ...(enumeration.length > 0 ? { enumeration } : {}),
      ...(facet('xs:pattern') === undefined ? {} : { pattern: facet('xs:pattern') }),
      ...(length ?? num('xs:minLength')) === undefined ? {} : { minLength: length ?? num('xs:minLength') },
      ...(length ?? num('xs:maxLength')) === undefined ? {} : { maxLength: length ?? num('xs:maxLength') },
      ...(num('xs:minInclusive') === undefined ? {} : { minInclusive: num('xs:minInclusive') }),
      ...(num('xs:maxInclusive') === undefined ? {} : { maxInclusive: num('xs:maxInclusive') }),
    };
  }

  /** A named simple type's facts (e.g. `ComposizioneFamigliaType`). */
  simpleType(name: string): XsdAttribute {
    return this.restriction(this.named('xs:simpleType', name));
  }

  /** The attributes of a named complex type, in declaration order. */
  attributes(complexType: string): readonly XsdAttribute[] {
    return this.named('xs:complexType', complexType).children.filter((c) => c.tag === 'xs:attribute').map((a) => {
      const inline = a.children.find((c) => c.tag === 'xs:simpleType');
      const type = a.attrs['type'];
      const facts = inline ? this.restriction(inline) : type ? this.simpleType(type) : undefined;
      if (!facts) throw new Error(`attribute ${a.attrs['name'] ?? ''} without type`);
      return { ...facts, name: a.attrs['name'] ?? '', required: a.attrs['use'] === 'required' };
    });
  }

  /** The names of the elements of a complex type's sequence, in order. */
  sequence(complexType: string): readonly string[] {
    const seq = this.named('xs:complexType', complexType).children.find((c) => c.tag === 'xs:sequence');
    return (seq?.children ?? []).filter((c) => c.tag === 'xs:element').map((c) => c.attrs['name'] ?? '');
  }
}

/** The official schemas as copied under tests/data/siuss/. */
export const XSD_PS = new URL('../../../tests/data/siuss/PS_PSA_SINA201812.xsd', import.meta.url);
export const XSD_SINBA = new URL('../../../tests/data/siuss/SINBA.xsd', import.meta.url);
