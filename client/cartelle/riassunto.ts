/**
 * @module client/cartelle/riassunto
 * One line of the list of cartelle: what the list shows, searches and filters on, read
 * through the model (`leggiCartella`, `avvisi`, `ultimaAttivita`) and kept as a plain value
 * so that filtering 500 cartelle touches no Y.Doc.
 */
import {
  avvisi, giorno, leggiCartella, ultimaAttivita,
  type AreaUtenza, type Cartella, type DataIso, type Fase, type StatoCartella,
} from '../../crdt/model';

export interface Riassunto {
  readonly id: string;
  readonly cognome: string;
  readonly nome: string;
  readonly codiceFiscale?: string;
  /** Lower-case, accent-free text that the search matches. */
  readonly chiaveRicerca: string;
  /** Sort key by name ("" sorts last). */
  readonly chiaveNome: string;
  readonly area?: AreaUtenza;
  readonly stato: StatoCartella;
  readonly fase?: Fase;
  readonly responsabile?: string;
  readonly ultimaAttivita?: DataIso;
  readonly critici: number;
  readonly attenzione: number;
  /** The first messages, for the badge's description. */
  readonly messaggi: readonly string[];
}

/** Lower case without accents, for matching what a person types. */
export function normalizza(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

export function riassumi(id: string, c: Cartella, now: Date): Riassunto {
  const v = leggiCartella(c);
  const a = v.admin.anagrafica;
  const lista = avvisi(v, now);
  const resp = v.admin.meta.responsabile;
  const membro = resp ? v.admin.membri.find((m) => m.chiave === resp) : undefined;
  const cognome = a.cognome ?? '';
  const nome = a.nome ?? '';
  const ultima = ultimaAttivita(v, giorno(now));
  return {
    id,
    cognome,
    nome,
    ...(a.codiceFiscale ? { codiceFiscale: a.codiceFiscale } : {}),
    chiaveRicerca: normalizza(`${cognome} ${nome} ${nome} ${cognome} ${a.codiceFiscale ?? ''}`),
    chiaveNome: normalizza(cognome || nome ? `${cognome} ${nome}` : '\uffff'),
    ...(v.admin.meta.area ? { area: v.admin.meta.area } : {}),
    stato: v.stato,
    ...(v.fase ? { fase: v.fase.fase } : {}),
    ...(membro ? { responsabile: membro.nome } : {}),
    ...(ultima ? { ultimaAttivita: ultima } : {}),
    critici: lista.filter((x) => x.gravita === 'critico').length,
    attenzione: lista.filter((x) => x.gravita === 'attenzione').length,
    messaggi: lista.slice(0, 4).map((x) => x.messaggio),
  };
}
