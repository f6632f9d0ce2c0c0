/**
 * @module agenda
 * The appointments of a cartella (DOMAIN.md, "Organisation": colloqui su appuntamento,
 * visite domiciliari, équipe, back-office time): booked, moved, cancelled, and marked done
 * or "non presentato". They live in the admin part because the front office books them:
 * day, times, kind, kind of place, the équipe members involved, state — never a note
 * about the content, which belongs in the diary (see agenda-diario.ts).
 * Every appointment is one register (registro.ts): concurrent changes are a conflict that
 * a person resolves ({@link risolviConflittoAppuntamento}); nothing is ever deleted, so a
 * cancellation or a move stays in the appointment's history.
 */
import type { Cartella, Contesto } from './cartella';
import { istanteRoma, comeOra } from './agenda-orari';
import {
  TIPI_APPUNTAMENTO, LUOGHI_APPUNTAMENTO, ANNULLATO_DA, TIPI_CON_PERSONA, ETICHETTE_STATO_APPUNTAMENTO,
  type AppuntamentoId, type AnnullatoDa, type LuogoAppuntamento, type TipoAppuntamento,
} from './agenda-vocabolario';
import { leggiAgenda, leggiRegistriAgenda, mappaAgenda, vistaAgendaDaRegistri, type Appuntamento } from './agenda-vista';
import { autorizza, membroAttivo, type Requisiti } from './guardie';
import { comeAuthorKey, nuovoId, type AuthorKey, type ScritturaId } from './ids';
import { esegui } from './operazione';
import type { Problema } from './problemi';
import { scriviCampo, type StatoCampo } from './registro';
import { errore, type Errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { MAX_OPERATORI, type AppuntamentoDati } from './schema-agenda';
import { isRecord, prop, soloDefiniti } from './valida';
import { leggiAdmin, type VistaAdmin } from './vista-admin';

/** Input of {@link fissaAppuntamento}. Times are wall-clock times in Italy. */
export interface AppuntamentoInput {
  readonly tipo: TipoAppuntamento;
  /** 'YYYY-MM-DD'. */
  readonly data: string;
  /** 'HH:MM'. */
  readonly inizio: string;
  /** 'HH:MM', after `inizio` on the same day. */
  readonly fine: string;
  readonly luogo: LuogoAppuntamento;
  /** Which office or address (kept in the cartella, not exported by default). */
  readonly luogoDettaglio?: string;
  /** Public keys of the équipe members involved (active roster members, 1–10). */
  readonly operatori: readonly string[];
}

/** The checked state an agenda operation works on. */
export interface StatoAgenda {
  readonly vista: VistaAdmin;
  readonly registri: ReadonlyMap<string, StatoCampo>;
  readonly appuntamenti: readonly Appuntamento[];
}

/** Reads the admin document and the agenda, and checks the author (see guardie.ts). */
export function leggiPerAgenda(c: Cartella, ctx: Contesto, req: Requisiti = {}): StatoAgenda | Errore {
  const { vista } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, req);
  if (e) return e;
  const problemi: Problema[] = [];
  const registri = leggiRegistriAgenda(c.admin, problemi);
  return { vista, registri, appuntamenti: vistaAgendaDaRegistri(registri, problemi).appuntamenti };
}

/** True when a read was refused. */
export function eRifiuto<T extends object>(x: T | Errore): x is Errore {
  return 'ok' in x;
}

const NOMI = { tipo: 'tipo di appuntamento', data: 'data', luogo: 'luogo', luogoDettaglio: 'indicazioni sul luogo' };

function operatoriValidi(raw: unknown, vista: VistaAdmin, ctx: Contesto): AuthorKey[] | Errore {
  if (!Array.isArray(raw) || raw.length === 0) return errore('campo_obbligatorio', "Indica chi dell'équipe partecipa all'appuntamento.");
  const out: AuthorKey[] = [];
  for (const x of raw as readonly unknown[]) {
    const k = comeAuthorKey(x);
    if (!k || !membroAttivo(vista, { autore: k, now: ctx.now })) {
      return errore('operatore_non_valido', "Chi partecipa all'appuntamento dev'essere un membro attivo dell'équipe della cartella.");
    }
    if (!out.includes(k)) out.push(k);
  }
  if (out.length > MAX_OPERATORI) return errore('valore_non_valido', `Al massimo ${MAX_OPERATORI} partecipanti dell'équipe.`);
  return out;
}

