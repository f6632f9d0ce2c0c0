/**
 * Plain text of rich-text fragments: cached for speed, never stale — after local edits, after
 * a colleague's update, and inside the transaction that changes it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { aggiungiParagrafi, testoPiano } from './testo';

function fragmentWith(text: string): { doc: Y.Doc; f: Y.XmlFragment } {
  const doc = new Y.Doc();
  const f = doc.getXmlFragment('t');
  doc.transact(() => aggiungiParagrafi(f, text));
  return { doc, f };
}

describe('testoPiano', () => {
  it('reads paragraphs as lines and follows every later edit', () => {
    const { doc, f } = fragmentWith('prima riga\nseconda riga');
    expect(testoPiano(f)).toBe('prima riga\nseconda riga');
    doc.transact(() => aggiungiParagrafi(f, 'terza'));
    expect(testoPiano(f)).toBe('prima riga\nseconda riga\nterza');
    const first = f.get(0) as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, '» ');
    expect(testoPiano(f)).toBe('» prima riga\nseconda riga\nterza');
  });

  it("sees a colleague's update applied from another replica", () => {
    const a = fragmentWith('colloquio');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
    const fb = b.getXmlFragment('t');
    expect(testoPiano(fb)).toBe('colloquio');
    a.doc.transact(() => aggiungiParagrafi(a.f, 'visita domiciliare'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b)));
    expect(testoPiano(fb)).toBe('colloquio\nvisita domiciliare');
  });

  it('is never stale inside the transaction that changes the text', () => {
    const { doc, f } = fragmentWith('uno');
    expect(testoPiano(f)).toBe('uno');
    doc.transact(() => {
      aggiungiParagrafi(f, 'due');
      expect(testoPiano(f)).toBe('uno\ndue');
    });
    expect(testoPiano(f)).toBe('uno\ndue');
  });
});
