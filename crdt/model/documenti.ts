/**
 * @module documenti
 * The document checklist of the admin part: which paper or digital documents the
 * cartella holds (informativa privacy, consenso a lavorare in rete, stato di famiglia,
 * istanza, ISEE attestation ...), with their state (mancante, acquisito, firmato). Entries
 * are never deleted; a document attached to a phase becomes one of that phase's
 * requirements ("altri documenti" of the deck's table).
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { giorno } from './date';
import { autorizza, controllaConflitto } from './guardie';
import { nuovoId, type DocumentoId } from './ids';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Errore, type Risultato } from './risultato';
import { validaInput } from './schema';
import { FORMA_DOCUMENTO, type DocumentoDati } from './schema-elementi';
import { soloDefiniti } from './valida';
import { leggiAdmin } from './vista-admin';
import type { Fase, StatoDocumento, TipoDocumento } from './vocabolario';

/** Input of {@link registraDocumento}. */
export interface RegistraDocumentoInput {
  readonly tipo: TipoDocumento;
  readonly stato: StatoDocumento;
  /** The phase it belongs to, when it is an extra requirement of that phase. */
  readonly fase?: Fase;
  /** When it was acquired or signed (required unless `mancante`). */
  readonly data?: string;
  readonly descrizione?: string;
  readonly protocollo?: string;
}

function controllaDocumento(d: DocumentoDati, oggi: string): Errore | undefined {
  if (d.stato !== 'mancante' && !d.data) return errore('campo_obbligatorio', 'Indica la data in cui il documento è stato acquisito o firmato.');
  if (d.data && d.data > oggi) return errore('data_futura', 'La data del documento è nel futuro.');
  if (d.tipo === 'altro' && !d.descrizione) return errore('campo_obbligatorio', 'Descrivi il documento.');
  return undefined;
}

/** Adds a document to the checklist. */
export function registraDocumento(c: Cartella, input: RegistraDocumentoInput, ctx: Contesto): Risultato<DocumentoId> {
  const { vista } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const v = validaInput(FORMA_DOCUMENTO.obbligatori, FORMA_DOCUMENTO.facoltativi, input);
  if (!v.ok) return v;
  const e2 = controllaDocumento(v.value, giorno(ctx.now));
  if (e2) return e2;
  return esegui(c.admin, 'registraDocumento', ctx, () => {
    const id = nuovoId<DocumentoId>(c.admin);
    scriviCampo(sezioneAdmin(c.admin, 'documenti'), undefined, id, v.value, ctx);
    return id;
  });
}

/** Input of {@link aggiornaDocumento}: the fields to change. */
export interface AggiornaDocumentoInput {
  readonly id: string;
  readonly stato?: StatoDocumento;
  readonly data?: string;
  readonly descrizione?: string;
  readonly protocollo?: string;
}

/** Changes a document of the checklist (e.g. from acquisito to firmato). */
export function aggiornaDocumento(c: Cartella, input: AggiornaDocumentoInput, ctx: Contesto): Risultato<DocumentoId> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const attuale = vista.documenti.find((d) => d.id === input.id);
  if (!attuale) return errore('documento_inesistente', 'Documento non trovato nella cartella.');
  const { id, autore: _a, il: _i, ...dati } = attuale;
  const nuovo = soloDefiniti({ ...dati, stato: input.stato ?? dati.stato, data: input.data ?? dati.data,
    descrizione: input.descrizione ?? dati.descrizione, protocollo: input.protocollo ?? dati.protocollo });
  const v = validaInput(FORMA_DOCUMENTO.obbligatori, FORMA_DOCUMENTO.facoltativi, nuovo);
  if (!v.ok) return v;
  const e2 = controllaDocumento(v.value, giorno(ctx.now)) ?? controllaConflitto(registri, 'documenti', id, 'documento');
  if (e2) return e2;
  return esegui(c.admin, 'aggiornaDocumento', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'documenti'), registri.documenti.get(id), id, v.value, ctx);
    return id;
  });
}
