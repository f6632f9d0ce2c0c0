import { describe, expect, it } from 'vitest';
import { aggiornaAnagrafica } from './anagrafica';
import { apriCartella } from './apertura';
import type { Cartella } from './cartella';
import { confermaChiusura, proponiChiusura } from './chiusura';
import { alle, cartellaDiProva, certo, EQUIPE, replica, scrive, sincronizza } from './fixtures';
import type { ScritturaId } from './ids';
import { aggiornaSchedaSinba, risolviConflittoSinba, schedaSinbaPrevista } from './sinba';
import { ingressoSinba, leggiSchedaSinba, mappaSinba } from './sinba-vista';
import { comeMese } from './schema-sinba';
import type { DataIso } from './date';

/** A twelve-year-old's cartella, opened on 2024-01-10 by rossa (area famiglia e minori). */
function minore(nascita: string | null = '2012-03-10'): Cartella {
  const c = cartellaDiProva('2024-01-10', 'cartella-sinba-01');
  certo(apriCartella(c, { iniziativa: 'ufficio', data: '2024-01-10', area: 'famiglia_minori', responsabile: EQUIPE.rossa }, alle('2024-01-10')));
  certo(aggiornaAnagrafica(c, { cognome: 'Bragetti', nome: 'Luca', dataNascita: nascita }, alle('2024-01-11')));
  return c;
}

const BASE = {
  minoreStranieroNoAcc: '2', condizioneMinore: '1', luogoVita: '1', scuolaFrequentata: '6', condizioneLavoro: '1', disabilita: '2',
  dataPrimaSegnalazione: '01/2024', fonteSegnalazione: '13', valutazioneMinore: '2', valutazioneFamigliaMinore: '2',
  segnalazioneAutoritaGiudiziaria: '2', provvedimentoGiudiziario: '2', numeroComponentiIsee: 3, composizioneFamiglia: ['3', '1'],
} as const;

