/**
 * @module vista
 * The whole cartella as one plain, frozen value: what the UI renders, what the rules
 * (checklist, termini, avvisi) read, and what the convergence tests compare between
 * replicas. Ordering is deterministic, never the local order of arrival.
 */
import type { Cartella } from './cartella';
import { ordinaProblemi, type Problema } from './problemi';
import { statoCartella, faseCorrente, type StatoCartella } from './stato';
import { congela } from './valida';
import { leggiAdmin, type VistaAdmin } from './vista-admin';
import { leggiProgetto, type Progetto } from './vista-progetto';
import { PARSER_PROF, leggiLista, type Relazione, type Valutazione, type Verbale, type VoceDiario } from './vista-prof';
import type * as Y from 'yjs';
import type { Fase } from './vocabolario';
import type { DataIso } from './date';

/** The prof document as plain data. */
export interface VistaProf {
  /** Diary entries by date, then time of writing, then id. */
  readonly diario: readonly VoceDiario[];
  readonly relazioni: readonly Relazione[];
  readonly verbali: readonly Verbale[];
  readonly valutazioni: readonly Valutazione[];
  readonly progetto?: Progetto;
  readonly problemi: readonly Problema[];
}

/** The cartella as plain data; `prof` is null on devices without the professional key. */
export interface VistaCartella {
  readonly stato: StatoCartella;
  readonly fase?: { readonly fase: Fase; readonly dal: DataIso };
  readonly admin: VistaAdmin;
  readonly prof: VistaProf | null;
}

const perData = <T extends { readonly scrittoIl: string; readonly id: string; readonly data?: string }>(a: T, b: T): number => {
  const x = `${a.data ?? ''}|${a.scrittoIl}|${a.id}`;
  const y = `${b.data ?? ''}|${b.scrittoIl}|${b.id}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Reads the prof document. */
export function leggiProf(prof: Y.Doc): VistaProf {
  const problemi: Problema[] = [];
  const grezzo = leggiLista(prof, 'diario', PARSER_PROF.diario, problemi);
  const correzioni = new Map<string, string[]>();
  for (const v of grezzo) {
    if (v.corregge === undefined) continue;
    const l = correzioni.get(v.corregge) ?? [];
    correzioni.set(v.corregge, [...l, v.id]);
  }
  const diario = grezzo.map((v) => ({ ...v, correttaDa: (correzioni.get(v.id) ?? []).sort() })).sort(perData);
  const progetto = leggiProgetto(prof, problemi);
  const vista = {
    diario,
    relazioni: leggiLista(prof, 'relazioni', PARSER_PROF.relazioni, problemi).sort(perData),
    verbali: leggiLista(prof, 'verbali', PARSER_PROF.verbali, problemi).sort(perData),
    valutazioni: leggiLista(prof, 'valutazione', PARSER_PROF.valutazione, problemi).sort(perData),
    problemi: ordinaProblemi(problemi),
  };
  return congela(progetto ? { ...vista, progetto } : vista);
}

/** Reads a whole cartella (both documents when the device holds both). */
export function leggiCartella(c: Cartella): VistaCartella {
  const admin = leggiAdmin(c.admin).vista;
  const fase = faseCorrente(admin);
  const base = { stato: statoCartella(admin), admin, prof: c.prof ? leggiProf(c.prof) : null };
  return congela(fase ? { ...base, fase } : base);
}
