/**
 * @module allegati
 * Linking a scanned or photographed document to the cartella (docs/MODEL.md §1.6, R28): to a
 * document of the checklist (admin part: administrative staff handle paper documents too) or to
 * a diary entry (prof part: équipe only). The file itself is sealed and uploaded by crdt/allegati;
 * the model records its blob id, name, format and size. Attaching a file to a checklist document
 * still `mancante` marks it `acquisito` that day, in the same transaction. Nothing is deleted: a
 * removal (a file attached by mistake, perhaps another person's) is recorded with who, when and
 * why, and the record stays; only the bytes leave the relay, after its grace period.
 */
import type { Cartella, Contesto } from './cartella';
import { sezioneAdmin } from './cartella';
import { giorno } from './date';
import { autorizza } from './guardie';
import { nuovoId, type DocumentoId } from './ids';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Errore, type Risultato } from './risultato';
import { validaInput } from './schema';
import { eErrore, scrittoreProf } from './scritti';
import { leggiDocumento } from './schema-elementi';
import { FORMA_ALLEGATO, leggiAllegatoAdmin, leggiAllegatoProf, type AllegatoId, type FormatoAllegatoModello } from './allegati-schema';
import { allegatiAdminDaRegistri, allegatiProf, leggiRegistriAllegati, mappaAllegati } from './allegati-vista';
import type { Problema } from './problemi';
import { p } from './schema';
import { leggiAdmin } from './vista-admin';
import { RUOLI_DECISIONALI } from './vocabolario';

/** What crdt/allegati's `prepare` returns and the model records. */
export interface AllegaInput {
  /** The sealed blob's id (base64url, 43 characters). */
  readonly blob: string;
  readonly nome: string;
  readonly formato: FormatoAllegatoModello;
  /** The file's size in bytes. */
  readonly byte: number;
}

/** Input of {@link allegaADocumento}. */
export interface AllegaADocumentoInput extends AllegaInput {
  /** The checklist document the file is a copy of. */
  readonly documento: string;
}

/** Input of {@link allegaAVoceDiario}. */
export interface AllegaAVoceInput extends AllegaInput {
  /** The diary entry the file belongs to. */
  readonly voce: string;
}

/** Input of {@link rimuoviAllegato}. */
export interface RimuoviAllegatoInput {
  readonly id: string;
  /** Why (required: the bytes will be deleted from the server). */
  readonly motivo: string;
}

const NOMI = { blob: 'allegato', nome: 'nome del file', formato: 'formato', byte: 'dimensione' };

function validaAllegato(input: AllegaInput): { readonly ok: true; readonly value: AllegaInput } | Errore {
  const v = validaInput(FORMA_ALLEGATO.obbligatori, FORMA_ALLEGATO.facoltativi, input, NOMI);
  if (!v.ok) return v;
  return { ok: true, value: { blob: v.value.blob, nome: v.value.nome, formato: v.value.formato, byte: v.value.byte } };
}

/**
 * Attaches a file to a checklist document. Any member may (administrative staff acquire paper
 * documents). A document still `mancante` becomes `acquisito` today, unless its entry is in
 * conflict (then only the attachment is written). Attaching the same blob again to the same
 * document gives back the existing attachment.
 */
export function allegaADocumento(c: Cartella, input: AllegaADocumentoInput, ctx: Contesto): Risultato<{ readonly id: AllegatoId; readonly acquisito: boolean }> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const documento = vista.documenti.find((d) => d.id === input.documento);
  if (!documento) return errore('documento_inesistente', 'Documento non trovato nella cartella.');
  const v = validaAllegato(input);
  if (!v.ok) return v;
  const problemi: Problema[] = [];
  const reg = leggiRegistriAllegati(c.admin, problemi);
  const gia = allegatiAdminDaRegistri(reg).find((a) => a.documento === documento.id && a.blob === v.value.blob && a.rimosso === undefined);
  if (gia) return { ok: true, value: { id: gia.id, acquisito: false } };
  const statoDoc = registri.documenti.get(documento.id);
  const segna = documento.stato === 'mancante' && statoDoc !== undefined && !statoDoc.inConflitto;
  return esegui(c.admin, 'allegaADocumento', ctx, () => {
    const id = nuovoId<AllegatoId>(c.admin);
    scriviCampo(mappaAllegati(c.admin), undefined, id, { ...v.value, documento: documento.id }, ctx);
    if (segna) {
      const { id: _id, autore: _a, il: _i, ...dati } = documento;
      const valore = leggiDocumento({ ...dati, stato: 'acquisito', data: giorno(ctx.now) });
      if (!valore) throw new Error('allegaADocumento: documento non valido dopo il controllo');
      scriviCampo(sezioneAdmin(c.admin, 'documenti'), statoDoc, documento.id as DocumentoId, valore, ctx);
    }
    return { id, acquisito: segna };
  });
}

