import { describe, expect, it } from 'vitest';
import { avvisi } from './avvisi';
import { alle, cartellaAperta, certo } from './fixtures';
import { aggiungiObiettivo, definisciProgetto, firmaProgetto, prossimaVerifica, registraVerifica, type ObiettivoInput } from './progetto';
import { creaRelazione, rendiDefinitiva, sezioniRelazione } from './relazioni';
import { leggiCartella } from './vista';
import type { RelazioneId } from './ids';
import type * as Y from 'yjs';

const ob: ObiettivoInput = {
  descrizione: 'Mantenere la signora al domicilio', risultatiAttesi: 'Igiene e pasti regolari',
  impegniPersona: 'Accettare il SAD tre volte a settimana', sostegniServizi: 'SAD comunale, pasti a domicilio', tempi: '6 mesi',
};
const codici = (c: ReturnType<typeof cartellaAperta>, oggi: string) => avvisi(c, new Date(`${oggi}T12:00:00Z`)).map((a) => a.codice);

function progetto() {
  const c = cartellaAperta('2024-01-10');
  certo(definisciProgetto(c, { dataInizio: '2024-02-01', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31', obiettivi: [ob] }, alle('2024-02-01')));
  return c;
}

describe('progetto individualizzato', () => {
  it('objectives carry expected results, commitments of the person, supports of the services and times', () => {
    const p = leggiCartella(progetto()).prof?.progetto;
    expect(p).toMatchObject({ dataInizio: '2024-02-01', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31' });
    expect(p?.obiettivi[0]).toMatchObject(ob);
  });

  it('an objective missing the person\'s commitments is refused', () => {
    const c = cartellaAperta('2024-01-10');
    const r = definisciProgetto(c, { dataInizio: '2024-02-01', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31', obiettivi: [{ ...ob, impegniPersona: '' }] }, alle('2024-02-01'));
    expect(r).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    expect(!r.ok && r.message).toMatch(/impegni della persona/);
  });

  it('the planned closure must follow the start; a second progetto is refused', () => {
    const c = cartellaAperta('2024-01-10');
    expect(definisciProgetto(c, { dataInizio: '2024-02-01', verificaOgniMesi: 3, chiusuraPrevista: '2024-01-31', obiettivi: [] }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'date_incoerenti' });
    expect(definisciProgetto(progetto(), { dataInizio: '2024-02-01', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31', obiettivi: [] }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'progetto_gia_presente' });
  });

  it('the person signs a progetto with objectives; once signed its objectives are fixed', () => {
    const vuoto = cartellaAperta('2024-01-10');
    certo(definisciProgetto(vuoto, { dataInizio: '2024-02-01', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31', obiettivi: [] }, alle('2024-02-01')));
    expect(firmaProgetto(vuoto, { data: '2024-02-02' }, alle('2024-02-02'))).toMatchObject({ ok: false, code: 'progetto_incompleto' });
    const c = progetto();
    certo(firmaProgetto(c, { data: '2024-02-02' }, alle('2024-02-02')));
    expect(leggiCartella(c).prof?.progetto?.firmatoIl).toBe('2024-02-02');
    expect(aggiungiObiettivo(c, ob, alle('2024-02-03'))).toMatchObject({ ok: false, code: 'progetto_gia_firmato' });
  });

  it('the review is due every N months and is warned 7 days before', () => {
    const c = progetto();
    certo(firmaProgetto(c, { data: '2024-02-02' }, alle('2024-02-02')));
    const p = leggiCartella(c).prof?.progetto;
    if (!p) throw new Error('progetto mancante');
    expect(prossimaVerifica(p)).toBe('2024-05-02');
    expect(codici(c, '2024-04-24')).not.toContain('verifica_progetto_imminente');
    expect(codici(c, '2024-04-25')).toContain('verifica_progetto_imminente');
    expect(codici(c, '2024-05-03')).toContain('verifica_progetto_scaduta');
  });

  it('a review records the outcome per objective and restarts the review clock', () => {
    const c = progetto();
    certo(firmaProgetto(c, { data: '2024-02-02' }, alle('2024-02-02')));
    const id = leggiCartella(c).prof?.progetto?.obiettivi[0]?.id ?? '';
    expect(registraVerifica(c, { data: '2024-05-01', esiti: [{ obiettivo: 'zz-9', esito: 'si' }] }, alle('2024-05-01'))).toMatchObject({ ok: false, code: 'obiettivo_inesistente' });
    certo(registraVerifica(c, { data: '2024-05-01', note: 'Buon andamento', esiti: [{ obiettivo: id, esito: 'in_parte' }] }, alle('2024-05-01')));
    const p = leggiCartella(c).prof?.progetto;
    expect(p?.obiettivi[0]?.esito).toBe('in_parte');
    expect(p && prossimaVerifica(p)).toBe('2024-08-01');
    expect(codici(c, '2024-05-03')).not.toContain('verifica_progetto_scaduta');
  });

  it('a review of an unsigned progetto is refused; a passed planned closure is warned', () => {
    const c = progetto();
    expect(registraVerifica(c, { data: '2024-05-01', esiti: [] }, alle('2024-05-01'))).toMatchObject({ ok: false, code: 'progetto_incompleto' });
    expect(codici(c, '2025-01-02')).toContain('chiusura_prevista_superata');
  });
});

describe('relazione sociale', () => {
  it('is created with the six sections and becomes definitive only when all have content', () => {
    const c = cartellaAperta('2024-01-10');
    const id = certo(creaRelazione(c, { titolo: 'Relazione sociale', destinatario: 'Ufficio di piano', sezioni: { contesto: 'Vive sola.', finalita: 'Attivare il SAD.' } }, alle('2024-02-01'))) as RelazioneId;
    const s = sezioniRelazione(c.prof as Y.Doc, id);
    expect(s).toMatchObject({ contesto: 'Vive sola.', finalita: 'Attivare il SAD.', metodologia: '' });
    const r = rendiDefinitiva(c, { id, data: '2024-02-02' }, alle('2024-02-02'));
    expect(r).toMatchObject({ ok: false, code: 'relazione_incompleta' });
    expect(!r.ok && r.message).toMatch(/Metodologia.*Valutazione professionale/);
    const id2 = certo(creaRelazione(c, { titolo: 'Relazione', destinatario: 'Tribunale', sezioni: {
      contesto: 'a', finalita: 'b', metodologia: 'c', situazione: 'd', valutazione: 'e', proposta: 'f' } }, alle('2024-02-01')));
    certo(rendiDefinitiva(c, { id: id2, data: '2024-02-02' }, alle('2024-02-02')));
    expect(leggiCartella(c).prof?.relazioni.find((x) => x.id === id2)).toMatchObject({ stato: 'definitiva', definitivaIl: '2024-02-02' });
    expect(rendiDefinitiva(c, { id: id2, data: '2024-02-03' }, alle('2024-02-03'))).toMatchObject({ ok: false, code: 'relazione_definitiva' });
    expect(rendiDefinitiva(c, { id: 'zz-1', data: '2024-02-03' }, alle('2024-02-03'))).toMatchObject({ ok: false, code: 'relazione_inesistente' });
  });
});
