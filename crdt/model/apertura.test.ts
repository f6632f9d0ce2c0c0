import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { apriCartella, type ApriCartellaInput } from './apertura';
import { creaCartella } from './crea';
import { alle, cartellaAperta, cartellaDiProva, certo, EQUIPE, scrive } from './fixtures';
import { isOrigineOperazione } from './operazione';
import { termini } from './termini';
import { leggiCartella } from './vista';

const base: ApriCartellaInput = { iniziativa: 'ufficio', data: '2024-03-01', area: 'famiglia_minori', responsabile: EQUIPE.rossa };
const apri = (input: Partial<ApriCartellaInput> & Record<string, unknown>) =>
  apriCartella(cartellaDiProva('2024-03-01'), { ...base, ...input } as ApriCartellaInput, alle('2024-03-01'));

describe('apertura', () => {
  it('istanza without protocol number cannot open a cartella', () => {
    expect(apri({ iniziativa: 'istanza', dataRicezione: '2024-02-20' })).toMatchObject({ ok: false, code: 'protocollo_mancante' });
  });

  it('istanza without date of receipt cannot open a cartella', () => {
    expect(apri({ iniziativa: 'istanza', protocollo: 'PG/2024/77' })).toMatchObject({ ok: false, code: 'protocollo_mancante' });
  });

  it('richiesta from another public body without the body cannot open a cartella', () => {
    expect(apri({ iniziativa: 'richiesta' })).toMatchObject({ ok: false, code: 'ente_richiedente_mancante' });
  });

  it('apertura without iniziativa, area or with an unknown area is refused', () => {
    expect(apri({ iniziativa: undefined })).toMatchObject({ ok: false, code: 'iniziativa_mancante' });
    expect(apri({ area: undefined })).toMatchObject({ ok: false, code: 'area_mancante' });
    expect(apri({ area: 'marziani' as 'anziani' })).toMatchObject({ ok: false, code: 'valore_non_valido' });
  });

  it('the responsible person must be a social worker on the roster', () => {
    expect(apri({ responsabile: EQUIPE.verde })).toMatchObject({ ok: false, code: 'responsabile_non_valido' });
    expect(apri({ responsabile: EQUIPE.estranea })).toMatchObject({ ok: false, code: 'responsabile_non_valido' });
    expect(apri({ responsabile: EQUIPE.blu }).ok).toBe(true);
  });

  it('receipt after the presa in carico is incoherent', () => {
    expect(apri({ iniziativa: 'istanza', protocollo: '1', dataRicezione: '2024-03-02' })).toMatchObject({ ok: false, code: 'date_incoerenti' });
  });

  it("a d'ufficio start runs the term from the apertura, an istanza from its receipt", () => {
    const c1 = cartellaAperta('2024-03-01');
    expect(termini(leggiCartella(c1).admin.procedimento, new Date('2024-03-01'))?.scadenza).toBe('2024-03-31');
    const c2 = cartellaDiProva('2024-03-01');
    certo(apriCartella(c2, { ...base, iniziativa: 'istanza', protocollo: 'PG/2024/77', dataRicezione: '2024-02-20' }, alle('2024-03-01')));
    const pr = leggiCartella(c2).admin.procedimento;
    expect(pr.iniziativa).toEqual({ tipo: 'istanza', dataAvvio: '2024-02-20', protocollo: 'PG/2024/77', dataRicezione: '2024-02-20' });
    expect(termini(pr, new Date('2024-03-01'))?.scadenza).toBe('2024-03-21');
  });

  it("the term is configurable per ente within 1–180 days", () => {
    expect(apri({ termineGiorni: 0 })).toMatchObject({ ok: false, code: 'termine_non_valido' });
    expect(apri({ termineGiorni: 181 })).toMatchObject({ ok: false, code: 'termine_non_valido' });
    const c = cartellaDiProva('2024-03-01');
    certo(apriCartella(c, { ...base, termineGiorni: 60 }, alle('2024-03-01')));
    expect(leggiCartella(c).admin.procedimento.termineGiorni).toBe(60);
  });

  it('a cartella is opened only once', () => {
    const c = cartellaAperta('2024-03-01');
    expect(apriCartella(c, base, alle('2024-03-02'))).toMatchObject({ ok: false, code: 'cartella_gia_aperta' });
  });

  it('administrative staff cannot take a case in charge', () => {
    const r = apriCartella(cartellaDiProva('2024-03-01'), base, alle('2024-03-01', EQUIPE.verde));
    expect(r).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
  });

  it('a refused operation writes nothing; a successful one is one transaction with a model origin', () => {
    const c = cartellaDiProva('2024-03-01');
    const ko = scrive(c.admin, () => apriCartella(c, { ...base, area: undefined } as unknown as ApriCartellaInput, alle('2024-03-01')));
    expect(ko).toEqual({ cambiato: false, transazioni: 0 });
    const origini: unknown[] = [];
    c.admin.on('afterTransaction', (t: Y.Transaction) => { origini.push(t.origin); });
    const okk = scrive(c.admin, () => certo(apriCartella(c, base, alle('2024-03-01'))));
    expect(okk).toEqual({ cambiato: true, transazioni: 1 });
    expect(origini).toHaveLength(1);
    expect(isOrigineOperazione(origini[0])).toBe(true);
    expect(origini[0]).toMatchObject({ operazione: 'apriCartella', autore: EQUIPE.rossa });
  });

  it('a cartella id must be well formed and a cartella is created once', () => {
    expect(creaCartella({ id: 'x', nome: 'A', ruolo: 'assistente_sociale' }, alle('2024-03-01'))).toMatchObject({ ok: false, code: 'id_non_valido' });
    const c = cartellaDiProva('2024-03-01');
    expect(creaCartella({ id: 'cartella-di-prova-1', nome: 'A', ruolo: 'assistente_sociale' }, alle('2024-03-01'), c))
      .toMatchObject({ ok: false, code: 'cartella_gia_esistente' });
    expect(creaCartella({ id: 'valid-id-123', nome: 'A', ruolo: 'assistente_sociale' }, { autore: EQUIPE.rossa, now: new Date('x') }))
      .toMatchObject({ ok: false, code: 'contesto_non_valido' });
  });
});
