/**
 * @module agenda-diario
 * "An appointment done becomes a diary entry in one step": the équipe member marks the
 * appointment done and the diary gets its entry (kind from the appointment's kind, date
 * from the appointment), the two linked both ways — the appointment (admin part) names
 * the entry, the entry (prof part) names the appointment. Doing it again gives the same
 * entry and writes nothing, so a double tap or a retry never makes two entries.
 * Two documents are written, each in one transaction (prof first): if the admin write
 * has not reached a device yet, the entry's link lets that device find the entry instead
 * of writing a second one.
 */
import * as Y from 'yjs';
import { listaProf, type Cartella, type Contesto } from './cartella';
import { VOCE_DA_APPUNTAMENTO, type AppuntamentoId } from './agenda-vocabolario';
import { leggiRegistriAgenda, vistaAgendaDaRegistri, type Appuntamento } from './agenda-vista';
import {
  appuntamentoModificabile, controllaIniziato, datiAppuntamento, scriviAppuntamento, type StatoAgenda,
} from './agenda';
import { comeIdElemento, type VoceDiarioId } from './ids';
import { esegui } from './operazione';
import type { Problema } from './problemi';
import { errore, ok, type Risultato } from './risultato';
import { p } from './schema';
import { eErrore, inserisciScritto, scrittoreProf } from './scritti';
import { isRecord } from './valida';
import type { VistaProf } from './vista';

/** Input of {@link svoltoInDiario}. */
export interface SvoltoInDiarioInput {
  /** The appointment. */
  readonly id: string;
  /** Initial text of the new entry (ignored when the entry already exists). */
  readonly testo?: string;
}

/** What {@link svoltoInDiario} did. */
export interface SvoltoInDiario {
  readonly appuntamento: AppuntamentoId;
  /** The diary entry of the appointment: bind the editor to it with `testoVoce`. */
  readonly voce: VoceDiarioId;
  /** False when the entry already existed (nothing new was written to the diary). */
  readonly creata: boolean;
}

/** Diary entry id → the appointment it records, for entries made by {@link svoltoInDiario}. */
export function appuntamentiDelDiario(prof: Y.Doc): ReadonlyMap<VoceDiarioId, AppuntamentoId> {
  const out = new Map<VoceDiarioId, AppuntamentoId>();
  for (const raw of listaProf(prof, 'diario').toArray()) {
    if (!(raw instanceof Y.Map)) continue;
    const voce = comeIdElemento<VoceDiarioId>(raw.get('id'));
    const app = comeIdElemento<AppuntamentoId>(raw.get('appuntamento'));
    if (voce && app && !out.has(voce)) out.set(voce, app);
  }
  return out;
}

/**
 * The first valid diary entry (in diary order) that records appointment `a` as it is now:
 * same day, same kind. An entry written for an earlier version of the appointment (moved
 * meanwhile on another device, then the move kept when resolving the conflict) does not
 * record this one, and stays in the diary as written.
 */
function voceDellAppuntamento(prof: Y.Doc, vista: VistaProf, a: Appuntamento): VoceDiarioId | undefined {
  const link = appuntamentiDelDiario(prof);
  const tipo = VOCE_DA_APPUNTAMENTO[a.tipo];
  return vista.diario.find((v) => link.get(v.id as VoceDiarioId) === a.id && v.data === a.data && v.tipo === tipo)?.id as VoceDiarioId | undefined;
}

/**
 * Marks an appointment done and records it in the diary, in one step. Needs the prof part
 * and an équipe member; the appointment must have started. On an appointment already
 * recorded it returns the existing entry and writes nothing; on one marked done without
 * an entry (e.g. by the front office) it adds the entry and links it.
 */
export function svoltoInDiario(c: Cartella, input: SvoltoInDiarioInput, ctx: Contesto): Risultato<SvoltoInDiario> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) {
    return s.code === 'parte_professionale_assente'
      ? errore(s.code, "Il diario è nella parte professionale, che non è su questo dispositivo: qui si può solo segnare l'appuntamento come svolto.")
      : s;
  }
  if (!isRecord(input)) return errore('input_non_valido', "Dati dell'appuntamento non validi.");
  const testo = input.testo === undefined ? '' : p.testo(0, 100_000)(input.testo);
  if (testo === undefined) return errore('valore_non_valido', 'Il testo della voce di diario non è valido.');
  const problemi: Problema[] = [];
  const registri = leggiRegistriAgenda(c.admin, problemi);
  const stato: StatoAgenda = { vista: s.vista.admin, registri, appuntamenti: vistaAgendaDaRegistri(registri, problemi).appuntamenti };
  const a = appuntamentoModificabile(stato, input.id, true);
  if ('ok' in a) return a;
  if (a.stato === 'annullato' || a.stato === 'non_presentato') {
    return errore('appuntamento_non_modificabile', `L'appuntamento risulta ${a.stato === 'annullato' ? 'annullato' : 'non presentato'}: non va nel diario come svolto.`);
  }
  if (a.voceDiario) return ok({ appuntamento: a.id, voce: a.voceDiario, creata: false });
  if (a.stato === 'programmato') {
    const e = controllaIniziato(a, ctx);
    if (e) return e;
  }
  const collega = (voce: VoceDiarioId): void =>
    scriviAppuntamento(c, stato, a, { ...datiAppuntamento(a), stato: 'svolto', voceDiario: voce }, ctx);
  const esistente = voceDellAppuntamento(s.prof, s.vista.prof, a);
  if (esistente) {
    esegui(c.admin, 'svoltoInDiario', ctx, () => collega(esistente));
    return ok({ appuntamento: a.id, voce: esistente, creata: false });
  }
  const voce = esegui(s.prof, 'svoltoInDiario', ctx, () =>
    inserisciScritto(s.prof, 'diario', { data: a.data, tipo: VOCE_DA_APPUNTAMENTO[a.tipo], appuntamento: a.id }, testo, ctx) as VoceDiarioId);
  if (!voce.ok) return voce;
  esegui(c.admin, 'svoltoInDiario', ctx, () => collega(voce.value));
  return ok({ appuntamento: a.id, voce: voce.value, creata: true });
}
