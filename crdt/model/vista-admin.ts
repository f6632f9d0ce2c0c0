/**
 * @module vista-admin
 * Reads the whole admin document into plain, frozen, typed values. Every section is read
 * through its registers (registro.ts) and every value through its parser (schema-admin.ts,
 * schema-elementi.ts): what another replica wrote wrongly is skipped and reported.
 */
import type * as Y from 'yjs';
import { SEZIONI_ADMIN, sezioneAdmin, type SezioneAdmin } from './cartella';
import {
  comeAuthorKey, comeIdElemento, type AuthorKey, type DocumentoId, type MembroNucleoId, type PrestazioneId,
  type ScritturaId,
} from './ids';
import { ordinaProblemi, type Problema } from './problemi';
import { leggiSezione, type Accetta, type StatoCampo } from './registro';
import type { Parser } from './schema';
import {
  CAMPI_ANAGRAFICA, CAMPI_CHIUSURA, CAMPI_META, CAMPI_PROCEDIMENTO, CAMPI_SEGRETARIATO,
  type Anagrafica, type EventoChiusura, type Meta, type Procedimento, type Segretariato,
} from './schema-admin';
import {
  leggiDocumento, leggiMembro, leggiMembroNucleo, leggiPrestazione,
  type DocumentoDati, type MembroDati, type MembroNucleoDati, type PrestazioneDati,
} from './schema-elementi';
import { congela } from './valida';

/** Who wrote a value and when (from its register). */
export interface Firma { readonly autore: AuthorKey; readonly il: string }
/** A roster member, with who added them. */
export type Membro = MembroDati & { readonly chiave: AuthorKey; readonly aggiuntoDa: AuthorKey };
export type MembroNucleo = MembroNucleoDati & { readonly id: MembroNucleoId };
export type Documento = DocumentoDati & { readonly id: DocumentoId } & Firma;
export type Prestazione = PrestazioneDati & { readonly id: PrestazioneId };
export type EventoChiusuraFirmato = EventoChiusura & Firma;

/** One of the competing values of a field in conflict. */
export interface ValoreInConflitto {
  readonly scrittura: ScritturaId;
  readonly valore: unknown;
  readonly autore: AuthorKey;
  readonly il: string;
}
/** A field written concurrently with different values, awaiting a person's choice. */
export interface Conflitto {
  readonly sezione: SezioneAdmin;
  readonly campo: string;
  /** Competing values, oldest first. */
  readonly valori: readonly ValoreInConflitto[];
}
/** A conflict that was resolved: which value was kept, by whom, when. */
export interface ConflittoRisolto {
  /** The resolving write. */
  readonly scrittura: ScritturaId;
  readonly sezione: SezioneAdmin;
  readonly campo: string;
  readonly valore: unknown;
  readonly sostituite: readonly ScritturaId[];
  readonly autore: AuthorKey;
  readonly il: string;
}

/** The admin document as plain data. */
export interface VistaAdmin {
  readonly meta: Meta;
  readonly anagrafica: Anagrafica;
  readonly segretariato: Segretariato;
  readonly procedimento: Procedimento;
  /** Closure events, oldest first; the last live one is the current state. */
  readonly chiusura: { readonly attuale?: EventoChiusuraFirmato; readonly storia: readonly EventoChiusuraFirmato[] };
  readonly nucleo: readonly MembroNucleo[];
  readonly documenti: readonly Documento[];
  readonly prestazioni: readonly Prestazione[];
  readonly membri: readonly Membro[];
  /** Open conflicts, by section and field. */
  readonly conflitti: readonly Conflitto[];
  /** Resolved conflicts, oldest first. */
  readonly conflittiRisolti: readonly ConflittoRisolto[];
  readonly problemi: readonly Problema[];
}

/** The registers of every admin section, as operations need them to write. */
export type RegistriAdmin = Readonly<Record<SezioneAdmin, ReadonlyMap<string, StatoCampo>>>;

type Tabella = Record<string, Parser<unknown>>;
const campiFissi = (t: Tabella): Accetta => (campo, v) =>
  Object.prototype.hasOwnProperty.call(t, campo) && (v === null || t[campo]?.(v) !== undefined);
const elementi = (chiave: (k: string) => unknown, parse: Parser<unknown>): Accetta => (campo, v) =>
  chiave(campo) !== undefined && parse(v) !== undefined;

const ACCETTA: Readonly<Record<SezioneAdmin, Accetta>> = {
  meta: campiFissi(CAMPI_META),
  anagrafica: campiFissi(CAMPI_ANAGRAFICA),
  segretariato: campiFissi(CAMPI_SEGRETARIATO),
  procedimento: campiFissi(CAMPI_PROCEDIMENTO),
  chiusura: campiFissi(CAMPI_CHIUSURA),
  nucleo: elementi(comeIdElemento, leggiMembroNucleo),
  documenti: elementi(comeIdElemento, leggiDocumento),
  prestazioni: elementi(comeIdElemento, leggiPrestazione),
  members: elementi(comeAuthorKey, leggiMembro),
};

/** True when `valore` is acceptable for field `campo` of section `sezione`. */
export function valoreAccettabile(sezione: SezioneAdmin, campo: string, valore: unknown): boolean {
  return ACCETTA[sezione](campo, valore);
}

