/**
 * @module crdt/stats/fatti
 * The privacy boundary of the statistics: each cartella's view is read once and reduced to
 * the few facts the figures need — state, area, phase, dates of access, presa in carico,
 * reopenings and closures, the procedure's standing at `now`, inactivity, and each diary
 * entry's month, type and worker. Nothing else leaves this file: no name, codice fiscale,
 * address or free text of the person, no cartella id. Worker names come from the
 * cartella's own roster; entries whose author it does not vouch for carry no name.
 */
import {
  giorno, inattivita, leggiCartella, termini,
  type AreaUtenza, type Cartella, type DataIso, type Fase, type Membro, type MotivoChiusura,
  type StatoCartella, type TipoVoce, type VistaAdmin, type VistaCartella, type VoceDiario,
} from '../model';

/** A closure of the cartella: when it was confirmed and why. */
export interface FattoChiusura {
  readonly data: DataIso;
  readonly motivo?: MotivoChiusura;
}

/** A diary entry reduced to what the statistics count. */
export interface FattoVoce {
  readonly data: DataIso;
  readonly tipo: TipoVoce;
  /** The worker's name on the cartella's roster; null when the roster does not vouch for the author. */
  readonly operatore: string | null;
  /** A correction of an earlier entry (not a contact). */
  readonly correzione: boolean;
}

/** How a pending procedure stands at `now` (L. 241/1990, termini.ts). */
export type StatoTermine = 'nel_termine' | 'scaduto' | 'oltre_potere_sostitutivo';
/** Inactivity of an open cartella at `now`: certain only when the diary can be read. */
export type StatoAttivita = 'attiva' | 'inattiva' | 'non_verificabile';

/** The facts of one cartella that the statistics use. */
export interface FattiCartella {
  readonly stato: StatoCartella;
  readonly area?: AreaUtenza;
  readonly fase?: Fase;
  /** Day of the access to the segretariato sociale. */
  readonly accesso?: DataIso;
  /** Day of the presa in carico (apertura). */
  readonly presaInCarico?: DataIso;
  readonly riaperture: readonly DataIso[];
  readonly chiusure: readonly FattoChiusura[];
  /** Only for an open cartella whose procedure awaits its determinazione. */
  readonly termine?: StatoTermine;
  /** Only for an open cartella. */
  readonly attivita?: StatoAttivita;
  /** Null when this device does not hold the professional part. */
  readonly diario: readonly FattoVoce[] | null;
  /** Items of the cartella that could not be read (and so are not counted). */
  readonly problemi: number;
}

/**
 * Closures and reopenings from the closure history (oldest first). Each reopening pairs with
 * the last closure before it; the current state adds its closure when closed. Concurrent
 * duplicates (two people confirming the same closure offline) therefore count once, and a
 * closure that lost a conflict to a withdrawal does not count at all.
 */
export function chiusureERiaperture(a: VistaAdmin): { chiusure: FattoChiusura[]; riaperture: DataIso[] } {
  const chiusure: FattoChiusura[] = [];
  const riaperture: DataIso[] = [];
  let ultima: FattoChiusura | undefined;
  const fatto = (e: { data: DataIso; motivo?: MotivoChiusura }): FattoChiusura =>
    (e.motivo ? { data: e.data, motivo: e.motivo } : { data: e.data });
  for (const e of a.chiusura.storia) {
    if (e.stato === 'chiusa') ultima = fatto(e);
    else if (e.stato === 'riaperta' && ultima) {
      chiusure.push(ultima);
      riaperture.push(e.data);
      ultima = undefined;
    }
  }
  const attuale = a.chiusura.attuale;
  if (attuale?.stato === 'chiusa') chiusure.push(fatto(attuale));
  return { chiusure, riaperture };
}

function nomeOperatore(m: Membro | undefined, scrittoIl: string): string | null {
  if (!m) return null;
  if (m.revocatoIl !== undefined) {
    // Written on or after the day of revocation: the model would have refused it.
    const t = new Date(scrittoIl);
    if (Number.isNaN(t.getTime()) || giorno(t) >= m.revocatoIl) return null;
  }
  const nome = m.nome.normalize('NFC').replace(/\s+/g, ' ').trim();
  return nome.length > 0 ? nome : null;
}

function voci(diario: readonly VoceDiario[], a: VistaAdmin): FattoVoce[] {
  const roster = new Map<string, Membro>();
  for (const m of a.membri) roster.set(m.chiave, m);
  return diario.map((v) => ({
    data: v.data,
    tipo: v.tipo,
    operatore: nomeOperatore(roster.get(v.autore), v.scrittoIl),
    correzione: v.corregge !== undefined,
  }));
}

function termine(v: VistaCartella, now: Date): StatoTermine | undefined {
  const t = termini(v.admin.procedimento, now);
  if (!t || t.concluso) return undefined;
  if (!t.scaduto) return 'nel_termine';
  return giorno(now) > t.scadenzaPotereSostitutivo ? 'oltre_potere_sostitutivo' : 'scaduto';
}

function attivita(v: VistaCartella, now: Date): StatoAttivita {
  // Without the diary the last activity seen is a lower bound: recent admin activity proves
  // the cartella active, but a year of admin silence proves nothing.
  const i = inattivita(v, now);
  if (!i.inattiva) return 'attiva';
  return v.prof ? 'inattiva' : 'non_verificabile';
}

/** True for a cartella's view, false for its documents. */
export function eVista(c: Cartella | VistaCartella): c is VistaCartella {
  return 'admin' in c && 'stato' in c;
}

/** Reads a cartella (once) and keeps only the facts the statistics use. */
export function fattiCartella(c: Cartella | VistaCartella, now: Date): FattiCartella {
  const v = eVista(c) ? c : leggiCartella(c);
  const a = v.admin;
  const aperta = v.stato === 'aperta' || v.stato === 'chiusura_proposta';
  const { chiusure, riaperture } = chiusureERiaperture(a);
  const t = aperta ? termine(v, now) : undefined;
  return {
    stato: v.stato,
    ...(a.meta.area ? { area: a.meta.area } : {}),
    ...(v.fase ? { fase: v.fase.fase } : {}),
    ...(a.segretariato.accesso ? { accesso: a.segretariato.accesso.data } : {}),
    ...(a.meta.apertura ? { presaInCarico: a.meta.apertura.data } : {}),
    riaperture,
    chiusure,
    ...(t ? { termine: t } : {}),
    ...(aperta ? { attivita: attivita(v, now) } : {}),
    diario: v.prof ? voci(v.prof.diario, a) : null,
    problemi: a.problemi.length + (v.prof?.problemi.length ?? 0),
  };
}