describe('scheda SINBA: writing', () => {
  it('the équipe records the scheda; it reads back normalised, and the export input uses SINBA names and MM/AAAA', () => {
    const c = minore();
    expect(certo(aggiornaSchedaSinba(c, BASE, alle('2024-02-01', EQUIPE.gialla)))).toHaveLength(14);
    const v = leggiSchedaSinba(c.admin);
    expect(v.valori).toMatchObject({ luogoVita: '1', dataPrimaSegnalazione: '2024-01', numeroComponentiIsee: 3, composizioneFamiglia: ['1', '3'] });
    expect(v.ultimaModifica?.autore).toBe(EQUIPE.gialla);
    expect(v.conflitti).toEqual([]);
    const i = ingressoSinba(v);
    expect(i.valori).toMatchObject({ LuogoVita: '1', DataPrimaSegnalazione: '01/2024', NumeroComponentiISEE: 3, ComposizioneFamiglia: ['1', '3'] });
    expect(Object.keys(i.valori)).not.toContain('luogoVita');
    expect(i.inConflitto).toEqual([]);
  });

  it('months are typed as MM/AAAA or stored as AAAA-MM; anything else, and a future month, is refused', () => {
    expect(['03/2024', '3/2024', ' 03 / 2024 ', '2024-03'].map(comeMese)).toEqual(['2024-03', '2024-03', '2024-03', '2024-03']);
    expect(['13/2024', '2024-3', '03-2024', '00/2024', '01/1899', 202403].map(comeMese)).toEqual(Array(6).fill(undefined));
    const c = minore();
    expect(aggiornaSchedaSinba(c, { dataPrimaSegnalazione: '2024/01' }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'data_non_valida' });
    expect(aggiornaSchedaSinba(c, { dataSegnalazione: '03/2024' }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'data_futura' });
    certo(aggiornaSchedaSinba(c, { dataSegnalazione: '02/2024' }, alle('2024-02-01')));
  });

  it('only codes of the SINBA lists are accepted; unknown fields and repeated household codes are refused, writing nothing', () => {
    const c = minore();
    for (const modifica of [{ luogoVita: '9' }, { luogoVita: 'famiglia' }, { composizioneFamiglia: ['1', '1'] }, { composizioneFamiglia: ['7'] },
      { numeroComponentiIsee: 10 }, { codiceCittadinanzaPadre: '10' }, { colore: 'blu' }]) {
      const r = scrive(c.admin, () => expect(aggiornaSchedaSinba(c, modifica as never, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'valore_non_valido' }));
      expect(r.cambiato).toBe(false);
    }
    // one bad field refuses the whole change
    expect(scrive(c.admin, () => aggiornaSchedaSinba(c, { luogoVita: '1', scuolaFrequentata: '0' }, alle('2024-02-01'))).cambiato).toBe(false);
  });

  it('administrative staff read the scheda but may not write it: assessments and court measures are professional judgements', () => {
    const c = minore();
    expect(aggiornaSchedaSinba(c, { luogoVita: '1' }, alle('2024-02-01', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    expect(aggiornaSchedaSinba(c, { luogoVita: '1' }, alle('2024-02-01', EQUIPE.estranea))).toMatchObject({ ok: false, code: 'autore_non_membro' });
  });

  it('needs the date of birth and a minor (or someone 18 for less than a year)', () => {
    expect(aggiornaSchedaSinba(minore(null), { luogoVita: '1' }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    expect(aggiornaSchedaSinba(minore('2000-05-05'), { luogoVita: '1' }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'non_minorenne' });
    certo(aggiornaSchedaSinba(minore('2005-06-01'), { motivazioneChiusuraCarico: '3' }, alle('2024-02-01')));
    const a = { dataNascita: '2006-03-10' as DataIso };
    expect([schedaSinbaPrevista(a, '2024-03-09' as DataIso), schedaSinbaPrevista(a, '2025-03-09' as DataIso), schedaSinbaPrevista(a, '2025-03-10' as DataIso)])
      .toEqual([true, true, false]);
    expect(schedaSinbaPrevista({}, '2024-01-01' as DataIso)).toBe(false);
  });

  it('null clears a field; an unchanged value writes nothing; a closed cartella is read-only', () => {
    const c = minore();
    certo(aggiornaSchedaSinba(c, BASE, alle('2024-02-01')));
    expect(scrive(c.admin, () => expect(certo(aggiornaSchedaSinba(c, { luogoVita: '1' }, alle('2024-02-02')))).toEqual([])).cambiato).toBe(false);
    certo(aggiornaSchedaSinba(c, { luogoVita: null, composizioneFamiglia: [] }, alle('2024-02-02')));
    expect(leggiSchedaSinba(c.admin).valori).not.toHaveProperty('luogoVita');
    expect(leggiSchedaSinba(c.admin).valori).not.toHaveProperty('composizioneFamiglia');
    certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-03-01' }, alle('2024-03-01')));
    certo(confermaChiusura(c, { data: '2024-03-02' }, alle('2024-03-02')));
    expect(aggiornaSchedaSinba(c, { luogoVita: '2' }, alle('2024-03-03'))).toMatchObject({ ok: false, code: 'cartella_chiusa' });
  });
});

describe('scheda SINBA: replicas and conflicts', () => {
  it('the same field changed on two replicas is a conflict: left out of the export input, named, refused until resolved', () => {
    const a = minore();
    certo(aggiornaSchedaSinba(a, BASE, alle('2024-02-01')));
    const b = replica(a);
    certo(aggiornaSchedaSinba(a, { luogoVita: '3', scuolaFrequentata: '7' }, alle('2024-02-05', EQUIPE.rossa)));
    certo(aggiornaSchedaSinba(b, { luogoVita: '4' }, alle('2024-02-06', EQUIPE.blu)));
    sincronizza(a.admin, b.admin);
    sincronizza(b.admin, a.admin);
    for (const x of [a, b]) {
      const v = leggiSchedaSinba(x.admin);
      expect(v.conflitti.map((k) => [k.campo, k.valori.map((w) => w.valore)])).toEqual([['luogoVita', ['3', '4']]]);
      expect(v.valori.scuolaFrequentata).toBe('7'); // different fields never conflict
      const i = ingressoSinba(v);
      expect(i.inConflitto).toEqual(['LuogoVita']);
      expect(i.valori).not.toHaveProperty('LuogoVita');
    }
    expect(aggiornaSchedaSinba(a, { luogoVita: '1' }, alle('2024-02-07'))).toMatchObject({ ok: false, code: 'campo_in_conflitto' });
    expect(risolviConflittoSinba(a, { campo: 'scuolaFrequentata', scelta: 'x-1' as ScritturaId }, alle('2024-02-07'))).toMatchObject({ ok: false, code: 'conflitto_assente' });
    expect(risolviConflittoSinba(a, { campo: 'luogoVita', scelta: 'x-1' as ScritturaId }, alle('2024-02-07'))).toMatchObject({ ok: false, code: 'scelta_non_valida' });
    const scelta = leggiSchedaSinba(a.admin).conflitti[0]?.valori[1]?.scrittura as ScritturaId;
    expect(risolviConflittoSinba(a, { campo: 'luogoVita', scelta }, alle('2024-02-07', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    certo(risolviConflittoSinba(a, { campo: 'luogoVita', scelta }, alle('2024-02-07')));
    sincronizza(a.admin, b.admin);
    expect(leggiSchedaSinba(b.admin)).toMatchObject({ conflitti: [], valori: { luogoVita: '4' } });
  });

  it('whatever order the updates arrive in, every replica reads the same scheda', () => {
    const a = minore();
    const b = replica(a);
    const c = replica(a);
    certo(aggiornaSchedaSinba(a, { luogoVita: '1', fonteSegnalazione: '13' }, alle('2024-02-01')));
    certo(aggiornaSchedaSinba(b, { luogoVita: '2', valutazioneMinore: '4' }, alle('2024-02-01', EQUIPE.blu)));
    certo(aggiornaSchedaSinba(c, { composizioneFamiglia: ['1'], fonteSegnalazione: '13' }, alle('2024-02-01', EQUIPE.gialla)));
    sincronizza(c.admin, a.admin); sincronizza(b.admin, a.admin);
    sincronizza(a.admin, b.admin); sincronizza(c.admin, b.admin);
    sincronizza(b.admin, c.admin); sincronizza(a.admin, c.admin);
    const letture = [a, b, c].map((x) => JSON.stringify(leggiSchedaSinba(x.admin)));
    expect(new Set(letture).size).toBe(1);
    expect(leggiSchedaSinba(a.admin).conflitti.map((k) => k.campo)).toEqual(['luogoVita']); // equal values agree
  });

  it('a malformed write from another replica is skipped and reported, never shown or exported', () => {
    const c = minore();
    certo(aggiornaSchedaSinba(c, { luogoVita: '1' }, alle('2024-02-01')));
    const m = mappaSinba(c.admin);
    const w = { sostituisce: [], autore: EQUIPE.rossa, il: '2024-02-02T09:00:00.000Z' };
    c.admin.transact(() => {
      m.set('zz-1', { ...w, campo: 'scuolaFrequentata', valore: '42' });
      m.set('zz-2', { ...w, campo: 'IDBeneficiario', valore: 'MARIO' });
      m.set('zz-3', { ...w, campo: '__proto__', valore: '1' });
    });
    const v = leggiSchedaSinba(c.admin);
    expect(v.valori).toEqual({ luogoVita: '1' });
    expect(v.problemi.map((p) => p.chiave).sort()).toEqual(['zz-1', 'zz-2', 'zz-3']);
    expect(ingressoSinba(v).valori).toEqual({ LuogoVita: '1' });
  });
});
