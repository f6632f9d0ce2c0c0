/**
 * @module inattivita
 * "Nessun accesso dell'utente e assenza di interventi per un anno" (deck, closure
 * reasons): the software must detect it and propose closure — never close by itself.
 * Activity is any dated contact or intervention: diary entries (corrections excluded:
 * they amend the record, they are not contacts), verbali, assessments, reviews of the
 * progetto, the access, the apertura or reopening, the procedure's acts, and benefits
 * (one still being delivered counts as activity today).
 */
import { aggiungiMesi, giorno, massimaData, type DataIso } from './date';
import { prestazioneAttiva } from './prestazioni';
import type { VistaCartella } from './vista';

/** Months without activity after which closure is proposed. */
export const MESI_INATTIVITA = 12;

/** The inactivity facts of a cartella at a day. */
export interface Inattivita {
  /** Last dated activity, if any. */
  readonly ultimaAttivita?: DataIso;
  /** The day the year of inactivity is complete. */
  readonly maturaIl?: DataIso;
  /** A full year has passed without activity. */
  readonly inattiva: boolean;
}

/** The last activity of a cartella seen from this device (prof activity only with the prof key). */
export function ultimaAttivita(v: VistaCartella, oggi: DataIso): DataIso | undefined {
  const a = v.admin;
  let u: DataIso | undefined = massimaData(a.segretariato.accesso?.data, a.meta.apertura?.data);
  for (const e of a.chiusura.storia) if (e.stato === 'riaperta') u = massimaData(u, e.data);
  const pr = a.procedimento;
  for (const d of [pr.determinazione?.data, pr.comunicazioneEsito?.data, pr.comunicazioneAvvio?.data]) u = massimaData(u, d);
  for (const x of a.prestazioni) {
    if (prestazioneAttiva(x, oggi)) u = massimaData(u, oggi);
    for (const d of [x.dataInizio, x.dataErogazione, x.dataEvento]) u = massimaData(u, d && d <= oggi ? d : undefined);
    if (x.dataFine && x.dataFine <= oggi) u = massimaData(u, x.dataFine);
  }
  const p = v.prof;
  if (p) {
    for (const e of p.diario) if (e.corregge === undefined) u = massimaData(u, e.data);
    for (const e of p.verbali) u = massimaData(u, e.data);
    for (const e of p.valutazioni) u = massimaData(u, e.data);
    for (const e of p.progetto?.verifiche ?? []) u = massimaData(u, e.data);
    u = massimaData(u, p.progetto?.firmatoIl);
  }
  return u;
}

/** Whether a year without access or intervention has passed at `now`. */
export function inattivita(v: VistaCartella, now: Date): Inattivita {
  const oggi = giorno(now);
  const u = ultimaAttivita(v, oggi);
  if (!u) return { inattiva: false };
  const maturaIl = aggiungiMesi(u, MESI_INATTIVITA);
  return { ultimaAttivita: u, maturaIl, inattiva: oggi >= maturaIl };
}
