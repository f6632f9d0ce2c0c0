import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { aggiungiVoceDiario, correggiVoceDiario, testoVoce } from './diario';
import { alle, cartellaAperta, certo, replica, sincronizza } from './fixtures';
import { leggiCartella } from './vista';

/** The prof view is re-read after every keystroke: only what changed may be new. */
describe('reading a long diary again', () => {
  it('keeps the same object for entries that did not change, and re-reads the one typed into', () => {
    const c = cartellaAperta('2024-05-02');
    const a = certo(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'colloquio', testo: 'Prima voce.' }, alle('2024-05-02')));
    const b = certo(aggiungiVoceDiario(c, { data: '2024-05-03', tipo: 'telefonata', testo: 'Seconda voce.' }, alle('2024-05-03')));
    const prima = leggiCartella(c).prof?.diario ?? [];
    const t = (testoVoce(c.prof as Y.Doc, b)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.insert(t.length, ' Aggiunta in diretta.');
    const dopo = leggiCartella(c).prof?.diario ?? [];
    const voce = (l: typeof dopo, id: string) => l.find((v) => v.id === id);
    expect(voce(dopo, a)).toBe(voce(prima, a));
    expect(voce(dopo, b)).not.toBe(voce(prima, b));
    expect(voce(dopo, b)?.testo).toBe('Seconda voce. Aggiunta in diretta.');
    expect(Object.isFrozen(voce(dopo, b))).toBe(true);
  });

  it('gives the original a new value when a correction links to it, and the correction is listed', () => {
    const c = cartellaAperta('2024-05-02');
    const orig = certo(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'telefonata', testo: 'Luca.' }, alle('2024-05-02')));
    const prima = leggiCartella(c).prof?.diario.find((v) => v.id === orig);
    const corr = certo(correggiVoceDiario(c, { corregge: orig, testo: 'Marco, non Luca.' }, alle('2024-05-06')));
    const dopo = leggiCartella(c).prof?.diario.find((v) => v.id === orig);
    expect(prima?.correttaDa).toEqual([]);
    expect(dopo?.correttaDa).toEqual([corr]);
  });

  it('reads a change that arrives from a colleague (a remote update) like a local one', () => {
    const c = cartellaAperta('2024-05-02');
    const id = certo(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'colloquio', testo: 'Uno.' }, alle('2024-05-02')));
    const altra = replica(c);
    expect(leggiCartella(c).prof?.diario[0]?.testo).toBe('Uno.');
    const t = (testoVoce(altra.prof as Y.Doc, id)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.insert(3, ' e due');
    sincronizza(altra.prof as Y.Doc, c.prof as Y.Doc);
    expect(leggiCartella(c).prof?.diario[0]?.testo).toBe('Uno e due.');
  });

  it('reads the current state inside a transaction, not a value kept from before it', () => {
    const c = cartellaAperta('2024-05-02');
    const id = certo(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'colloquio', testo: 'Prima.' }, alle('2024-05-02')));
    expect(leggiCartella(c).prof?.diario[0]?.testo).toBe('Prima.');
    let dentro: string | undefined;
    (c.prof as Y.Doc).transact(() => {
      const t = (testoVoce(c.prof as Y.Doc, id)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      t.insert(0, 'Ora. ');
      dentro = leggiCartella(c).prof?.diario[0]?.testo;
    });
    expect(dentro).toBe('Ora. Prima.');
    expect(leggiCartella(c).prof?.diario[0]?.testo).toBe('Ora. Prima.');
  });
});
