import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { aggiornaAnagrafica } from './anagrafica';
import { avvisi } from './avvisi';
import { confermaChiusura, proponiChiusura, ritiraProposta } from './chiusura';
import { conflitti, risolviConflitto } from './conflitti';
import { aggiungiVoceDiario, testoVoce } from './diario';
import { alle, cartellaAperta, certo, EQUIPE, replica, sincronizza } from './fixtures';
import type { Cartella } from './cartella';
import { leggiCartella } from './vista';
import type { ScritturaId } from './ids';

/** Two devices holding the same cartella, then working apart. */
function dueDispositivi(): [Cartella, Cartella] {
  const a = cartellaAperta('2024-01-10');
  return [a, replica(a)];
}
const scambia = (a: Cartella, b: Cartella, ordine: 'ab' | 'ba'): void => {
  if (ordine === 'ab') { sincronizza(a.admin, b.admin); sincronizza(b.admin, a.admin); } else { sincronizza(b.admin, a.admin); sincronizza(a.admin, b.admin); }
};

describe('offline conflicts of the admin part', () => {
  for (const ordine of ['ab', 'ba'] as const) {
    it(`the same field changed apart becomes a conflict with both values and authors (merge ${ordine})`, () => {
      const [a, b] = dueDispositivi();
      certo(aggiornaAnagrafica(a, { telefono: '035 111111' }, alle('2024-02-01', EQUIPE.rossa)));
      certo(aggiornaAnagrafica(b, { telefono: '035 222222' }, alle('2024-02-01', EQUIPE.verde, '11:00')));
      scambia(a, b, ordine);
      const cf = conflitti(a.admin);
      expect(cf).toHaveLength(1);
      expect(cf[0]).toMatchObject({ sezione: 'anagrafica', campo: 'telefono' });
      expect(cf[0]?.valori.map((x) => [x.valore, x.autore])).toEqual([['035 111111', EQUIPE.rossa], ['035 222222', EQUIPE.verde]]);
      expect(conflitti(b.admin)).toEqual(cf);
      expect(leggiCartella(a)).toEqual(leggiCartella(b));
      expect(avvisi(a, new Date('2024-02-02')).map((x) => x.codice)).toContain('conflitto');
    });
  }

  it('different fields changed apart merge without conflict', () => {
    const [a, b] = dueDispositivi();
    certo(aggiornaAnagrafica(a, { telefono: '035 111111' }, alle('2024-02-01')));
    certo(aggiornaAnagrafica(b, { indirizzo: 'Via dei Tigli 4' }, alle('2024-02-01', EQUIPE.verde)));
    scambia(a, b, 'ab');
    expect(conflitti(a.admin)).toEqual([]);
    expect(leggiCartella(b).admin.anagrafica).toMatchObject({ telefono: '035 111111', indirizzo: 'Via dei Tigli 4' });
  });

  it('the same value written apart is not a conflict', () => {
    const [a, b] = dueDispositivi();
    certo(aggiornaAnagrafica(a, { comuneResidenza: 'Valdoria' }, alle('2024-02-01')));
    certo(aggiornaAnagrafica(b, { comuneResidenza: 'Valdoria' }, alle('2024-02-01', EQUIPE.verde)));
    scambia(a, b, 'ba');
    expect(conflitti(a.admin)).toEqual([]);
  });

  it('conflicts are identical on three replicas whatever the order updates arrive in', () => {
    const a = cartellaAperta('2024-01-10');
    const r = [a, replica(a), replica(a)];
    const aggiornamenti: Uint8Array[] = [];
    r.forEach((x) => x.admin.on('update', (u: Uint8Array, origine: unknown) => { if (origine !== 'remoto') aggiornamenti.push(u); }));
    certo(aggiornaAnagrafica(r[0] as Cartella, { telefono: '1111' }, alle('2024-02-01', EQUIPE.rossa)));
    certo(aggiornaAnagrafica(r[1] as Cartella, { telefono: '2222' }, alle('2024-02-01', EQUIPE.blu)));
    certo(aggiornaAnagrafica(r[2] as Cartella, { telefono: '3333', email: 'x@y.it' }, alle('2024-02-01', EQUIPE.verde)));
    const viste = [[0, 1, 2], [2, 1, 0], [1, 2, 0]].map((ordine) => {
      const d = replica({ admin: a.admin, prof: null });
      for (const i of ordine) Y.applyUpdate(d.admin, aggiornamenti[i] as Uint8Array, 'remoto');
      return leggiCartella(d);
    });
    expect(viste[0]?.admin.conflitti.map((x) => x.campo)).toEqual(['telefono']);
    expect(viste[0]?.admin.conflitti[0]?.valori.map((x) => x.valore).sort()).toEqual(['1111', '2222', '3333']);
    expect(viste[0]?.admin.anagrafica.email).toBe('x@y.it');
    expect(viste[1]).toEqual(viste[0]);
    expect(viste[2]).toEqual(viste[0]);
  });

  it('risolviConflitto keeps the chosen value, records who resolved, and syncs', () => {
    const [a, b] = dueDispositivi();
    certo(aggiornaAnagrafica(a, { telefono: '035 111111' }, alle('2024-02-01')));
    certo(aggiornaAnagrafica(b, { telefono: '035 222222' }, alle('2024-02-01', EQUIPE.verde)));
    scambia(a, b, 'ab');
    expect(aggiornaAnagrafica(a, { telefono: '035 333333' }, alle('2024-02-02'))).toMatchObject({ ok: false, code: 'campo_in_conflitto' });
    const scelta = conflitti(a.admin)[0]?.valori.find((v) => v.valore === '035 222222')?.scrittura as ScritturaId;
    expect(risolviConflitto(a, { sezione: 'anagrafica', campo: 'telefono', scelta: 'zz-1' as ScritturaId }, alle('2024-02-02'))).toMatchObject({ ok: false, code: 'scelta_non_valida' });
    certo(risolviConflitto(a, { sezione: 'anagrafica', campo: 'telefono', scelta }, alle('2024-02-02')));
    sincronizza(a.admin, b.admin);
    for (const x of [a, b]) {
      const v = leggiCartella(x).admin;
      expect(v.conflitti).toEqual([]);
      expect(v.anagrafica.telefono).toBe('035 222222');
      expect(v.conflittiRisolti[0]).toMatchObject({ sezione: 'anagrafica', campo: 'telefono', valore: '035 222222', autore: EQUIPE.rossa });
    }
    expect(risolviConflitto(a, { sezione: 'anagrafica', campo: 'telefono', scelta }, alle('2024-02-03'))).toMatchObject({ ok: false, code: 'conflitto_assente' });
  });

  it('a conflict may be resolved with a new valid value', () => {
    const [a, b] = dueDispositivi();
    certo(aggiornaAnagrafica(a, { cognome: 'Rossi' }, alle('2024-02-01')));
    certo(aggiornaAnagrafica(b, { cognome: 'Russo' }, alle('2024-02-01', EQUIPE.verde)));
    scambia(a, b, 'ab');
    expect(risolviConflitto(a, { sezione: 'anagrafica', campo: 'cognome', valore: 42 }, alle('2024-02-02'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    certo(risolviConflitto(a, { sezione: 'anagrafica', campo: 'cognome', valore: 'Rossi Russo' }, alle('2024-02-02')));
    expect(leggiCartella(a).admin.anagrafica.cognome).toBe('Rossi Russo');
  });

  it('two different resolutions made apart are again a conflict; equal ones are not', () => {
    const [a, b] = dueDispositivi();
    certo(aggiornaAnagrafica(a, { telefono: '111' }, alle('2024-02-01')));
    certo(aggiornaAnagrafica(b, { telefono: '222' }, alle('2024-02-01', EQUIPE.blu)));
    scambia(a, b, 'ab');
    const [x, y] = conflitti(a.admin)[0]?.valori ?? [];
    certo(risolviConflitto(a, { sezione: 'anagrafica', campo: 'telefono', scelta: x?.scrittura as ScritturaId }, alle('2024-02-02')));
    certo(risolviConflitto(b, { sezione: 'anagrafica', campo: 'telefono', scelta: y?.scrittura as ScritturaId }, alle('2024-02-02', EQUIPE.blu)));
    scambia(a, b, 'ba');
    expect(conflitti(a.admin)[0]?.valori.map((v) => v.valore).sort()).toEqual(['111', '222']);
    const [p, q] = [replica(a), replica(b)];
    const s = conflitti(p.admin)[0]?.valori[0]?.scrittura as ScritturaId;
    certo(risolviConflitto(p, { sezione: 'anagrafica', campo: 'telefono', scelta: s }, alle('2024-02-03')));
    certo(risolviConflitto(q, { sezione: 'anagrafica', campo: 'telefono', scelta: s }, alle('2024-02-03', EQUIPE.blu)));
    scambia(p, q, 'ab');
    expect(conflitti(p.admin)).toEqual([]);
  });

  it('closing on one device while the other withdraws is a visible conflict on the closure', () => {
    const a = cartellaAperta('2024-01-10');
    certo(proponiChiusura(a, { motivo: 'conclusione', data: '2024-03-01' }, alle('2024-03-01')));
    const b = replica(a);
    certo(confermaChiusura(a, { data: '2024-03-02' }, alle('2024-03-02')));
    certo(ritiraProposta(b, { data: '2024-03-02', note: 'La persona chiede di proseguire' }, alle('2024-03-02', EQUIPE.blu)));
    scambia(a, b, 'ab');
    const cf = conflitti(a.admin);
    expect(cf.map((x) => [x.sezione, x.campo])).toEqual([['chiusura', 'stato']]);
    expect(cf[0]?.valori.map((x) => (x.valore as { stato: string }).stato).sort()).toEqual(['chiusa', 'ritirata']);
    expect(leggiCartella(a)).toEqual(leggiCartella(b));
  });

  it('only social workers resolve conflicts on the closure and the phase', () => {
    const a = cartellaAperta('2024-01-10');
    certo(proponiChiusura(a, { motivo: 'conclusione', data: '2024-03-01' }, alle('2024-03-01')));
    const b = replica(a);
    certo(confermaChiusura(a, { data: '2024-03-02' }, alle('2024-03-02')));
    certo(confermaChiusura(b, { data: '2024-03-03' }, alle('2024-03-03', EQUIPE.blu)));
    scambia(a, b, 'ab');
    expect(conflitti(a.admin).map((x) => x.campo)).toEqual(['stato']);
    const s = conflitti(a.admin)[0]?.valori[0]?.scrittura as ScritturaId;
    expect(risolviConflitto(a, { sezione: 'chiusura', campo: 'stato', scelta: s }, alle('2024-03-04', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    certo(risolviConflitto(a, { sezione: 'chiusura', campo: 'stato', scelta: s }, alle('2024-03-04')));
  });

  it('rich text written apart merges as Yjs merges it', () => {
    const a = cartellaAperta('2024-01-10');
    const id = certo(aggiungiVoceDiario(a, { data: '2024-02-01', tipo: 'colloquio', testo: 'Inizio.' }, alle('2024-02-01')));
    const b = replica(a);
    const scriviIn = (c: Cartella, t: string): void => { testoVoce(c.prof as Y.Doc, id)?.insert(1, [new Y.XmlElement('paragraph')]); (testoVoce(c.prof as Y.Doc, id)?.get(1) as Y.XmlElement).insert(0, [new Y.XmlText(t)]); };
    scriviIn(a, 'Aggiunta di Anna.');
    scriviIn(b, 'Aggiunta di Bruno.');
    sincronizza(a.prof as Y.Doc, b.prof as Y.Doc);
    sincronizza(b.prof as Y.Doc, a.prof as Y.Doc);
    const ta = leggiCartella(a).prof?.diario[0]?.testo ?? '';
    expect(ta).toContain('Aggiunta di Anna.');
    expect(ta).toContain('Aggiunta di Bruno.');
    expect(leggiCartella(b).prof?.diario[0]?.testo).toBe(ta);
  });
});
