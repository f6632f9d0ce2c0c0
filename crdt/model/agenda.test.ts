import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  annullaAppuntamento, fissaAppuntamento, risolviConflittoAppuntamento, segnaNonPresentato, segnaSvolto,
  spostaAppuntamento, type AppuntamentoInput,
} from './agenda';
import { comeOra, istanteRoma, minutiTra, oraRipetuta } from './agenda-orari';
import { comeImpegnoPersonale } from './agenda-personale';
import { verificaAgenda } from './agenda-verifica';
import { leggiAgenda, MAPPA_AGENDA } from './agenda-vista';
import type { Cartella, Contesto } from './cartella';
import { confermaChiusura, proponiChiusura } from './chiusura';
import { comeData, type DataIso } from './date';
import { CODICI_ERRORE } from './errori';
import { cartellaAperta, certo, EQUIPE, replica, scrive, sincronizza } from './fixtures';
import type { AuthorKey } from './ids';
import { revocaMembro } from './members';

const d = (s: string): DataIso => comeData(s) as DataIso;
/** The context of `autore` at wall-clock `ora` in Italy on `data`. */
const a = (data: string, ora: string, autore: AuthorKey = EQUIPE.rossa): Contesto => {
  const now = istanteRoma(d(data), comeOra(ora) ?? (() => { throw new Error(ora); })());
  if (!now) throw new Error(`${data} ${ora}`);
  return { autore, now };
};
const colloquio = (over: Partial<AppuntamentoInput> = {}): AppuntamentoInput => ({
  tipo: 'colloquio', data: '2024-05-06', inizio: '09:30', fine: '10:30', luogo: 'sede',
  luogoDettaglio: 'Sportello di Via Roma 3', operatori: [EQUIPE.rossa], ...over,
});
const nuova = (): Cartella => cartellaAperta('2024-05-02');
const rifiuta = (c: Cartella, f: () => unknown): unknown => {
  const admin = scrive(c.admin, () => {
    const prof = scrive(c.prof as Y.Doc, f);
    expect(prof.cambiato).toBe(false);
  });
  expect(admin.cambiato).toBe(false);
  return undefined;
};

