import { describe, expect, it } from 'vitest';
import { allegaADocumento, allegaAVoceDiario, rimuoviAllegato } from './allegati';
import { allegatiDelDocumento, allegatiDellaVoce, blobReferenziati, leggiAllegati, mappaAllegati } from './allegati-vista';
import { checklist } from './checklist';
import { aggiungiVoceDiario } from './diario';
import { registraDocumento } from './documenti';
import { alle, cartellaAperta, certo, EQUIPE, replica, scrive, sincronizza } from './fixtures';
import { leggiCartella } from './vista';
import { verificaCartella } from './verifica';

const BLOB_A = 'A'.repeat(43);
const BLOB_B = 'B'.repeat(42) + 'w';
const file = (blob = BLOB_A, nome = 'stato-famiglia.pdf') => ({ blob, nome, formato: 'pdf' as const, byte: 183_402 });

function conDocumento(stato: 'mancante' | 'acquisito' | 'firmato' = 'mancante') {
  const c = cartellaAperta('2024-01-10');
  const input = stato === 'mancante' ? { tipo: 'stato_famiglia' as const, stato } : { tipo: 'stato_famiglia' as const, stato, data: '2024-01-10' };
  const documento = certo(registraDocumento(c, input, alle('2024-01-10')));
  return { c, documento };
}

describe('attachments of checklist documents (R28)', () => {
  it('links a file to a document and marks the missing document acquired that day, in one transaction', () => {
    const { c, documento } = conDocumento('mancante');
    expect(checklist(leggiCartella(c)).voci.find((v) => v.requisito === 'stato_famiglia')?.stato).toBe('mancante');
    let esito: ReturnType<typeof allegaADocumento> | undefined;
    const w = scrive(c.admin, () => {
      esito = allegaADocumento(c, { documento, ...file() }, alle('2024-01-15', EQUIPE.verde));
    });
    expect(w.transazioni).toBe(1);
    expect(esito).toMatchObject({ ok: true, value: { acquisito: true } });
    const d = leggiCartella(c).admin.documenti.find((x) => x.id === documento);
    expect(d).toMatchObject({ stato: 'acquisito', data: '2024-01-15', autore: EQUIPE.verde });
    expect(checklist(leggiCartella(c)).voci.find((v) => v.requisito === 'stato_famiglia')).toMatchObject({ stato: 'presente', completo: true });
    const [a] = allegatiDelDocumento(c, documento);
    expect(a).toMatchObject({ parte: 'admin', blob: BLOB_A, nome: 'stato-famiglia.pdf', formato: 'pdf', byte: 183_402, documento, aggiuntoDa: EQUIPE.verde, inConflitto: false });
    expect(verificaCartella(c)).toEqual([]);
  });

  it('leaves an acquired or signed document as it is', () => {
    for (const stato of ['acquisito', 'firmato'] as const) {
      const { c, documento } = conDocumento(stato);
      expect(certo(allegaADocumento(c, { documento, ...file() }, alle('2024-01-15'))).acquisito).toBe(false);
      expect(leggiCartella(c).admin.documenti[0]).toMatchObject({ stato, data: '2024-01-10' });
    }
  });

  it('gives back the existing attachment when the same blob is attached again to the same document', () => {
    const { c, documento } = conDocumento();
    const first = certo(allegaADocumento(c, { documento, ...file() }, alle('2024-01-15')));
    const w = scrive(c.admin, () => expect(certo(allegaADocumento(c, { documento, ...file() }, alle('2024-01-16'))).id).toBe(first.id));
    expect(w.cambiato).toBe(false);
    certo(allegaADocumento(c, { documento, ...file(BLOB_B, 'retro.jpg'), formato: 'jpeg' }, alle('2024-01-16')));
    expect(allegatiDelDocumento(c, documento).map((a) => a.nome)).toEqual(['stato-famiglia.pdf', 'retro.jpg']);
  });

  it('refuses an unknown document, a malformed record and a stranger, writing nothing', () => {
    const { c, documento } = conDocumento();
    const refusals = [
      allegaADocumento(c, { documento: 'zz-99', ...file() }, alle('2024-01-15')),
      allegaADocumento(c, { documento, ...file('corto') }, alle('2024-01-15')),
      allegaADocumento(c, { documento, ...file(), formato: 'docx' as 'pdf' }, alle('2024-01-15')),
      allegaADocumento(c, { documento, ...file(), byte: 0 }, alle('2024-01-15')),
      allegaADocumento(c, { documento, ...file(), nome: ' ' }, alle('2024-01-15')),
      allegaADocumento(c, { documento, ...file() }, alle('2024-01-15', EQUIPE.estranea)),
    ];
    expect(refusals.map((r) => !r.ok && r.code)).toEqual([
      'documento_inesistente', 'valore_non_valido', 'valore_non_valido', 'valore_non_valido', 'campo_obbligatorio', 'autore_non_membro',
    ]);
    expect(leggiAllegati(c).admin).toEqual([]);
  });
});