/** Validates a whole appointment (without its state): the fields, the times, the équipe. */
function validaAppuntamento(input: unknown, vista: VistaAdmin, ctx: Contesto): Omit<AppuntamentoDati, 'stato'> | Errore {
  if (!isRecord(input)) return errore('input_non_valido', "Dati dell'appuntamento non validi.");
  const v = validaInput(
    { tipo: p.uno(TIPI_APPUNTAMENTO), data: p.data, luogo: p.uno(LUOGHI_APPUNTAMENTO) },
    { luogoDettaglio: p.testo(1, 200) }, input, NOMI,
  );
  if (!v.ok) return v;
  const inizio = comeOra(prop(input, 'inizio'));
  const fine = comeOra(prop(input, 'fine'));
  if (!inizio || !fine) return errore('ora_non_valida', "Indica l'ora di inizio e quella di fine come HH:MM (da 00:00 a 23:59).");
  if (fine <= inizio) return errore('date_incoerenti', "L'ora di fine deve seguire l'ora di inizio.");
  if (!istanteRoma(v.value.data, inizio) || !istanteRoma(v.value.data, fine)) {
    return errore('ora_non_valida', "Quell'ora non esiste il giorno del passaggio all'ora legale (dalle 02:00 alle 02:59).");
  }
  const operatori = operatoriValidi(prop(input, 'operatori'), vista, ctx);
  if (!Array.isArray(operatori)) return operatori;
  return soloDefiniti({ ...v.value, inizio, fine, operatori });
}

/** Books an appointment. Any member of the cartella may book (the front office does). */
export function fissaAppuntamento(c: Cartella, input: AppuntamentoInput, ctx: Contesto): Risultato<AppuntamentoId> {
  const s = leggiPerAgenda(c, ctx);
  if (eRifiuto(s)) return s;
  const a = validaAppuntamento(input, s.vista, ctx);
  if ('ok' in a) return a;
  return esegui(c.admin, 'fissaAppuntamento', ctx, () => {
    const id = nuovoId<AppuntamentoId>(c.admin);
    scriviCampo(mappaAgenda(c.admin), undefined, id, { ...a, stato: 'programmato' }, ctx);
    return id;
  });
}

/** An appointment that exists, is not in conflict and (unless `qualsiasi`) is still booked. */
export function appuntamentoModificabile(s: StatoAgenda, id: unknown, qualsiasi = false): Appuntamento | Errore {
  const a = s.appuntamenti.find((x) => x.id === id);
  if (!a) return errore('appuntamento_inesistente', 'Appuntamento non trovato nella cartella.');
  if (a.inConflitto) return errore('campo_in_conflitto', "L'appuntamento ha modifiche in conflitto: risolvi prima il conflitto.");
  if (!qualsiasi && a.stato !== 'programmato') {
    return errore('appuntamento_non_modificabile', `L'appuntamento è già «${ETICHETTE_STATO_APPUNTAMENTO[a.stato].toLowerCase()}»: non si può più cambiare.`);
  }
  return a;
}

/** The stored data of an appointment (its read view without the register's facts). */
export function datiAppuntamento(a: Appuntamento): AppuntamentoDati {
  const { id: _id, fissatoDa: _f, fissatoIl: _i, revisione: _r, inConflitto: _c, ...dati } = a;
  return dati;
}

/** Writes a new value of an existing appointment, replacing what its author saw. */
export function scriviAppuntamento(c: Cartella, s: StatoAgenda, a: Appuntamento, valore: AppuntamentoDati, ctx: Contesto): void {
  scriviCampo(mappaAgenda(c.admin), s.registri.get(a.id), a.id, soloDefiniti(valore), ctx);
}

/** Input of {@link spostaAppuntamento}: the new day and times; place and équipe optionally. */
export interface SpostaAppuntamentoInput {
  readonly id: string;
  readonly data: string;
  readonly inizio: string;
  readonly fine: string;
  readonly luogo?: LuogoAppuntamento;
  /** A new detail, or `null` to remove it. */
  readonly luogoDettaglio?: string | null;
  readonly operatori?: readonly string[];
}

/** Moves a booked appointment; the previous times stay in its history. */
export function spostaAppuntamento(c: Cartella, input: SpostaAppuntamentoInput, ctx: Contesto): Risultato<AppuntamentoId> {
  const s = leggiPerAgenda(c, ctx);
  if (eRifiuto(s)) return s;
  if (!isRecord(input)) return errore('input_non_valido', "Dati dell'appuntamento non validi.");
  const a = appuntamentoModificabile(s, input.id);
  if ('ok' in a) return a;
  const nuovo = validaAppuntamento({
    tipo: a.tipo, data: input.data, inizio: input.inizio, fine: input.fine, luogo: input.luogo ?? a.luogo,
    luogoDettaglio: input.luogoDettaglio === undefined ? a.luogoDettaglio : input.luogoDettaglio,
    operatori: input.operatori ?? a.operatori,
  }, s.vista, ctx);
  if ('ok' in nuovo) return nuovo;
  return esegui(c.admin, 'spostaAppuntamento', ctx, () => {
    scriviAppuntamento(c, s, a, { ...nuovo, stato: 'programmato' }, ctx);
    return a.id;
  });
}

