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

/** Sort key of a written item (date, time of writing, id), computed once per item value. */
const chiaviData = new WeakMap<object, string>();
function chiaveData(v: { readonly scrittoIl: string; readonly id: string; readonly data?: string }): string {
  let k = chiaviData.get(v);
  if (k === undefined) {
    k = `${v.data ?? ''}|${v.scrittoIl}|${v.id}`;
    chiaviData.set(v, k);
  }
  return k;
}
const perData = <T extends { readonly scrittoIl: string; readonly id: string; readonly data?: string }>(a: T, b: T): number => {
  const x = chiaveData(a);
  const y = chiaveData(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * A diary entry with the ids of its corrections. The same object is returned while the entry
 * and its corrections are unchanged (readers of a long diary re-render nothing for it).
 */
const conCorrezioni = new WeakMap<object, { readonly chiave: string; readonly voce: VoceDiario }>();
function voceConCorrezioni(v: Omit<VoceDiario, 'correttaDa'>, correttaDa: readonly string[]): VoceDiario {
  const chiave = correttaDa.join(' ');
  const nota = conCorrezioni.get(v);
  if (nota && nota.chiave === chiave) return nota.voce;
  const voce: VoceDiario = Object.freeze({ ...v, correttaDa: Object.freeze([...correttaDa]) });
  conCorrezioni.set(v, { chiave, voce });
  return voce;
}

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
  const diario = grezzo.map((v) => voceConCorrezioni(v, (correzioni.get(v.id) ?? []).sort())).sort(perData);
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
