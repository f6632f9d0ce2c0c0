/**
 * @module valida
 * Reading untrusted values. Everything read back from a Y.Doc may come from another
 * device, a buggy client or an attacker with a key: shapes are checked, only own
 * properties are read (lib0 decodes a `__proto__` key into the prototype), nothing throws.
 */

const CHIAVI_VIETATE = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a plain, non-array object. */
export function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads an own property; prototype-reaching keys and inherited values give undefined. */
export function prop(o: unknown, k: string): unknown {
  if (!isRecord(o) || CHIAVI_VIETATE.has(k)) return undefined;
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** True when a key may be used as a map key or field name read from untrusted data. */
export function chiaveSicura(k: string): boolean {
  return !CHIAVI_VIETATE.has(k);
}

/** A string of `min`..`max` characters after trimming, or undefined. */
export function stringa(v: unknown, min = 1, max = 10_000): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= min && t.length <= max ? t : undefined;
}

/** A finite number within bounds (integers only when `intero`), or undefined. */
export function numero(v: unknown, min: number, max: number, intero = false): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) return undefined;
  return intero && !Number.isInteger(v) ? undefined : v;
}

/** One of a closed list of strings, or undefined. */
export function unoDi<T extends string>(lista: readonly T[], v: unknown): T | undefined {
  return typeof v === 'string' && (lista as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** An array whose items all pass `f`, or undefined. */
export function listaDi<T>(v: unknown, f: (x: unknown) => T | undefined, max = 1000): T[] | undefined {
  if (!Array.isArray(v) || v.length > max) return undefined;
  const out: T[] = [];
  for (const x of v) {
    const y = f(x);
    if (y === undefined) return undefined;
    out.push(y);
  }
  return out;
}

/** JSON with keys sorted: equal values give equal strings (used to compare field values). */
export function jsonStabile(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jsonStabile).join(',')}]`;
  if (isRecord(v)) {
    const chiavi = Object.keys(v).filter(chiaveSicura).sort();
    return `{${chiavi.map((k) => `${JSON.stringify(k)}:${jsonStabile(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Removes undefined properties so a value can be stored in Yjs as plain JSON. */
export function soloDefiniti<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Deeply freezes a value built by the model, so readers cannot mutate shared results. */
export function congela<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) congela(x);
  }
  return v;
}