/** Cancels a booked appointment, recording (optionally) whether the person or the service did. */
export function annullaAppuntamento(c: Cartella, input: { id: string; da?: AnnullatoDa }, ctx: Contesto): Risultato<AppuntamentoId> {
  const s = leggiPerAgenda(c, ctx);
  if (eRifiuto(s)) return s;
  if (!isRecord(input)) return errore('input_non_valido', "Dati dell'appuntamento non validi.");
  const a = appuntamentoModificabile(s, input.id);
  if ('ok' in a) return a;
  const da = input.da === undefined ? undefined : p.uno(ANNULLATO_DA)(input.da);
  if (input.da !== undefined && !da) return errore('valore_non_valido', "Indica se ha annullato la persona o il servizio.");
  return esegui(c.admin, 'annullaAppuntamento', ctx, () => {
    scriviAppuntamento(c, s, a, { ...datiAppuntamento(a), stato: 'annullato', annullatoDa: da }, ctx);
    return a.id;
  });
}

/** Refuses to record the outcome of an appointment that has not started yet at `now`. */
export function controllaIniziato(a: Appuntamento, ctx: Contesto): Errore | undefined {
  const inizio = istanteRoma(a.data, a.inizio);
  return !inizio || inizio > ctx.now
    ? errore('appuntamento_futuro', "L'appuntamento non è ancora iniziato: l'esito si registra dopo.")
    : undefined;
}

function esito(c: Cartella, input: { id: string }, ctx: Contesto, stato: 'svolto' | 'non_presentato', nome: string): Risultato<AppuntamentoId> {
  const s = leggiPerAgenda(c, ctx);
  if (eRifiuto(s)) return s;
  if (!isRecord(input)) return errore('input_non_valido', "Dati dell'appuntamento non validi.");
  const a = appuntamentoModificabile(s, input.id);
  if ('ok' in a) return a;
  if (stato === 'non_presentato' && !TIPI_CON_PERSONA.includes(a.tipo)) {
    return errore('valore_non_valido', 'Solo a un colloquio o a una visita domiciliare la persona può non presentarsi.');
  }
  const e = controllaIniziato(a, ctx);
  if (e) return e;
  return esegui(c.admin, nome, ctx, () => {
    scriviAppuntamento(c, s, a, { ...datiAppuntamento(a), stato }, ctx);
    return a.id;
  });
}

/**
 * Marks an appointment done, without touching the diary (what the front office can do).
 * With the prof part, {@link svoltoInDiario} marks it done and writes the diary entry too.
 */
export function segnaSvolto(c: Cartella, input: { id: string }, ctx: Contesto): Risultato<AppuntamentoId> {
  return esito(c, input, ctx, 'svolto', 'segnaSvolto');
}

/** Records that the person did not come to a colloquio or was not found at a home visit. */
export function segnaNonPresentato(c: Cartella, input: { id: string }, ctx: Contesto): Risultato<AppuntamentoId> {
  return esito(c, input, ctx, 'non_presentato', 'segnaNonPresentato');
}

/** Input of {@link risolviConflittoAppuntamento}: keep one of the competing values. */
export interface RisoluzioneAppuntamentoInput {
  readonly id: string;
  readonly scelta: ScritturaId;
}

/**
 * Resolves an appointment changed concurrently: the chosen value replaces every competing
 * one. Allowed on a closed cartella too, as conflicts of the admin part are (conflitti.ts).
 */
export function risolviConflittoAppuntamento(c: Cartella, input: RisoluzioneAppuntamentoInput, ctx: Contesto): Risultato<ScritturaId> {
  const s = leggiPerAgenda(c, ctx, { ammessaChiusa: true });
  if (eRifiuto(s)) return s;
  const stato = isRecord(input) && typeof input.id === 'string' ? s.registri.get(input.id) : undefined;
  if (!stato?.inConflitto) return errore('conflitto_assente', "Su questo appuntamento non ci sono modifiche in conflitto.");
  const w = stato.teste.find((x) => x.id === input.scelta);
  if (!w) return errore('scelta_non_valida', 'Il valore scelto non è tra quelli in conflitto.');
  return esegui(c.admin, 'risolviConflittoAppuntamento', ctx, () =>
    scriviCampo(mappaAgenda(c.admin), stato, input.id, w.valore, ctx, true));
}

/** The appointments of a cartella, by day and time. */
export function appuntamenti(c: Cartella): readonly Appuntamento[] {
  return leggiAgenda(c.admin).appuntamenti;
}
