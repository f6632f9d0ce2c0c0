import { describe, expect, it } from 'vitest';
import { aggiornaAnagrafica } from './anagrafica';
import { carattereControllo, comeCodiceFiscale } from './codice-fiscale';
import { alle, cartellaAperta, cartellaDiProva, certo, EQUIPE, scrive } from './fixtures';
import { aggiungiMembro, revocaMembro } from './members';
import { aggiornaMembroNucleo, aggiungiMembroNucleo } from './nucleo';
import { aggiornaDocumento, registraDocumento } from './documenti';
import { leggiCartella } from './vista';

describe('anagrafica and codice fiscale', () => {
  it('a codice fiscale needs the right shape and control character', () => {
    const base = 'TSSMRT80A41X001';
    const cf = base + carattereControllo(base);
    expect(comeCodiceFiscale(cf.toLowerCase())).toBe(cf);
    expect(comeCodiceFiscale(base + (cf.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
    expect(comeCodiceFiscale('12345678901')).toBe('12345678901');
    expect(comeCodiceFiscale('ABC')).toBeUndefined();
  });

  it('only changed fields are written; null clears a field; unknown fields are refused', () => {
    const c = cartellaAperta();
    expect(certo(aggiornaAnagrafica(c, { cognome: 'Tessandri', nome: 'Marta' }, alle('2024-01-10')))).toEqual(['cognome', 'nome']);
    expect(certo(aggiornaAnagrafica(c, { cognome: 'Tessandri', telefono: '035 123' }, alle('2024-01-10')))).toEqual(['telefono']);
    const s = scrive(c.admin, () => aggiornaAnagrafica(c, { cognome: 'Tessandri' }, alle('2024-01-10')));
    expect(s.cambiato).toBe(false);
    certo(aggiornaAnagrafica(c, { telefono: null }, alle('2024-01-11')));
    expect(leggiCartella(c).admin.anagrafica).toEqual({ cognome: 'Tessandri', nome: 'Marta' });
    expect(aggiornaAnagrafica(c, { altezza: '180' } as never, alle('2024-01-11'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(aggiornaAnagrafica(c, { codiceFiscale: 'TSSMRT80A41X001Z' }, alle('2024-01-11'))).toMatchObject({ ok: false, code: 'codice_fiscale_non_valido' });
    expect(aggiornaAnagrafica(c, { dataNascita: '1980-02-30' }, alle('2024-01-11'))).toMatchObject({ ok: false, code: 'data_non_valida' });
  });
});

describe('nucleo familiare', () => {
  it('members are added and, when they leave, get an end date instead of being deleted', () => {
    const c = cartellaAperta();
    const id = certo(aggiungiMembroNucleo(c, { cognome: 'Tessandri', nome: 'Paolo', relazione: 'figlio', convivente: true, dataNascita: '2010-05-01' }, alle('2024-01-10')));
    certo(aggiornaMembroNucleo(c, id, { finoAl: '2024-01-09', convivente: false }, alle('2024-01-10')));
    expect(leggiCartella(c).admin.nucleo).toEqual([{ id, cognome: 'Tessandri', nome: 'Paolo', relazione: 'figlio', convivente: false, dataNascita: '2010-05-01', finoAl: '2024-01-09' }]);
    expect(aggiornaMembroNucleo(c, 'zz-1', { convivente: true }, alle('2024-01-10'))).toMatchObject({ ok: false, code: 'membro_nucleo_inesistente' });
    expect(aggiungiMembroNucleo(c, { cognome: 'X', nome: 'Y', relazione: 'figlio', convivente: true, dataNascita: '2030-01-01' }, alle('2024-01-10'))).toMatchObject({ ok: false, code: 'data_futura' });
  });
});

describe('documenti', () => {
  it('a document acquired or signed needs its date; it can be updated to signed', () => {
    const c = cartellaAperta();
    expect(registraDocumento(c, { tipo: 'consenso_rete', stato: 'acquisito' }, alle('2024-01-10'))).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    const id = certo(registraDocumento(c, { tipo: 'consenso_rete', stato: 'acquisito', data: '2024-01-10' }, alle('2024-01-10')));
    certo(aggiornaDocumento(c, { id, stato: 'firmato', data: '2024-01-11' }, alle('2024-01-11', EQUIPE.verde)));
    expect(leggiCartella(c).admin.documenti[0]).toMatchObject({ tipo: 'consenso_rete', stato: 'firmato', data: '2024-01-11', autore: EQUIPE.verde });
    expect(aggiornaDocumento(c, { id: 'zz-1', stato: 'firmato' }, alle('2024-01-11'))).toMatchObject({ ok: false, code: 'documento_inesistente' });
  });
});

describe('roster (members)', () => {
  it('members record name, role, who added them and when', () => {
    const m = leggiCartella(cartellaDiProva('2024-01-10')).admin.membri.find((x) => x.chiave === EQUIPE.verde);
    expect(m).toEqual({ chiave: EQUIPE.verde, nome: 'Vera Verde', ruolo: 'amministrativo', aggiuntoIl: '2024-01-10', aggiuntoDa: EQUIPE.rossa });
  });

  it('adding an active member twice, or by administrative staff, is refused; a revoked member cannot write', () => {
    const c = cartellaAperta();
    expect(aggiungiMembro(c, { chiave: EQUIPE.blu, nome: 'Bruno', ruolo: 'assistente_sociale' }, alle('2024-01-10'))).toMatchObject({ ok: false, code: 'membro_gia_presente' });
    expect(aggiungiMembro(c, { chiave: EQUIPE.estranea, nome: 'E', ruolo: 'psicologo' }, alle('2024-01-10', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    expect(aggiungiMembro(c, { chiave: 'corta', nome: 'E', ruolo: 'psicologo' }, alle('2024-01-10'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    certo(revocaMembro(c, { chiave: EQUIPE.blu }, alle('2024-01-12')));
    expect(aggiornaAnagrafica(c, { nome: 'X' }, alle('2024-01-12', EQUIPE.blu))).toMatchObject({ ok: false, code: 'autore_non_membro' });
    expect(revocaMembro(c, { chiave: EQUIPE.blu }, alle('2024-01-12'))).toMatchObject({ ok: false, code: 'membro_inesistente' });
    certo(aggiungiMembro(c, { chiave: EQUIPE.blu, nome: 'Bruno Blu', ruolo: 'responsabile' }, alle('2024-01-13')));
    expect(aggiornaAnagrafica(c, { nome: 'X' }, alle('2024-01-13', EQUIPE.blu)).ok).toBe(true);
  });
});