describe('attachments of diary entries (R28)', () => {
  function conVoce() {
    const c = cartellaAperta('2024-01-10');
    const voce = certo(aggiungiVoceDiario(c, { data: '2024-01-12', tipo: 'visita_domiciliare', testo: 'Visita.' }, alle('2024-01-12')));
    return { c, voce };
  }

  it('links a file to a diary entry in the prof part, with its author and time', () => {
    const { c, voce } = conVoce();
    const id = certo(allegaAVoceDiario(c, { voce, ...file(BLOB_B, 'foto.jpg'), formato: 'jpeg' }, alle('2024-01-13', EQUIPE.gialla)));
    expect(allegatiDellaVoce(c, voce)).toEqual([
      expect.objectContaining({ id, parte: 'prof', voce, formato: 'jpeg', aggiuntoDa: EQUIPE.gialla, aggiuntoIl: '2024-01-13T09:00:00.000Z' }),
    ]);
    expect(mappaAllegati(c.admin).size).toBe(0);
  });

  it('refuses administrative staff, a device without the prof part, and an unknown entry', () => {
    const { c, voce } = conVoce();
    expect(allegaAVoceDiario(c, { voce, ...file() }, alle('2024-01-13', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    expect(allegaAVoceDiario({ admin: c.admin, prof: null }, { voce, ...file() }, alle('2024-01-13'))).toMatchObject({ ok: false, code: 'parte_professionale_assente' });
    expect(allegaAVoceDiario(c, { voce: 'zz-1', ...file() }, alle('2024-01-13'))).toMatchObject({ ok: false, code: 'voce_inesistente' });
    expect(leggiAllegati({ admin: c.admin, prof: null }).prof).toBeNull();
  });
});

describe('removal and the live set', () => {
  it('records a removal with who, when and why, keeps the record, and drops the blob from the live set', () => {
    const { c, documento } = conDocumento();
    const tenuto = certo(allegaADocumento(c, { documento, ...file(BLOB_B) }, alle('2024-01-14')));
    const { id } = certo(allegaADocumento(c, { documento, ...file() }, alle('2024-01-15')));
    expect(blobReferenziati(c.admin, 'admin')).toEqual([BLOB_A, BLOB_B].sort());
    expect(rimuoviAllegato(c, { id, motivo: '' }, alle('2024-01-16'))).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    expect(rimuoviAllegato(c, { id, motivo: 'Documento di un altro utente' }, alle('2024-01-16', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    certo(rimuoviAllegato(c, { id, motivo: 'Documento di un altro utente' }, alle('2024-01-16', EQUIPE.blu)));
    const letto = allegatiDelDocumento(c, documento).find((a) => a.id === id);
    expect(letto?.rimosso).toEqual({ da: EQUIPE.blu, il: '2024-01-16T09:00:00.000Z', motivo: 'Documento di un altro utente' });
    expect(blobReferenziati(c.admin, 'admin')).toEqual([BLOB_B]);
    expect(rimuoviAllegato(c, { id, motivo: 'di nuovo' }, alle('2024-01-17'))).toMatchObject({ ok: false, code: 'allegato_rimosso' });
    expect(rimuoviAllegato(c, { id: 'zz-9', motivo: 'x' }, alle('2024-01-17'))).toMatchObject({ ok: false, code: 'allegato_inesistente' });
    expect(tenuto.id).not.toBe(id);
  });

  it('removes a diary attachment too, and lists the prof part\'s live blobs apart from the admin part\'s', () => {
    const c = cartellaAperta('2024-01-10');
    const voce = certo(aggiungiVoceDiario(c, { data: '2024-01-12', tipo: 'colloquio' }, alle('2024-01-12')));
    const id = certo(allegaAVoceDiario(c, { voce, ...file(BLOB_B) }, alle('2024-01-12')));
    expect(blobReferenziati(c.prof!, 'prof')).toEqual([BLOB_B]);
    expect(blobReferenziati(c.admin, 'admin')).toEqual([]);
    certo(rimuoviAllegato(c, { id, motivo: 'Foto sfocata, sostituita' }, alle('2024-01-13')));
    expect(blobReferenziati(c.prof!, 'prof')).toEqual([]);
    expect(allegatiDellaVoce(c, voce)[0]?.rimosso).toMatchObject({ da: EQUIPE.rossa, motivo: 'Foto sfocata, sostituita' });
  });

  it('keeps the bytes of an attachment removed on one replica and renamed on another until the conflict is resolved', () => {
    const { c, documento } = conDocumento();
    const { id } = certo(allegaADocumento(c, { documento, ...file() }, alle('2024-01-15')));
    const altra = replica(c);
    certo(rimuoviAllegato(c, { id, motivo: 'errore' }, alle('2024-01-16')));
    // The other replica writes the same register concurrently (a value still showing the attachment).
    const attuale = mappaAllegati(altra.admin);
    const valore = [...attuale.values()].find((v) => typeof v === 'object' && v !== null && (v as { campo?: unknown }).campo === id) as { valore: Record<string, unknown>; sostituisce: string[] };
    altra.admin.transact(() => attuale.set('zz-1', { ...valore, campo: id, valore: { ...valore.valore, nome: 'rinominato.pdf' }, sostituisce: [[...attuale.keys()][0]], autore: EQUIPE.blu, il: '2024-01-16T10:00:00.000Z' }));
    sincronizza(altra.admin, c.admin);
    const a = leggiAllegati(c).admin.find((x) => x.id === id);
    expect(a?.inConflitto).toBe(true);
    expect(blobReferenziati(c.admin, 'admin')).toEqual([BLOB_A]);
  });

  it('reads the same attachments on every replica whatever the order updates arrive in, and skips malformed entries', () => {
    const { c, documento } = conDocumento();
    const a = replica(c);
    const b = replica(c);
    certo(allegaADocumento(a, { documento, ...file() }, alle('2024-01-15')));
    certo(allegaADocumento(b, { documento, ...file(BLOB_B) }, alle('2024-01-15', EQUIPE.blu)));
    sincronizza(a.admin, c.admin);
    sincronizza(b.admin, c.admin);
    sincronizza(b.admin, a.admin);
    sincronizza(a.admin, b.admin);
    expect(leggiAllegati(a)).toEqual(leggiAllegati(b));
    expect(leggiAllegati(c)).toEqual(leggiAllegati(a));
    c.prof!.getMap('allegati').set('ab-1', { blob: 'x', nome: 'y' });
    c.prof!.getMap('allegati').set('__proto__', { blob: BLOB_A });
    const letti = leggiAllegati(c);
    expect(letti.prof).toEqual([]);
    expect(letti.problemi.map((p) => p.chiave).sort()).toEqual(['__proto__', 'ab-1']);
  });
});