function conflitti(reg: RegistriAdmin): { aperti: Conflitto[]; risolti: ConflittoRisolto[] } {
  const aperti: Conflitto[] = [];
  const risolti: ConflittoRisolto[] = [];
  for (const sezione of SEZIONI_ADMIN) {
    for (const [campo, s] of reg[sezione]) {
      if (s.inConflitto) {
        aperti.push({ sezione, campo, valori: s.teste.map((w) => ({ scrittura: w.id, valore: w.valore, autore: w.autore, il: w.il })) });
      }
      for (const w of s.storia) {
        if (w.risolve) risolti.push({ scrittura: w.id, sezione, campo, valore: w.valore, sostituite: w.sostituisce, autore: w.autore, il: w.il });
      }
    }
  }
  const k = (x: { sezione: string; campo: string }): string => `${x.sezione}\u0000${x.campo}`;
  aperti.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
  const kr = (x: ConflittoRisolto): string => `${x.il}\u0000${k(x)}\u0000${x.scrittura}`;
  risolti.sort((a, b) => (kr(a) < kr(b) ? -1 : kr(a) > kr(b) ? 1 : 0));
  return { aperti, risolti };
}

/** Reads the registers of every admin section; malformed writes go to `problemi`. */
export function leggiRegistriAdmin(admin: Y.Doc, problemi: Problema[]): RegistriAdmin {
  const out = {} as Record<SezioneAdmin, ReadonlyMap<string, StatoCampo>>;
  for (const s of SEZIONI_ADMIN) out[s] = leggiSezione(sezioneAdmin(admin, s), s, ACCETTA[s], problemi);
  return out;
}

function valori<T>(reg: ReadonlyMap<string, StatoCampo>, t: Tabella): T {
  const out: Record<string, unknown> = {};
  for (const [k, parse] of Object.entries(t)) {
    const v = reg.get(k)?.valore;
    const x = v === null || v === undefined ? undefined : parse(v);
    if (x !== undefined) out[k] = x;
  }
  return out as T;
}

function lista<T, X>(reg: ReadonlyMap<string, StatoCampo>, parse: Parser<T>, extra: (k: string, s: StatoCampo) => X): (T & X)[] {
  // Map order follows local insertion and differs between replicas: sort by creation.
  const voci = [...reg].sort(([ka, a], [kb, b]) => {
    const x = `${a.storia[0]?.il ?? ''} ${ka}`;
    const y = `${b.storia[0]?.il ?? ''} ${kb}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const out: (T & X)[] = [];
  for (const [k, s] of voci) {
    const v = parse(s.valore);
    if (v !== undefined) out.push({ ...v, ...extra(k, s) });
  }
  return out;
}

const firma = (s: StatoCampo): Firma => {
  const w = s.teste.at(-1) ?? s.storia[s.storia.length - 1];
  return { autore: w?.autore ?? ('' as AuthorKey), il: w?.il ?? '' };
};

/** Builds the typed, frozen view of the admin document from its registers. */
export function vistaDaRegistri(reg: RegistriAdmin, problemi: readonly Problema[]): VistaAdmin {
  const chiusuraReg = reg.chiusura.get('stato');
  const storia = (chiusuraReg?.storia ?? []).flatMap((w) => {
    const e = CAMPI_CHIUSURA.stato(w.valore);
    return e ? [{ ...e, autore: w.autore, il: w.il }] : [];
  });
  const attualeW = chiusuraReg?.teste.at(-1);
  const attualeV = attualeW ? CAMPI_CHIUSURA.stato(attualeW.valore) : undefined;
  const cf = conflitti(reg);
  return congela({
    meta: valori<Meta>(reg.meta, CAMPI_META),
    anagrafica: valori<Anagrafica>(reg.anagrafica, CAMPI_ANAGRAFICA),
    segretariato: valori<Segretariato>(reg.segretariato, CAMPI_SEGRETARIATO),
    procedimento: valori<Procedimento>(reg.procedimento, CAMPI_PROCEDIMENTO),
    chiusura: attualeW && attualeV ? { attuale: { ...attualeV, autore: attualeW.autore, il: attualeW.il }, storia } : { storia },
    nucleo: lista(reg.nucleo, leggiMembroNucleo, (k) => ({ id: k as MembroNucleoId })),
    documenti: lista(reg.documenti, leggiDocumento, (k, s) => ({ id: k as DocumentoId, ...firma(s) })),
    prestazioni: lista(reg.prestazioni, leggiPrestazione, (k) => ({ id: k as PrestazioneId })),
    membri: lista(reg.members, leggiMembro, (k, s) => ({ chiave: k as AuthorKey, aggiuntoDa: s.storia[0]?.autore ?? (k as AuthorKey) })),
    conflitti: cf.aperti,
    conflittiRisolti: cf.risolti,
    problemi: ordinaProblemi(problemi),
  });
}

/** Reads the admin document: its typed view and the registers operations write through. */
export function leggiAdmin(admin: Y.Doc): { readonly vista: VistaAdmin; readonly registri: RegistriAdmin } {
  const problemi: Problema[] = [];
  const registri = leggiRegistriAdmin(admin, problemi);
  return { vista: vistaDaRegistri(registri, problemi), registri };
}
