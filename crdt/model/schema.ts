/**
 * @module schema
 * Tiny parsers shared by input validation and by reading untrusted documents: the same
 * description of a value checks what a person types and what another replica wrote.
 */
import { comeData, type DataIso } from './date';
import { comeAuthorKey, type AuthorKey } from './ids';
import { errore, type Errore } from './risultato';
import { isRecord, numero, prop, stringa, unoDi } from './valida';

/** Parses an unknown value into `T`, or gives undefined. */
export type Parser<T> = (v: unknown) => T | undefined;
/** The type a parser produces. */
export type Di<P> = P extends Parser<infer T> ? T : never;
type Forma = Record<string, Parser<unknown>>;
/** The object type described by required and optional shapes. */
export type Oggetto<O extends Forma, F extends Forma> =
  { readonly [K in keyof O]: Di<O[K]> } & { readonly [K in keyof F]?: Di<F[K]> };

/** Parsers of the common value kinds. */
export const p = {
  testo: (min = 1, max = 2000): Parser<string> => (v) => stringa(v, min, max),
  data: ((v) => comeData(v)) as Parser<DataIso>,
  numero: (min: number, max: number, intero = false): Parser<number> => (v) => numero(v, min, max, intero),
  uno: <T extends string>(lista: readonly T[]): Parser<T> => (v) => unoDi(lista, v),
  chiave: ((v) => comeAuthorKey(v)) as Parser<AuthorKey>,
  vero: ((v) => (typeof v === 'boolean' ? v : undefined)) as Parser<boolean>,
  regex: (re: RegExp): Parser<string> => (v) => (typeof v === 'string' && re.test(v) ? v : undefined),
  lista: <T>(el: Parser<T>, max = 100): Parser<T[]> => (v) => {
    if (!Array.isArray(v) || v.length > max) return undefined;
    const out: T[] = [];
    for (const x of v) {
      const y = el(x);
      if (y === undefined) return undefined;
      out.push(y);
    }
    return out;
  },
};

/** Why an object did not parse: the first field that is missing or wrong. */
export class Difetto {
  constructor(readonly campo: string, readonly tipo: 'mancante' | 'non_valido') {}
}

/** Checks an object field by field; gives the parsed object or the first defect. */
export function verificaOggetto<O extends Forma, F extends Forma>(
  obbligatori: O, facoltativi: F, v: unknown,
): Oggetto<O, F> | Difetto {
  if (!isRecord(v)) return new Difetto('(intero)', 'non_valido');
  const out: Record<string, unknown> = {};
  const vuoto = (x: unknown): boolean => x === undefined || x === null || (typeof x === 'string' && x.trim() === '');
  for (const [k, parse] of Object.entries(obbligatori)) {
    const raw = prop(v, k);
    if (vuoto(raw)) return new Difetto(k, 'mancante');
    const x = parse(raw);
    if (x === undefined) return new Difetto(k, 'non_valido');
    out[k] = x;
  }
  for (const [k, parse] of Object.entries(facoltativi)) {
    const raw = prop(v, k);
    if (vuoto(raw)) continue;
    const x = parse(raw);
    if (x === undefined) return new Difetto(k, 'non_valido');
    out[k] = x;
  }
  return out as Oggetto<O, F>;
}

/** True when {@link verificaOggetto} reported a defect. */
export function eDifetto(v: unknown): v is Difetto {
  return v instanceof Difetto;
}

/** An object parser, for reading stored values. */
export function oggetto<O extends Forma, F extends Forma>(obbligatori: O, facoltativi: F): Parser<Oggetto<O, F>> {
  return (v) => {
    const r = verificaOggetto(obbligatori, facoltativi, v);
    return eDifetto(r) ? undefined : r;
  };
}

/** Turns a defect into the operation error a person reads. */
export function erroreDifetto(d: Difetto, nomi: Readonly<Record<string, string>> = {}): Errore {
  const nome = nomi[d.campo] ?? d.campo;
  return d.tipo === 'mancante'
    ? errore('campo_obbligatorio', `Manca il campo obbligatorio «${nome}».`)
    : errore(d.campo.startsWith('data') ? 'data_non_valida' : 'valore_non_valido', `Il valore del campo «${nome}» non è valido.`);
}

/** Validates input with a shape and returns the parsed value or the operation error. */
export function validaInput<O extends Forma, F extends Forma>(
  obbligatori: O, facoltativi: F, v: unknown, nomi?: Readonly<Record<string, string>>,
): { readonly ok: true; readonly value: Oggetto<O, F> } | Errore {
  const r = verificaOggetto(obbligatori, facoltativi, v);
  return eDifetto(r) ? erroreDifetto(r, nomi) : { ok: true, value: r };
}
