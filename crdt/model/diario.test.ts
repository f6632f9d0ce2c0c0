import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { aggiungiVoceDiario, correggiVoceDiario, testoVoce, voceModificabile, vociDiario } from './diario';
import { alle, cartellaAperta, certo, EQUIPE } from './fixtures';
import { testoPiano } from './testo';
import { aggiungiVerbale } from './verbali';
import { registraValutazione } from './valutazione';
import { leggiCartella } from './vista';

describe('diario', () => {
  it('an entry has date, type, author and a rich text fragment Tiptap can bind to', () => {
    const c = cartellaAperta('2024-05-02');
    const id = certo(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'visita_domiciliare', testo: 'Casa in ordine.\nLa signora riferisce stanchezza.' }, alle('2024-05-02')));
    const [v] = leggiCartella(c).prof?.diario ?? [];
    expect(v).toMatchObject({ id, data: '2024-05-02', tipo: 'visita_domiciliare', autore: EQUIPE.rossa, testo: 'Casa in ordine.\nLa signora riferisce stanchezza.', correttaDa: [] });
    const f = testoVoce(c.prof as Y.Doc, id);
    expect(f).toBeInstanceOf(Y.XmlFragment);
    expect((f?.get(0) as Y.XmlElement).nodeName).toBe('paragraph');
  });

  it('text typed in the fragment (as the editor does) is read back as plain text', () => {
    const c = cartellaAperta('2024-05-02');
    const id = certo(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'colloquio' }, alle('2024-05-02')));
    const f = testoVoce(c.prof as Y.Doc, id) as Y.XmlFragment;
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    f.insert(0, [p]);
    t.insert(0, 'Compilazione in diretta');
    t.format(0, 11, { bold: true });
    expect(testoPiano(f)).toBe('Compilazione in diretta');
    expect(vociDiario(c.prof as Y.Doc)[0]?.testo).toBe('Compilazione in diretta');
  });

  it('a correction is a new entry pointing to the original, which stays readable', () => {
    const c = cartellaAperta('2024-05-02');
    const orig = certo(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'telefonata', testo: 'Telefonata con il figlio Luca.' }, alle('2024-05-02')));
    const corr = certo(correggiVoceDiario(c, { corregge: orig, testo: 'Il figlio si chiama Marco, non Luca.' }, alle('2024-05-06')));
    const d = leggiCartella(c).prof?.diario ?? [];
    expect(d).toHaveLength(2);
    expect(d[0]).toMatchObject({ id: orig, testo: 'Telefonata con il figlio Luca.', correttaDa: [corr] });
    expect(d[1]).toMatchObject({ id: corr, corregge: orig, tipo: 'telefonata', data: '2024-05-06' });
  });

  it('correcting an entry that does not exist is refused', () => {
    const c = cartellaAperta('2024-05-02');
    expect(correggiVoceDiario(c, { corregge: 'abc-1', testo: 'x' }, alle('2024-05-02'))).toMatchObject({ ok: false, code: 'voce_inesistente' });
  });

  it('entries are read in date order whatever the order of writing', () => {
    const c = cartellaAperta('2024-05-01');
    certo(aggiungiVoceDiario(c, { data: '2024-05-09', tipo: 'colloquio' }, alle('2024-05-10')));
    certo(aggiungiVoceDiario(c, { data: '2024-05-03', tipo: 'telefonata' }, alle('2024-05-10')));
    expect(leggiCartella(c).prof?.diario.map((v) => v.data)).toEqual(['2024-05-03', '2024-05-09']);
  });

  it('an entry dated in the future is refused', () => {
    const c = cartellaAperta('2024-05-02');
    expect(aggiungiVoceDiario(c, { data: '2024-05-03', tipo: 'colloquio' }, alle('2024-05-02'))).toMatchObject({ ok: false, code: 'data_futura' });
    expect(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'chiacchiera' as 'altro' }, alle('2024-05-02'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
  });

  it('educators write the diary; administrative staff cannot; without the prof key nobody can', () => {
    const c = cartellaAperta('2024-05-02');
    expect(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'colloquio' }, alle('2024-05-02', EQUIPE.gialla)).ok).toBe(true);
    expect(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'colloquio' }, alle('2024-05-02', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    expect(aggiungiVoceDiario({ admin: c.admin, prof: null }, { data: '2024-05-02', tipo: 'colloquio' }, alle('2024-05-02'))).toMatchObject({ ok: false, code: 'parte_professionale_assente' });
  });

  it("an entry's text is editable in place only by its author on the day it was written", () => {
    const c = cartellaAperta('2024-05-02');
    certo(aggiungiVoceDiario(c, { data: '2024-05-02', tipo: 'colloquio' }, alle('2024-05-02', EQUIPE.rossa, '09:00')));
    const v = leggiCartella(c).prof?.diario[0];
    if (!v) throw new Error('voce mancante');
    expect(voceModificabile(v, EQUIPE.rossa, new Date('2024-05-02T20:00:00+02:00'))).toBe(true);
    expect(voceModificabile(v, EQUIPE.blu, new Date('2024-05-02T20:00:00+02:00'))).toBe(false);
    expect(voceModificabile(v, EQUIPE.rossa, new Date('2024-05-03T08:00:00+02:00'))).toBe(false);
  });

  it('verbali need at least two participants; assessments are dated texts', () => {
    const c = cartellaAperta('2024-05-02');
    expect(aggiungiVerbale(c, { data: '2024-05-02', partecipanti: ['A. Rossa'] }, alle('2024-05-02'))).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    certo(aggiungiVerbale(c, { data: '2024-05-02', partecipanti: ['A. Rossa', 'G. Giallo (educatore)'], testo: 'Si concorda il SAD.' }, alle('2024-05-02')));
    certo(registraValutazione(c, { tipo: 'bisogno', data: '2024-05-02', testo: 'Bisogno di sostegno domiciliare.' }, alle('2024-05-02')));
    const p = leggiCartella(c).prof;
    expect(p?.verbali[0]).toMatchObject({ partecipanti: ['A. Rossa', 'G. Giallo (educatore)'], testo: 'Si concorda il SAD.' });
    expect(p?.valutazioni[0]).toMatchObject({ tipo: 'bisogno', testo: 'Bisogno di sostegno domiciliare.' });
  });
});