/** Attaches a file to a diary entry (équipe, with the prof part). The same blob again gives back the existing attachment. */
export function allegaAVoceDiario(c: Cartella, input: AllegaAVoceInput, ctx: Contesto): Risultato<AllegatoId> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const voce = s.vista.prof.diario.find((x) => x.id === input.voce);
  if (!voce) return errore('voce_inesistente', 'La voce di diario non esiste.');
  const v = validaAllegato(input);
  if (!v.ok) return v;
  const gia = allegatiProf(s.prof, []).find((a) => a.voce === voce.id && a.blob === v.value.blob && a.rimosso === undefined);
  if (gia) return { ok: true, value: gia.id };
  return esegui(s.prof, 'allegaAVoceDiario', ctx, () => {
    const id = nuovoId<AllegatoId>(s.prof);
    mappaAllegati(s.prof).set(id, { ...v.value, voce: voce.id, autore: ctx.autore, il: ctx.now.toISOString() });
    return id;
  });
}

/**
 * Records that an attachment was removed (decisional roles; a written reason). The record stays
 * readable; the blob leaves the live set, so the relay deletes its bytes after the grace period.
 */
export function rimuoviAllegato(c: Cartella, input: RimuoviAllegatoInput, ctx: Contesto): Risultato<AllegatoId> {
  const motivo = p.testo(1, 2000)(input.motivo);
  const { vista } = leggiAdmin(c.admin);
  const problemi: Problema[] = [];
  const reg = leggiRegistriAllegati(c.admin, problemi);
  const admin = allegatiAdminDaRegistri(reg).find((a) => a.id === input.id);
  if (admin) {
    const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI });
    if (e) return e;
    if (!motivo) return errore('campo_obbligatorio', "Scrivi perché l'allegato viene rimosso.");
    if (admin.rimosso) return errore('allegato_rimosso', "L'allegato è già stato rimosso.");
    const stato = reg.get(admin.id);
    const attuale = leggiAllegatoAdmin(stato?.valore);
    if (!stato || !attuale) throw new Error('rimuoviAllegato: registro mancante dopo la lettura');
    return esegui(c.admin, 'rimuoviAllegato', ctx, () => {
      scriviCampo(mappaAllegati(c.admin), stato, admin.id, { ...attuale, rimosso: { data: giorno(ctx.now), motivo } }, ctx);
      return admin.id;
    });
  }
  if (!c.prof) return errore('allegato_inesistente', 'Allegato non trovato nella cartella.');
  const prof = allegatiProf(c.prof, []).find((a) => a.id === input.id);
  if (!prof) return errore('allegato_inesistente', 'Allegato non trovato nella cartella.');
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const e = autorizza(c, s.vista.admin, ctx, { ruoli: RUOLI_DECISIONALI, prof: true });
  if (e) return e;
  if (!motivo) return errore('campo_obbligatorio', "Scrivi perché l'allegato viene rimosso.");
  if (prof.rimosso) return errore('allegato_rimosso', "L'allegato è già stato rimosso.");
  const attuale = leggiAllegatoProf(mappaAllegati(s.prof).get(prof.id));
  if (!attuale) throw new Error('rimuoviAllegato: valore mancante dopo la lettura');
  return esegui(s.prof, 'rimuoviAllegato', ctx, () => {
    mappaAllegati(s.prof).set(prof.id, { ...attuale, rimosso: { da: ctx.autore, il: ctx.now.toISOString(), motivo } });
    return prof.id;
  });
}
