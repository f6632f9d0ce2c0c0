/**
 * @module crdt/search/serialize
 * Owns the plaintext form of the index (docs/SEARCH.md, "Plaintext"): UTF-8 JSON of every
 * indexed cartella's units and revision, sorted by id, so equal indexes give equal bytes.
 * Terms and postings are not stored: they are rebuilt from the texts when the index is read,
 * so a change of normalisation never needs a new format. The bytes hold names and case text in
 * clear: they exist only to be sealed (storage.ts) and are wiped right after.
 * `parseSearchIndex` is the one validator of these bytes; it trusts nothing, not even bytes
 * that decrypted.
 */
import { err, ok, type Result } from '../../crypto/result';
import { comeCartellaId, comeData, comeIdElemento } from '../model';
import { isRevision, SearchIndex } from './searchIndex';
import { FIELDS_OF, SEARCH_WHERE, SINGLE_UNITS, unitKey, type SearchField, type SearchUnit, type SearchWhere, type UnitField } from './units';

/** The plaintext version this code writes and reads. */
export const SEARCH_INDEX_FORMAT_VERSION = 1;
/** Bounds the parser enforces (far above any real office, far below what would exhaust memory by themselves). */
export const SEARCH_INDEX_LIMITS = { cartelle: 100_000, unitsPerCartella: 200_000, textChars: 1_000_000 } as const;

/**
 * Why plaintext bytes are not an index. Policy for both: rebuild.
 * - `search_index_malformed`: not UTF-8 JSON of the documented shape (the message names the field);
 * - `search_index_version`: a plaintext version this code does not read.
 */
export type SearchIndexErrorCode = 'search_index_malformed' | 'search_index_version';

type JsonUnit = [SearchWhere, string, string, string[]];

/** The plaintext bytes of an index. The caller seals them and then wipes them (`fill(0)`). */
export function encodeSearchIndex(index: SearchIndex): Uint8Array {
  const cartelle = [...index.entries()].map((c) => ({
    id: c.id,
    ...(c.revision !== null ? { rev: c.revision } : {}),
    unita: c.units.map((u): JsonUnit => [u.where, u.id, u.data, u.fields.flatMap((f) => [f.field, f.text])]),
  }));
  return new TextEncoder().encode(JSON.stringify({ v: SEARCH_INDEX_FORMAT_VERSION, cartelle }));
}

/** Aborts the parse with a message naming the field. Never escapes this module. */
class Malformed extends Error {}
function fail(path: string, what: string): never {
  throw new Malformed(`${path}: ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function keys(o: Record<string, unknown>, path: string, required: readonly string[], optional: readonly string[] = []): void {
  for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) fail(path, `unknown key ${JSON.stringify(k)}`);
  for (const k of required) if (!Object.hasOwn(o, k)) fail(path, `missing ${k}`);
}

function array(v: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(v)) fail(path, 'not an array');
  if (v.length > max) fail(path, `more than ${max} items`);
  return v;
}

function parseUnit(raw: unknown, path: string): SearchUnit {
  const [where, id, data, flat, ...extra] = array(raw, path, 4);
  if (extra.length > 0 || flat === undefined) fail(path, 'not [where, id, data, fields]');
  const w = SEARCH_WHERE.find((x) => x === where);
  if (w === undefined) fail(`${path}[0]`, 'unknown place');
  if (typeof id !== 'string' || (SINGLE_UNITS.has(w) ? id !== '' : comeIdElemento(id) === undefined)) fail(`${path}[1]`, 'invalid id');
  if (typeof data !== 'string' || (data !== '' && comeData(data) === undefined)) fail(`${path}[2]`, 'invalid day');
  const allowed = FIELDS_OF[w];
  const items = array(flat, `${path}[3]`, allowed.length * 2);
  if (items.length === 0 || items.length % 2 !== 0) fail(`${path}[3]`, 'not field/text pairs');
  const fields: UnitField[] = [];
  let last = -1;
  for (let i = 0; i < items.length; i += 2) {
    const field = items[i];
    const text = items[i + 1];
    const at = allowed.findIndex((f) => f === field);
    // In the documented order, each field once: one plaintext has one form.
    if (at <= last) fail(`${path}[3][${i}]`, 'field not allowed here, repeated or out of order');
    last = at;
    if (typeof text !== 'string' || text.trim() === '' || text.length > SEARCH_INDEX_LIMITS.textChars) fail(`${path}[3][${i + 1}]`, 'invalid text');
    fields.push({ field: allowed[at] as SearchField, text });
  }
  return { where: w, id, data, fields };
}

function parseIndex(json: unknown): SearchIndex {
  if (!isObject(json)) fail('index', 'not an object');
  keys(json, 'index', ['v', 'cartelle']);
  const index = new SearchIndex();
  const seen = new Set<string>();
  array(json.cartelle, 'index.cartelle', SEARCH_INDEX_LIMITS.cartelle).forEach((raw, i) => {
    const path = `index.cartelle[${i}]`;
    if (!isObject(raw)) fail(path, 'not an object');
    keys(raw, path, ['id', 'unita'], ['rev']);
    const id = comeCartellaId(raw.id);
    if (id === undefined) fail(`${path}.id`, 'not a cartella id');
    if (seen.has(id)) fail(`${path}.id`, 'appears twice');
    seen.add(id);
    const rev = Object.hasOwn(raw, 'rev') ? raw.rev : undefined;
    if (rev !== undefined && !isRevision(rev)) fail(`${path}.rev`, 'not a revision');
    const units = array(raw.unita, `${path}.unita`, SEARCH_INDEX_LIMITS.unitsPerCartella).map((u, j) => parseUnit(u, `${path}.unita[${j}]`));
    const unitKeys = new Set<string>();
    for (const u of units) {
      if (unitKeys.has(unitKey(u))) fail(`${path}.unita`, `unit ${unitKey(u)} appears twice`);
      unitKeys.add(unitKey(u));
    }
    index.updateUnits(id, units, rev);
  });
  return index;
}

/**
 * Reads plaintext index bytes. Never throws: anything that is not exactly the documented
 * shape is `search_index_malformed`; another version is `search_index_version`.
 */
export function parseSearchIndex(bytes: Uint8Array): Result<SearchIndex, SearchIndexErrorCode> {
  if (!(bytes instanceof Uint8Array)) return err('search_index_malformed', 'not bytes');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    return err('search_index_malformed', 'not UTF-8 JSON');
  }
  if (isObject(json) && Object.hasOwn(json, 'v') && json.v !== SEARCH_INDEX_FORMAT_VERSION) {
    return err('search_index_version', `plaintext version ${String(json.v)} not readable`);
  }
  try {
    return ok(parseIndex(json));
  } catch (e) {
    return err('search_index_malformed', e instanceof Malformed ? e.message : 'invalid index');
  }
}