describe('agenda: booking', () => {
  it('the front office books an appointment in the admin part: day, times, kind, kind of place, équipe', () => {
    const c = nuova();
    let id = '';
    const prof = scrive(c.prof as Y.Doc, () => {
      const adm = scrive(c.admin, () => { id = certo(fissaAppuntamento(c, colloquio(), a('2024-05-02', '11:00', EQUIPE.verde))); });
      expect(adm).toEqual({ cambiato: true, transazioni: 1 });
    });
    expect(prof.cambiato).toBe(false);
    const [x] = leggiAgenda(c.admin).appuntamenti;
    expect(x).toMatchObject({
      id, tipo: 'colloquio', data: '2024-05-06', inizio: '09:30', fine: '10:30', luogo: 'sede',
      luogoDettaglio: 'Sportello di Via Roma 3', operatori: [EQUIPE.rossa], stato: 'programmato',
      fissatoDa: EQUIPE.verde, revisione: 0, inConflitto: false,
    });
    expect(verificaAgenda(c)).toEqual([]);
  });

  it('impossible dates and times, and an end before the start, are refused and write nothing', () => {
    const c = nuova();
    const ctx = a('2024-05-02', '11:00');
    const casi: Array<[Partial<AppuntamentoInput>, string]> = [
      [{ data: '2024-02-30' }, 'data_non_valida'],
      [{ data: '6 maggio' }, 'data_non_valida'],
      [{ inizio: '25:00' }, 'ora_non_valida'],
      [{ inizio: '9:30' }, 'ora_non_valida'],
      [{ fine: '09:30' }, 'date_incoerenti'],
      [{ inizio: '11:00', fine: '10:00' }, 'date_incoerenti'],
      [{ data: '2024-03-31', inizio: '02:30', fine: '03:30' }, 'ora_non_valida'],
      [{ tipo: 'pranzo' as 'colloquio' }, 'valore_non_valido'],
      [{ luogo: undefined as unknown as 'sede' }, 'campo_obbligatorio'],
      [{ operatori: [] }, 'campo_obbligatorio'],
      [{ operatori: [EQUIPE.estranea] }, 'operatore_non_valido'],
      [{ operatori: ['non-una-chiave'] }, 'operatore_non_valido'],
    ];
    for (const [over, code] of casi) {
      rifiuta(c, () => expect(fissaAppuntamento(c, colloquio(over), ctx), JSON.stringify(over)).toMatchObject({ ok: false, code }));
    }
    rifiuta(c, () => expect(fissaAppuntamento(c, 'domani' as never, ctx)).toMatchObject({ ok: false, code: 'input_non_valido' }));
    expect(leggiAgenda(c.admin).appuntamenti).toEqual([]);
  });

  it('a revoked member can neither book nor take part; strangers cannot book', () => {
    const c = nuova();
    certo(revocaMembro(c, { chiave: EQUIPE.blu }, a('2024-05-02', '09:00')));
    expect(fissaAppuntamento(c, colloquio({ operatori: [EQUIPE.blu] }), a('2024-05-02', '11:00'))).toMatchObject({ ok: false, code: 'operatore_non_valido' });
    expect(fissaAppuntamento(c, colloquio(), a('2024-05-02', '11:00', EQUIPE.blu))).toMatchObject({ ok: false, code: 'autore_non_membro' });
    expect(fissaAppuntamento(c, colloquio(), a('2024-05-02', '11:00', EQUIPE.estranea))).toMatchObject({ ok: false, code: 'autore_non_membro' });
  });

  it('the repeated hour when summer time ends is accepted as its first occurrence', () => {
    expect(istanteRoma(d('2024-10-27'), comeOra('02:30') as never)?.toISOString()).toBe('2024-10-27T00:30:00.000Z');
    expect(istanteRoma(d('2024-03-31'), comeOra('02:30') as never)).toBeUndefined();
    expect(istanteRoma(d('2024-07-01'), comeOra('10:00') as never)?.toISOString()).toBe('2024-07-01T08:00:00.000Z');
    expect(istanteRoma(d('2024-01-15'), comeOra('10:00') as never)?.toISOString()).toBe('2024-01-15T09:00:00.000Z');
    expect(minutiTra(comeOra('09:30') as never, comeOra('10:45') as never)).toBe(75);
    expect(oraRipetuta(d('2024-10-27'), comeOra('02:30') as never)).toBe(true);
    expect(oraRipetuta(d('2024-10-27'), comeOra('03:00') as never)).toBe(false);
    expect(oraRipetuta(d('2024-10-26'), comeOra('02:30') as never)).toBe(false);
    const c = nuova();
    certo(fissaAppuntamento(c, colloquio({ data: '2024-10-27', inizio: '02:30', fine: '03:30' }), a('2024-05-02', '11:00')));
  });

  it('appointments read in day and time order whatever the order of booking, as frozen values', () => {
    const c = nuova();
    const ctx = a('2024-05-02', '11:00');
    certo(fissaAppuntamento(c, colloquio({ data: '2024-05-07', inizio: '09:00', fine: '10:00' }), ctx));
    certo(fissaAppuntamento(c, colloquio({ data: '2024-05-06', inizio: '15:00', fine: '16:00' }), ctx));
    certo(fissaAppuntamento(c, colloquio({ data: '2024-05-06', inizio: '08:00', fine: '08:30' }), ctx));
    const v = leggiAgenda(c.admin);
    expect(v.appuntamenti.map((x) => `${x.data} ${x.inizio}`)).toEqual(['2024-05-06 08:00', '2024-05-06 15:00', '2024-05-07 09:00']);
    expect(Object.isFrozen(v.appuntamenti[0]?.operatori)).toBe(true);
  });
});

