/**
 * @module client/cartelle/filtri
 * Search, filters and order of the list of cartelle, as pure functions of the summaries.
 * The chosen filters live for the whole unlocked session (coming back to the list keeps
 * them), never on disk.
 */
import { createSignal } from 'solid-js';
import type { AreaUtenza, Fase, StatoCartella } from '../../crdt/model';
import { normalizza, type Riassunto } from './riassunto';

export type FiltroStato = '' | 'aperte' | 'segretariato' | 'senza_presa' | 'chiuse';
export type FiltroAvvisi = '' | 'con' | 'critici' | 'senza';
export type Ordine = 'nome' | 'attivita' | 'avvisi';

export interface Filtri {
  readonly testo: string;
  readonly stato: FiltroStato;
  readonly fase: Fase | '';
  readonly area: AreaUtenza | '';
  readonly avvisi: FiltroAvvisi;
  readonly ordine: Ordine;
}

export const FILTRI_VUOTI: Filtri = { testo: '', stato: '', fase: '', area: '', avvisi: '', ordine: 'nome' };

const STATI: Readonly<Record<Exclude<FiltroStato, ''>, readonly StatoCartella[]>> = {
  aperte: ['aperta', 'chiusura_proposta'],
  segretariato: ['nuova', 'accesso'],
  senza_presa: ['segretariato_concluso'],
  chiuse: ['chiusa'],
};

/** The session's filters (module state: kept while the app stays unlocked). */
export const [filtri, setFiltri] = createSignal<Filtri>(FILTRI_VUOTI);

export function filtriAttivi(f: Filtri): boolean {
  return f.testo.trim() !== '' || f.stato !== '' || f.fase !== '' || f.area !== '' || f.avvisi !== '';
}

function corrisponde(r: Riassunto, f: Filtri, parole: readonly string[]): boolean {
  if (f.stato && !STATI[f.stato].includes(r.stato)) return false;
  if (f.fase && r.fase !== f.fase) return false;
  if (f.area && r.area !== f.area) return false;
  if (f.avvisi === 'con' && r.critici + r.attenzione === 0) return false;
  if (f.avvisi === 'critici' && r.critici === 0) return false;
  if (f.avvisi === 'senza' && r.critici + r.attenzione > 0) return false;
  return parole.every((p) => r.chiaveRicerca.includes(p));
}

const perNome = (a: Riassunto, b: Riassunto): number => (a.chiaveNome < b.chiaveNome ? -1 : a.chiaveNome > b.chiaveNome ? 1 : 0);

const ORDINI: Readonly<Record<Ordine, (a: Riassunto, b: Riassunto) => number>> = {
  nome: perNome,
  attivita: (a, b) => (b.ultimaAttivita ?? '').localeCompare(a.ultimaAttivita ?? '') || perNome(a, b),
  avvisi: (a, b) => b.critici - a.critici || b.attenzione - a.attenzione || perNome(a, b),
};

/** The summaries that pass the filters, in the chosen order. */
export function filtra(tutti: readonly Riassunto[], f: Filtri): Riassunto[] {
  const parole = normalizza(f.testo).split(/\s+/).filter(Boolean);
  return tutti.filter((r) => corrisponde(r, f, parole)).sort(ORDINI[f.ordine]);
}
