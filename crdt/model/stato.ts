/**
 * @module stato
 * The lifecycle state of a cartella, derived from its admin document: a segretariato
 * access, the presa in carico (apertura), a closure proposal, the closure, a reopening.
 * Nothing stores the state itself, so it can never disagree with the facts it comes from.
 */
import type { Fase } from './vocabolario';
import type { VistaAdmin } from './vista-admin';
import type { DataIso } from './date';

/** Where a cartella is in its life. */
export type StatoCartella =
  | 'nuova' // created, nothing recorded yet
  | 'accesso' // segretariato sociale in progress
  | 'segretariato_concluso' // ended with segnalazione or chiusura, no presa in carico
  | 'aperta' // presa in carico
  | 'chiusura_proposta' // open, with a closure proposal awaiting confirmation
  | 'chiusa'; // closed: read-only until reopened

/** The lifecycle state of a cartella. */
export function statoCartella(v: VistaAdmin): StatoCartella {
  const c = v.chiusura.attuale?.stato;
  if (c === 'chiusa') return 'chiusa';
  if (v.meta.apertura) return c === 'proposta' ? 'chiusura_proposta' : 'aperta';
  const esito = v.segretariato.esito?.esito;
  if (esito === 'segnalazione' || esito === 'chiusura') return 'segretariato_concluso';
  if (v.segretariato.accesso) return 'accesso';
  return 'nuova';
}

/** True while the cartella is taken in charge and not closed (a proposal keeps it open). */
export function eAperta(v: VistaAdmin): boolean {
  const s = statoCartella(v);
  return s === 'aperta' || s === 'chiusura_proposta';
}

/** The current help-process phase and since when (accesso before the apertura). */
export function faseCorrente(v: VistaAdmin): { readonly fase: Fase; readonly dal: DataIso } | undefined {
  if (v.meta.fase) return v.meta.fase;
  if (v.segretariato.accesso) return { fase: 'accesso', dal: v.segretariato.accesso.data };
  return undefined;
}

/** Italian label of a lifecycle state. */
export const ETICHETTE_STATO: Readonly<Record<StatoCartella, string>> = {
  nuova: 'Nuova',
  accesso: 'Segretariato sociale in corso',
  segretariato_concluso: 'Segretariato concluso senza presa in carico',
  aperta: 'Aperta (presa in carico)',
  chiusura_proposta: 'Aperta, con proposta di chiusura',
  chiusa: 'Chiusa',
};
