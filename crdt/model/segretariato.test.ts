import { describe, expect, it } from 'vitest';
import { concludiSegretariato, registraAccesso } from './segretariato';
import { registraDocumento } from './documenti';
import { aggiungiVoceDiario } from './diario';
import { alle, cartellaDiProva, certo, EQUIPE, scrive } from './fixtures';
import { leggiCartella } from './vista';
import { ETICHETTE_STATO } from './stato';

const accesso = { data: '2024-02-01', canale: 'sportello', richiesta: 'Chiede aiuto per la madre anziana', orientamento: 'Informata sul SAD' } as const;

function conAccesso() {
  const c = cartellaDiProva('2024-02-01');
  certo(registraAccesso(c, { ...accesso, persona: { cognome: 'Tessandri', nome: 'Marta' } }, alle('2024-02-01')));
  return c;
}

describe('segretariato sociale', () => {
  it('an access records date, channel, request, orientation and the person', () => {
    const v = leggiCartella(conAccesso());
    expect(v.stato).toBe('accesso');
    expect(v.admin.segretariato.accesso).toEqual(accesso);
    expect(v.admin.anagrafica).toMatchObject({ cognome: 'Tessandri', nome: 'Marta' });
    expect(v.fase).toEqual({ fase: 'accesso', dal: '2024-02-01' });
    expect(ETICHETTE_STATO[v.stato]).toMatch(/Segretariato/);
  });

  it('an access dated in the future is refused and writes nothing', () => {
    const c = cartellaDiProva('2024-02-01');
    let r: ReturnType<typeof registraAccesso> | undefined;
    const s = scrive(c.admin, () => { r = registraAccesso(c, { ...accesso, data: '2024-02-02' }, alle('2024-02-01')); });
    expect(r).toMatchObject({ ok: false, code: 'data_futura' });
    expect(s.cambiato).toBe(false);
  });

  it('an access without the request is refused', () => {
    const r = registraAccesso(cartellaDiProva(), { ...accesso, richiesta: ' ' }, alle('2024-02-01'));
    expect(r).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
  });

  it('a second access on the same cartella is refused', () => {
    const r = registraAccesso(conAccesso(), accesso, alle('2024-02-03'));
    expect(r).toMatchObject({ ok: false, code: 'segretariato_gia_registrato' });
  });

  it('segnalazione needs the recipient and the reason', () => {
    const c = conAccesso();
    const r = concludiSegretariato(c, { esito: 'segnalazione', data: '2024-02-05', destinatario: '', motivo: 'x' }, alle('2024-02-05'));
    expect(r).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
  });

  it('segnalazione ends the segretariato without opening a cartella', () => {
    const c = conAccesso();
    certo(concludiSegretariato(c, { esito: 'segnalazione', data: '2024-02-05', destinatario: 'Consultorio familiare', motivo: 'Bisogno sanitario' }, alle('2024-02-05')));
    const v = leggiCartella(c);
    expect(v.stato).toBe('segretariato_concluso');
    expect(v.admin.segretariato.esito).toEqual({ esito: 'segnalazione', data: '2024-02-05', destinatario: 'Consultorio familiare', motivo: 'Bisogno sanitario' });
    expect(v.admin.meta.apertura).toBeUndefined();
  });

  it('the segretariato ends with exactly one outcome: a second outcome is refused', () => {
    const c = conAccesso();
    certo(concludiSegretariato(c, { esito: 'chiusura', data: '2024-02-05' }, alle('2024-02-05')));
    const r = concludiSegretariato(c, { esito: 'segnalazione', data: '2024-02-06', destinatario: 'ATS', motivo: 'x' }, alle('2024-02-06'));
    expect(r).toMatchObject({ ok: false, code: 'segretariato_concluso' });
    const r2 = concludiSegretariato(c, { esito: 'presa_in_carico', apertura: { iniziativa: 'ufficio', data: '2024-02-06', area: 'anziani', responsabile: EQUIPE.rossa } }, alle('2024-02-06'));
    expect(r2).toMatchObject({ ok: false, code: 'segretariato_concluso' });
  });

  it('an outcome without an access is refused', () => {
    const r = concludiSegretariato(cartellaDiProva(), { esito: 'chiusura', data: '2024-02-05' }, alle('2024-02-05'));
    expect(r).toMatchObject({ ok: false, code: 'segretariato_assente' });
  });

  it('presa in carico needs the informativa privacy of the access phase', () => {
    const c = conAccesso();
    const apertura = { iniziativa: 'istanza', protocollo: '2024/118', dataRicezione: '2024-02-01', data: '2024-02-06', area: 'anziani', responsabile: EQUIPE.rossa } as const;
    const r = concludiSegretariato(c, { esito: 'presa_in_carico', apertura }, alle('2024-02-06'));
    expect(r).toMatchObject({ ok: false, code: 'checklist_incompleta' });
    expect(!r.ok && r.message).toMatch(/Informativa privacy/);
    certo(registraDocumento(c, { tipo: 'informativa_privacy', stato: 'acquisito', data: '2024-02-01' }, alle('2024-02-06')));
    certo(concludiSegretariato(c, { esito: 'presa_in_carico', apertura }, alle('2024-02-06')));
    const v = leggiCartella(c);
    expect(v.stato).toBe('aperta');
    expect(v.admin.segretariato.esito).toEqual({ esito: 'presa_in_carico', data: '2024-02-06' });
    expect(v.fase).toEqual({ fase: 'apertura', dal: '2024-02-06' });
  });

  it('colloqui professionali of the segretariato go in the diary before the presa in carico', () => {
    const c = conAccesso();
    certo(aggiungiVoceDiario(c, { data: '2024-02-03', tipo: 'colloquio', testo: 'Primo colloquio professionale.' }, alle('2024-02-03')));
    expect(leggiCartella(c).prof?.diario).toHaveLength(1);
  });

  it('administrative staff may record an access but not decide its outcome', () => {
    const c = cartellaDiProva('2024-02-01');
    certo(registraAccesso(c, accesso, alle('2024-02-01', EQUIPE.verde)));
    const r = concludiSegretariato(c, { esito: 'chiusura', data: '2024-02-05' }, alle('2024-02-05', EQUIPE.verde));
    expect(r).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
  });

  it('an author not on the roster cannot write', () => {
    const r = registraAccesso(cartellaDiProva(), accesso, alle('2024-02-01', EQUIPE.estranea));
    expect(r).toMatchObject({ ok: false, code: 'autore_non_membro' });
  });
});
