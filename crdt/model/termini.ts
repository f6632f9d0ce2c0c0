/**
 * @module termini
 * The terms of the procedimento amministrativo (L. 241/1990), derived from its facts:
 * - art. 2 c. 2–4: the term (30 days unless the ente sets another) runs from the istanza's
 *   receipt, or from the start when d'ufficio;
 * - art. 2 c. 7: one suspension of at most 30 days;
 * - art. 10-bis: the preavviso di rigetto suspends the term, which restarts 10 days after
 *   the citizen's observations or, without them, when the 10 days for replying expire;
 * - art. 2 c. 9-ter: after the term, the potere sostitutivo concludes within half of it.
 * Pure functions of the procedure and a day; nothing is stored.
 */
import { aggiungiGiorni, giorniTra, giorno, type DataIso } from './date';
import type { Procedimento } from './schema-admin';

/** Days the citizen has to answer a preavviso di rigetto (art. 10-bis). */
export const GIORNI_OSSERVAZIONI = 10;

/** The procedure's derived dates and flags at a given day. */
export interface Termini {
  readonly dataAvvio: DataIso;
  readonly termineGiorni: number;
  readonly giorniSospensione: number;
  readonly giorniPreavviso: number;
  /** Due date of the decision, suspensions included. */
  readonly scadenza: DataIso;
  /** Days from today to the due date (negative once past). */
  readonly giorniRimanenti: number;
  /** A determinazione exists. */
  readonly concluso: boolean;
  /** The determinazione came by the due date (only when concluded). */
  readonly nelTermine?: boolean;
  /** Past the due date without a determinazione. */
  readonly scaduto: boolean;
  /** By when the potere sostitutivo must conclude (due date + half the term). */
  readonly scadenzaPotereSostitutivo: DataIso;
  /** Today falls within a suspension. */
  readonly sospeso: boolean;
  /** The citizen's 10 days to answer a preavviso are running. */
  readonly attesaOsservazioni: boolean;
  /** End of the citizen's 10 days, when a preavviso was sent. */
  readonly fineAttesaOsservazioni?: DataIso;
}

/** Days of term suspension caused by a preavviso di rigetto. */
export function giorniSospesiDaPreavviso(p: Procedimento): number {
  const pr = p.preavvisoRigetto;
  if (!pr) return 0;
  if (!pr.osservazioniIl) return GIORNI_OSSERVAZIONI;
  return Math.max(0, giorniTra(pr.data, pr.osservazioniIl)) + GIORNI_OSSERVAZIONI;
}

/** True when a negative decision may be taken at `data` after the preavviso. */
export function preavvisoConcluso(p: Procedimento, data: DataIso): boolean {
  const pr = p.preavvisoRigetto;
  if (!pr) return false;
  if (pr.osservazioniIl && pr.osservazioniIl <= data) return true;
  return data >= aggiungiGiorni(pr.data, GIORNI_OSSERVAZIONI);
}

/** Computes the terms of a procedure at instant `now`; undefined before it starts. */
export function termini(p: Procedimento, now: Date): Termini | undefined {
  const ini = p.iniziativa;
  if (!ini) return undefined;
  const oggi = giorno(now);
  const termine = p.termineGiorni ?? 30;
  const sosp = p.sospensione?.giorni ?? 0;
  const prev = giorniSospesiDaPreavviso(p);
  const scadenza = aggiungiGiorni(ini.dataAvvio, termine + sosp + prev);
  const det = p.determinazione;
  const pr = p.preavvisoRigetto;
  const fineAttesa = pr ? aggiungiGiorni(pr.data, GIORNI_OSSERVAZIONI) : undefined;
  const inSosp = p.sospensione !== undefined && oggi >= p.sospensione.dal && oggi < aggiungiGiorni(p.sospensione.dal, sosp);
  const inPrev = pr !== undefined && oggi >= pr.data && oggi < aggiungiGiorni(pr.data, prev);
  const base = {
    dataAvvio: ini.dataAvvio,
    termineGiorni: termine,
    giorniSospensione: sosp,
    giorniPreavviso: prev,
    scadenza,
    giorniRimanenti: giorniTra(oggi, scadenza),
    concluso: det !== undefined,
    scaduto: det === undefined && oggi > scadenza,
    scadenzaPotereSostitutivo: aggiungiGiorni(scadenza, Math.ceil(termine / 2)),
    sospeso: det === undefined && (inSosp || inPrev),
    attesaOsservazioni: det === undefined && pr !== undefined && !pr.osservazioniIl && fineAttesa !== undefined && oggi < fineAttesa,
  };
  return {
    ...base,
    ...(det ? { nelTermine: det.data <= scadenza } : {}),
    ...(fineAttesa ? { fineAttesaOsservazioni: fineAttesa } : {}),
  };
}
