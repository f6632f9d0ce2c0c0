import { describe, expect, it } from 'vitest';
import { checklist } from './checklist';
import { registraDocumento } from './documenti';
import { aggiungiVoceDiario } from './diario';
import { cambiaFase, transizione } from './fasi';
import { alle, cartellaAperta, certo, EQUIPE } from './fixtures';
import { inviaComunicazioneAvvio } from './procedimento';
import { leggiCartella } from './vista';

const avvio = {
  data: '2024-01-12', mezzo: 'raccomandata', amministrazione: 'Comune di Valdoria', oggetto: 'Presa in carico',
  ufficio: 'Servizi sociali', responsabileProcedimento: 'A. Rossa', rimedi: 'Potere sostitutivo del segretario comunale',
  ufficioVisione: 'Ufficio servizi sociali, piano terra',
};

function aperturaCompleta() {
  const c = cartellaAperta('2024-01-10');
  const ctx = alle('2024-01-12');
  certo(registraDocumento(c, { tipo: 'consenso_rete', stato: 'firmato', data: '2024-01-10' }, ctx));
  certo(registraDocumento(c, { tipo: 'stato_famiglia', stato: 'acquisito', data: '2024-01-11' }, ctx));
  certo(aggiungiVoceDiario(c, { data: '2024-01-10', tipo: 'colloquio', testo: 'Presa in carico.' }, ctx));
  certo(inviaComunicazioneAvvio(c, avvio, ctx));
  return c;
}

describe('checklist of the phases (deck table)', () => {
  it('apertura requires the signed network consent, the stato di famiglia, the diary and the comunicazione di avvio', () => {
    const cl = checklist(leggiCartella(cartellaAperta('2024-01-10')));
    expect(cl.fase).toBe('apertura');
    expect(cl.voci.map((v) => [v.requisito, v.richiesto, v.stato])).toEqual([
      ['consenso_rete', 'firmato', 'mancante'],
      ['stato_famiglia', 'presente', 'mancante'],
      ['diario', 'presente', 'mancante'],
      ['comunicazione_avvio', 'presente', 'mancante'],
    ]);
    expect(cl.completa).toBe(false);
  });

  it('network consent merely acquired (not signed) does not satisfy the checklist', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraDocumento(c, { tipo: 'consenso_rete', stato: 'acquisito', data: '2024-01-10' }, alle('2024-01-10')));
    const v = checklist(leggiCartella(c)).voci.find((x) => x.requisito === 'consenso_rete');
    expect(v).toMatchObject({ stato: 'presente', completo: false });
  });

  it('informativa privacy and network consent are separate requirements', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraDocumento(c, { tipo: 'informativa_privacy', stato: 'firmato', data: '2024-01-10' }, alle('2024-01-10')));
    const cl = checklist(leggiCartella(c));
    expect(cl.voci.find((x) => x.requisito === 'consenso_rete')?.completo).toBe(false);
    expect(checklist(leggiCartella(c), 'accesso').voci.find((x) => x.requisito === 'informativa_privacy')?.completo).toBe(true);
  });

  it('moving forward with missing documents is refused and names them', () => {
    const c = cartellaAperta('2024-01-10');
    const r = cambiaFase(c, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15'));
    expect(r).toMatchObject({ ok: false, code: 'checklist_incompleta' });
    expect(!r.ok && r.message).toMatch(/Stato di famiglia/);
  });

  it('with the checklist complete the cartella moves to valutazione', () => {
    const c = aperturaCompleta();
    certo(cambiaFase(c, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15')));
    expect(leggiCartella(c).fase).toEqual({ fase: 'valutazione', dal: '2024-01-15' });
  });

  it('the diary of a phase counts only entries since the phase began', () => {
    const c = aperturaCompleta();
    certo(cambiaFase(c, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15')));
    expect(checklist(leggiCartella(c)).completa).toBe(false);
    certo(aggiungiVoceDiario(c, { data: '2024-01-20', tipo: 'visita_domiciliare' }, alle('2024-01-20')));
    expect(checklist(leggiCartella(c)).completa).toBe(true);
  });

  it('phases move one step forward, or from valutazione to the conclusion, or back', () => {
    expect(transizione('apertura', 'valutazione')).toBe('avanti');
    expect(transizione('apertura', 'erogazione')).toBeUndefined();
    expect(transizione('valutazione', 'conclusione')).toBe('avanti');
    expect(transizione('erogazione', 'valutazione')).toBe('indietro');
    expect(transizione('valutazione', 'apertura')).toBeUndefined();
    expect(transizione('progetto', 'progetto')).toBeUndefined();
    const c = aperturaCompleta();
    expect(cambiaFase(c, { fase: 'erogazione', data: '2024-01-15' }, alle('2024-01-15'))).toMatchObject({ ok: false, code: 'transizione_fase_non_valida' });
  });

  it('going back to valutazione does not need the checklist', () => {
    const c = aperturaCompleta();
    certo(cambiaFase(c, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15')));
    certo(aggiungiVoceDiario(c, { data: '2024-01-16', tipo: 'telefonata' }, alle('2024-01-16')));
    certo(cambiaFase(c, { fase: 'progetto', data: '2024-01-20' }, alle('2024-01-20')));
    certo(cambiaFase(c, { fase: 'valutazione', data: '2024-01-25' }, alle('2024-01-25')));
    expect(leggiCartella(c).fase?.fase).toBe('valutazione');
  });

  it('a document attached to a phase becomes one of its requirements', () => {
    const c = aperturaCompleta();
    certo(cambiaFase(c, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15')));
    certo(registraDocumento(c, { tipo: 'altro', fase: 'valutazione', stato: 'mancante', descrizione: 'Certificato di invalidità' }, alle('2024-01-15')));
    const cl = checklist(leggiCartella(c));
    expect(cl.mancanti.map((m) => m.descrizione)).toContain('Certificato di invalidità');
  });

  it('on a device without the professional key, prof requirements are not verifiable and phases cannot change', () => {
    const c = aperturaCompleta();
    const soloAdmin = { admin: c.admin, prof: null };
    const diario = checklist(leggiCartella(soloAdmin)).voci.find((x) => x.requisito === 'diario');
    expect(diario?.stato).toBe('non_verificabile');
    expect(cambiaFase(soloAdmin, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15'))).toMatchObject({ ok: false, code: 'parte_professionale_assente' });
  });

  it('a phase change dated before the current phase is refused', () => {
    const c = aperturaCompleta();
    expect(cambiaFase(c, { fase: 'valutazione', data: '2024-01-09' }, alle('2024-01-15'))).toMatchObject({ ok: false, code: 'date_incoerenti' });
    expect(cambiaFase(c, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15', EQUIPE.gialla))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
  });
});