describe('agenda: moving, cancelling, outcomes', () => {
  it('moving keeps the id and counts a revision; the place detail can be removed', () => {
    const c = nuova();
    const id = certo(fissaAppuntamento(c, colloquio(), a('2024-05-02', '11:00')));
    certo(spostaAppuntamento(c, { id, data: '2024-05-08', inizio: '14:00', fine: '15:00', luogoDettaglio: null, operatori: [EQUIPE.blu, EQUIPE.rossa, EQUIPE.blu] }, a('2024-05-03', '09:00', EQUIPE.verde)));
    const [x] = leggiAgenda(c.admin).appuntamenti;
    expect(x).toMatchObject({ id, data: '2024-05-08', inizio: '14:00', fine: '15:00', operatori: [EQUIPE.blu, EQUIPE.rossa], revisione: 1, fissatoDa: EQUIPE.rossa });
    expect(x?.luogoDettaglio).toBeUndefined();
    expect(spostaAppuntamento(c, { id, data: '2024-05-08', inizio: '16:00', fine: '15:00' }, a('2024-05-03', '09:00'))).toMatchObject({ ok: false, code: 'date_incoerenti' });
    expect(spostaAppuntamento(c, { id: 'zz-1', data: '2024-05-08', inizio: '14:00', fine: '15:00' }, a('2024-05-03', '09:00'))).toMatchObject({ ok: false, code: 'appuntamento_inesistente' });
  });

  it('cancelling records who cancelled; a cancelled appointment can no longer change', () => {
    const c = nuova();
    const id = certo(fissaAppuntamento(c, colloquio(), a('2024-05-02', '11:00')));
    expect(annullaAppuntamento(c, { id, da: 'nessuno' as 'persona' }, a('2024-05-03', '09:00'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    certo(annullaAppuntamento(c, { id, da: 'persona' }, a('2024-05-03', '09:00', EQUIPE.verde)));
    expect(leggiAgenda(c.admin).appuntamenti[0]).toMatchObject({ stato: 'annullato', annullatoDa: 'persona' });
    for (const r of [
      annullaAppuntamento(c, { id }, a('2024-05-03', '09:00')),
      spostaAppuntamento(c, { id, data: '2024-05-09', inizio: '09:00', fine: '10:00' }, a('2024-05-03', '09:00')),
      segnaSvolto(c, { id }, a('2024-05-07', '09:00')),
    ]) expect(r).toMatchObject({ ok: false, code: 'appuntamento_non_modificabile' });
  });

  it('an outcome is recorded only once the appointment has started; the front office may record it', () => {
    const c = nuova();
    const id = certo(fissaAppuntamento(c, colloquio(), a('2024-05-02', '11:00')));
    expect(segnaSvolto(c, { id }, a('2024-05-06', '09:29', EQUIPE.verde))).toMatchObject({ ok: false, code: 'appuntamento_futuro' });
    certo(segnaSvolto(c, { id }, a('2024-05-06', '09:30', EQUIPE.verde)));
    expect(leggiAgenda(c.admin).appuntamenti[0]).toMatchObject({ stato: 'svolto', revisione: 1 });
    expect(leggiAgenda(c.admin).appuntamenti[0]?.voceDiario).toBeUndefined();
  });

  it('only a colloquio or a home visit can end with the person not showing up', () => {
    const c = nuova();
    const eq = certo(fissaAppuntamento(c, colloquio({ tipo: 'equipe', operatori: [EQUIPE.rossa, EQUIPE.gialla] }), a('2024-05-02', '11:00')));
    const vd = certo(fissaAppuntamento(c, colloquio({ tipo: 'visita_domiciliare', luogo: 'domicilio' }), a('2024-05-02', '11:00')));
    expect(segnaNonPresentato(c, { id: eq }, a('2024-05-06', '12:00'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    certo(segnaNonPresentato(c, { id: vd }, a('2024-05-06', '12:00')));
    expect(leggiAgenda(c.admin).appuntamenti.find((x) => x.id === vd)?.stato).toBe('non_presentato');
  });

  it('a closed cartella is read-only: no booking, moving, cancelling or outcome', () => {
    const c = nuova();
    const id = certo(fissaAppuntamento(c, colloquio(), a('2024-05-02', '11:00')));
    certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-05-03' }, a('2024-05-03', '09:00')));
    certo(confermaChiusura(c, { data: '2024-05-03' }, a('2024-05-03', '09:00')));
    const ctx = a('2024-05-07', '09:00');
    for (const r of [
      fissaAppuntamento(c, colloquio({ data: '2024-05-10' }), ctx),
      spostaAppuntamento(c, { id, data: '2024-05-09', inizio: '09:00', fine: '10:00' }, ctx),
      annullaAppuntamento(c, { id }, ctx),
      segnaSvolto(c, { id }, ctx),
      segnaNonPresentato(c, { id }, ctx),
    ]) expect(r).toMatchObject({ ok: false, code: 'cartella_chiusa' });
  });
});

describe('agenda: offline conflicts', () => {
  it('moved on one device and cancelled on the other: a visible conflict, resolved by a person, then synced', () => {
    const x = nuova();
    const id = certo(fissaAppuntamento(x, colloquio(), a('2024-05-02', '11:00')));
    const y = replica(x);
    certo(spostaAppuntamento(x, { id, data: '2024-05-07', inizio: '09:30', fine: '10:30' }, a('2024-05-03', '09:00')));
    certo(annullaAppuntamento(y, { id, da: 'persona' }, a('2024-05-03', '09:05', EQUIPE.verde)));
    sincronizza(x.admin, y.admin);
    sincronizza(y.admin, x.admin);
    const v = leggiAgenda(x.admin);
    expect(v).toEqual(leggiAgenda(y.admin));
    expect(v.conflitti).toHaveLength(1);
    expect(v.conflitti[0]?.valori.map((w) => [w.valore.stato, w.autore])).toEqual([['programmato', EQUIPE.rossa], ['annullato', EQUIPE.verde]]);
    expect(v.appuntamenti[0]?.inConflitto).toBe(true);
    expect(segnaSvolto(x, { id }, a('2024-05-07', '10:00'))).toMatchObject({ ok: false, code: 'campo_in_conflitto' });
    expect(risolviConflittoAppuntamento(x, { id, scelta: 'zz-1' as never }, a('2024-05-04', '09:00'))).toMatchObject({ ok: false, code: 'scelta_non_valida' });
    const scelta = v.conflitti[0]?.valori[1]?.scrittura as never;
    certo(risolviConflittoAppuntamento(x, { id, scelta }, a('2024-05-04', '09:00')));
    sincronizza(x.admin, y.admin);
    for (const c of [x, y]) expect(leggiAgenda(c.admin).appuntamenti[0]).toMatchObject({ stato: 'annullato', inConflitto: false, revisione: 3 });
    expect(risolviConflittoAppuntamento(x, { id, scelta }, a('2024-05-04', '09:00'))).toMatchObject({ ok: false, code: 'conflitto_assente' });
  });

  it('different appointments changed apart merge without conflict', () => {
    const x = nuova();
    const ctx = a('2024-05-02', '11:00');
    const p = certo(fissaAppuntamento(x, colloquio(), ctx));
    const q = certo(fissaAppuntamento(x, colloquio({ data: '2024-05-09' }), ctx));
    const y = replica(x);
    certo(annullaAppuntamento(x, { id: p }, a('2024-05-03', '09:00')));
    certo(spostaAppuntamento(y, { id: q, data: '2024-05-10', inizio: '09:00', fine: '10:00' }, a('2024-05-03', '09:00', EQUIPE.blu)));
    sincronizza(x.admin, y.admin);
    sincronizza(y.admin, x.admin);
    expect(leggiAgenda(x.admin).conflitti).toEqual([]);
    expect(leggiAgenda(y.admin).appuntamenti.map((z) => [z.data, z.stato])).toEqual([['2024-05-06', 'annullato'], ['2024-05-10', 'programmato']]);
  });
});

describe('agenda: untrusted data', () => {
  it('malformed appointments written by another device are skipped and reported, never crash', () => {
    const c = nuova();
    const altro = replica(c);
    const m = altro.admin.getMap(MAPPA_AGENDA);
    const w = (valore: unknown): unknown => ({ campo: 'ab-1', valore, sostituisce: [], autore: EQUIPE.rossa, il: '2024-05-02T09:00:00.000Z' });
    const buono = { tipo: 'colloquio', data: '2024-05-06', inizio: '09:00', fine: '10:00', luogo: 'sede', operatori: [EQUIPE.rossa], stato: 'programmato' };
    m.set('ab-1', w({ ...buono, fine: '08:00' }));
    m.set('ab-2', { ...(w({ ...buono, data: '2024-03-31', inizio: '02:15' }) as object), campo: 'ab-2' });
    m.set('ab-3', { ...(w({ ...buono, voceDiario: 'cd-1' }) as object), campo: 'ab-3' });
    m.set('ab-4', { ...(w({ ...buono, operatori: [EQUIPE.rossa, EQUIPE.rossa] }) as object), campo: 'ab-4' });
    m.set('ab-5', 'non un oggetto');
    m.set('ab-6', { ...(w(buono) as object), campo: 'ab-6' });
    sincronizza(altro.admin, c.admin);
    const v = leggiAgenda(c.admin);
    expect(v.appuntamenti.map((x) => x.id)).toEqual(['ab-6']);
    expect(v.problemi.map((p) => p.chiave)).toEqual(['ab-1', 'ab-2', 'ab-3', 'ab-4', 'ab-5']);
    expect(verificaAgenda(c)).toHaveLength(5);
  });
});

describe('personal agenda items (kept on the device)', () => {
  it('are validated by one parser: id, kind, day, times, optional title; the result is frozen', () => {
    const r = comeImpegnoPersonale({ id: 'bo-1', tipo: 'back_office', data: '2024-05-06', inizio: '14:00', fine: '16:00', titolo: 'Relazioni' });
    expect(r).toEqual({ ok: true, value: { id: 'bo-1', tipo: 'back_office', data: '2024-05-06', inizio: '14:00', fine: '16:00', titolo: 'Relazioni' } });
    expect(r.ok && Object.isFrozen(r.value)).toBe(true);
    const base = { id: 'bo-1', tipo: 'back_office', data: '2024-05-06', inizio: '14:00', fine: '16:00' };
    expect(comeImpegnoPersonale(null)).toMatchObject({ ok: false, code: 'input_non_valido' });
    expect(comeImpegnoPersonale({ ...base, id: 'con spazi' })).toMatchObject({ ok: false, code: 'id_non_valido' });
    expect(comeImpegnoPersonale({ ...base, tipo: 'ferie' })).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(comeImpegnoPersonale({ ...base, data: '2024-02-30' })).toMatchObject({ ok: false, code: 'data_non_valida' });
    expect(comeImpegnoPersonale({ ...base, fine: '13:00' })).toMatchObject({ ok: false, code: 'date_incoerenti' });
    expect(comeImpegnoPersonale({ ...base, data: '2024-03-31', inizio: '02:00' })).toMatchObject({ ok: false, code: 'ora_non_valida' });
    expect(comeImpegnoPersonale({ ...base, titolo: 'x'.repeat(201) })).toMatchObject({ ok: false, code: 'valore_non_valido' });
  });

  it('the agenda error codes are in the catalogue', () => {
    for (const c of ['appuntamento_inesistente', 'appuntamento_non_modificabile', 'appuntamento_futuro', 'operatore_non_valido', 'ora_non_valida']) {
      expect(CODICI_ERRORE).toContain(c);
    }
  });
});
