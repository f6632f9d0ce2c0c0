/**
 * @module crypto/keyringData
 * Owns the plaintext of the device keyring (docs/KEYRING.md, "Plaintext"): the worker's
 * profile, the device identity, the keys of every cartella held, the share bundles already
 * received and the device settings, with its one encoding (UTF-8 JSON, byte fields in
 * base64url) and its one validating parser. The parser trusts nothing, not even a file that
 * decrypted: every field is checked, unknown keys (`__proto__` included) are refused, and the
 * value it returns is built afresh, never the parsed JSON itself. It reads version 1 (before
 * hand-over) and version 2; it writes version 2.
 */
import { bytesEqual, fromBase64Url, toBase64Url } from './bytes';
import type { DeviceIdentity } from './identity';
import { PART_KEY_BYTES } from './keys';
import { ED25519_PRIVATE_KEY_BYTES, ED25519_PUBLIC_KEY_BYTES, X25519_BYTES } from './primitives';
import { isUsableX25519PublicKey } from './publicKeys';
import { err, ok } from './result';
import type { Result } from './result';
import { ROOM_ID_BYTES } from './roomId';
import type { RoomId } from './roomId';
import { sodium } from './sodium';
import { CARTELLA_ID_PATTERN, FORBIDDEN_IN_MULTILINE, FORBIDDEN_IN_NAME, NOME_MAX_CHARS, NOME_MIN_CHARS } from './textRules';

export { NOME_MAX_CHARS, NOME_MIN_CHARS } from './textRules';

/** The worker's role, as shown on the roster. */
export type Ruolo = 'assistente_sociale' | 'amministrativo' | 'responsabile';

/** Every `Ruolo`, in display order. */
export const RUOLI: ReadonlyArray<Ruolo> = ['assistente_sociale', 'amministrativo', 'responsabile'];

/** The keys of one part (admin or prof) of a cartella: its room and a key per epoch held. */
export interface PartKeyRecord {
  roomId: RoomId;
  /** The epoch new envelopes are sealed under; always one of `keys`. */
  currentEpoch: number;
  /** One 32-byte part key per epoch (1..2^32-1, no epoch twice). Old epochs keep history readable. */
  keys: ReadonlyArray<{ epoch: number; key: Uint8Array }>;
}

/** Everything the device holds for one cartella. */
export interface CartellaKeys {
  /** 8..64 base64url characters (as `crdt/model` mints them). Unique within a keyring. */
  cartellaId: string;
  admin: PartKeyRecord;
  /** Absent on devices that must not read the professional part (e.g. an administrative worker). */
  prof?: PartKeyRecord;
  /** When this device received the keys (ISO 8601 with a time zone). */
  addedAt: string;
}

/** Device settings kept with the keys (they are as private as the profile). */
export interface KeyringSettings {
  /** Minutes of inactivity before the app locks itself: an integer in 1..240. */
  lockAfterMinutes: number;
  /** 0..200 characters, no control characters. */
  enteName?: string;
  /** 0..500 characters, no control characters except line breaks. */
  enteAddress?: string;
  /**
   * The ente's recovery public key (X25519, 32 bytes; crypto/recovery.ts): every cartella's keys
   * are also sealed to it. Not a low-order point. Version 2 only.
   */
  recoveryPublicKey?: Uint8Array;
}

/** The worker using this device. */
export interface KeyringProfile {
  /** 1..100 characters, not only spaces, no control or bidi-override characters. */
  nome: string;
  ruolo: Ruolo;
  /** ISO 8601 with a time zone. */
  createdAt: string;
}

/** The plaintext of the keyring: what `sealKeyring` encrypts. */
export interface KeyringData {
  version: typeof KEYRING_DATA_VERSION;
  profile: KeyringProfile;
  identity: DeviceIdentity;
  cartelle: ReadonlyArray<CartellaKeys>;
  /**
   * Ids (16 bytes each) of the share bundles already accepted, oldest first, at most
   * `MAX_USED_BUNDLE_IDS` (the oldest are dropped), no id twice. A bundle whose id is here is
   * refused (`bundle_used`). Empty in a keyring read from version 1.
   */
  usedBundleIds: ReadonlyArray<Uint8Array>;
  settings: KeyringSettings;
}

/** The plaintext version this code writes. */
export const KEYRING_DATA_VERSION = 2;
/** Every plaintext version this code reads (version 1 is read as version 2 with no used bundles). */
export const KEYRING_DATA_VERSIONS_READ: ReadonlyArray<number> = [1, 2];
/** Length of a share bundle id. */
export const BUNDLE_ID_BYTES = 16;
/**
 * How many used bundle ids the keyring remembers. A bundle is valid at most 30 days
 * (crypto/shareBundle.ts), so an id falls off only after this many newer bundles within a month.
 */
export const MAX_USED_BUNDLE_IDS = 1000;
/** `lockAfterMinutes` of a new keyring. */
export const DEFAULT_LOCK_AFTER_MINUTES = 15;
/** Bounds of `lockAfterMinutes` (inclusive). */
export const LOCK_AFTER_MINUTES_MIN = 1;
export const LOCK_AFTER_MINUTES_MAX = 240;
/** Upper bounds of the optional settings texts, in code points. */
export const ENTE_NAME_MAX_CHARS = 200;
export const ENTE_ADDRESS_MAX_CHARS = 500;
/** The largest epoch (the envelope stores it as a u32). */
export const MAX_EPOCH = 0xffffffff;

/** Why a keyring plaintext (or an entry added to it) is refused. */
export type KeyringDataErrorCode = 'keyring_malformed';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Internal: aborts the parse with a message naming the field. Never escapes this module. */
class Malformed extends Error {}

function fail(path: string, what: string): never {
  throw new Malformed(`${path}: ${what}`);
}

type JsonObject = Record<string, unknown>;

/**
 * Checks `value` is a JSON object with exactly the allowed keys (every `required` one
 * present as an own property). Refusing unknown keys also refuses `__proto__`, `constructor`
 * and the like, so reading a field never reaches a prototype (optional ones are read only
 * after `Object.hasOwn`).
 */
function object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'not an object');
  const record = value as JsonObject;
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) fail(path, `unknown key ${JSON.stringify(key)}`);
  }
  for (const key of required) if (!Object.hasOwn(record, key)) fail(path, `missing ${key}`);
  return record;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'not an array');
  return value;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(path, `not an integer in ${min}..${max}`);
  }
  return value;
}

function text(value: unknown, path: string, min: number, max: number, forbidden: RegExp): string {
  if (typeof value !== 'string') fail(path, 'not a string');
  if (forbidden.test(value)) fail(path, 'contains a forbidden character');
  const chars = [...value].length;
  if (chars < min || chars > max) fail(path, `length not in ${min}..${max} characters`);
  return value;
}

function bytes(value: unknown, path: string, length: number): Uint8Array {
  if (typeof value !== 'string') fail(path, 'not a base64url string');
  const decoded = fromBase64Url(value);
  if (!decoded.ok) fail(path, decoded.message);
  if (decoded.value.length !== length) fail(path, `not ${length} bytes`);
  return decoded.value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO 8601 date-time with a time zone (what `Date.prototype.toISOString` writes), checked field by field. */
function dateTime(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'not a string');
  const m = ISO_DATE_TIME.exec(value);
  if (m === null) fail(path, 'not an ISO 8601 date-time with a time zone');
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetOk = m[7] === undefined || (Number(m[8]) <= 23 && Number(m[9]) <= 59);
  if (
    month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
    hour > 23 || minute > 59 || second > 59 || !offsetOk || !Number.isFinite(Date.parse(value))
  ) {
    fail(path, 'not a valid date-time');
  }
  return value;
}

function ruolo(value: unknown, path: string): Ruolo {
  const found = RUOLI.find((r) => r === value);
  if (found === undefined) fail(path, `not one of ${RUOLI.join(', ')}`);
  return found;
}

function identity(value: unknown, path: string): DeviceIdentity {
  const o = object(value, path, ['signPublicKey', 'signPrivateKey', 'boxPublicKey', 'boxPrivateKey']);
  const signPublicKey = bytes(o.signPublicKey, `${path}.signPublicKey`, ED25519_PUBLIC_KEY_BYTES);
  const signPrivateKey = bytes(o.signPrivateKey, `${path}.signPrivateKey`, ED25519_PRIVATE_KEY_BYTES);
  const boxPublicKey = bytes(o.boxPublicKey, `${path}.boxPublicKey`, X25519_BYTES);
  const boxPrivateKey = bytes(o.boxPrivateKey, `${path}.boxPrivateKey`, X25519_BYTES);
  const s = sodium();
  // libsodium's secret key is seed | public key: recompute the public key from the seed, and
  // require both the stored public key and the copy inside the secret key to match it.
  const seed = signPrivateKey.slice(0, 32);
  const derived = s.crypto_sign_seed_keypair(seed);
  s.memzero(seed);
  s.memzero(derived.privateKey);
  if (!bytesEqual(derived.publicKey, signPublicKey) || !bytesEqual(signPrivateKey.subarray(32), signPublicKey)) {
    fail(path, 'signPublicKey does not belong to signPrivateKey');
  }
  if (!bytesEqual(s.crypto_scalarmult_base(boxPrivateKey), boxPublicKey)) {
    fail(path, 'boxPublicKey does not belong to boxPrivateKey');
  }
  return { signPublicKey, signPrivateKey, boxPublicKey, boxPrivateKey };
}

function partKeys(value: unknown, path: string): PartKeyRecord {
  const o = object(value, path, ['roomId', 'currentEpoch', 'keys']);
  const roomId = bytes(o.roomId, `${path}.roomId`, ROOM_ID_BYTES) as RoomId;
  const currentEpoch = integer(o.currentEpoch, `${path}.currentEpoch`, 1, MAX_EPOCH);
  const rawKeys = array(o.keys, `${path}.keys`);
  const keys: Array<{ epoch: number; key: Uint8Array }> = [];
  const epochs = new Set<number>();
  rawKeys.forEach((raw, i) => {
    const k = object(raw, `${path}.keys[${i}]`, ['epoch', 'key']);
    const epoch = integer(k.epoch, `${path}.keys[${i}].epoch`, 1, MAX_EPOCH);
    if (epochs.has(epoch)) fail(`${path}.keys[${i}].epoch`, `epoch ${epoch} appears twice`);
    epochs.add(epoch);
    keys.push({ epoch, key: bytes(k.key, `${path}.keys[${i}].key`, PART_KEY_BYTES) });
  });
  if (!epochs.has(currentEpoch)) fail(`${path}.currentEpoch`, 'no key held for the current epoch');
  return { roomId, currentEpoch, keys };
}

function cartellaKeys(value: unknown, path: string): CartellaKeys {
  const o = object(value, path, ['cartellaId', 'admin', 'addedAt'], ['prof']);
  const cartellaId = o.cartellaId;
  if (typeof cartellaId !== 'string' || !CARTELLA_ID_PATTERN.test(cartellaId)) fail(`${path}.cartellaId`, 'not 8..64 base64url characters');
  const admin = partKeys(o.admin, `${path}.admin`);
  const prof = Object.hasOwn(o, 'prof') ? partKeys(o.prof, `${path}.prof`) : undefined;
  const addedAt = dateTime(o.addedAt, `${path}.addedAt`);
  return { cartellaId, admin, ...(prof !== undefined ? { prof } : {}), addedAt };
}

function settings(value: unknown, path: string, version: number): KeyringSettings {
  const optional = version === 1 ? ['enteName', 'enteAddress'] : ['enteName', 'enteAddress', 'recoveryPublicKey'];
  const o = object(value, path, ['lockAfterMinutes'], optional);
  const lockAfterMinutes = integer(o.lockAfterMinutes, `${path}.lockAfterMinutes`, LOCK_AFTER_MINUTES_MIN, LOCK_AFTER_MINUTES_MAX);
  const out: KeyringSettings = { lockAfterMinutes };
  if (Object.hasOwn(o, 'enteName')) out.enteName = text(o.enteName, `${path}.enteName`, 0, ENTE_NAME_MAX_CHARS, FORBIDDEN_IN_NAME);
  if (Object.hasOwn(o, 'enteAddress')) {
    out.enteAddress = text(o.enteAddress, `${path}.enteAddress`, 0, ENTE_ADDRESS_MAX_CHARS, FORBIDDEN_IN_MULTILINE);
  }
  if (Object.hasOwn(o, 'recoveryPublicKey')) {
    const key = bytes(o.recoveryPublicKey, `${path}.recoveryPublicKey`, X25519_BYTES);
    if (!isUsableX25519PublicKey(key)) fail(`${path}.recoveryPublicKey`, 'a low-order point');
    out.recoveryPublicKey = key;
  }
  return out;
}

function usedBundleIds(value: unknown, path: string): Uint8Array[] {
  const raw = array(value, path);
  if (raw.length > MAX_USED_BUNDLE_IDS) fail(path, `more than ${MAX_USED_BUNDLE_IDS} ids`);
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const id = bytes(item, `${path}[${i}]`, BUNDLE_ID_BYTES);
    const text = toBase64Url(id);
    if (seen.has(text)) fail(`${path}[${i}]`, 'appears twice');
    seen.add(text);
    return id;
  });
}

function keyringData(value: unknown): KeyringData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('keyring', 'not an object');
  // Read the version first: the set of allowed keys depends on it.
  const version = Object.hasOwn(value, 'version') ? (value as JsonObject).version : undefined;
  if (typeof version !== 'number' || !KEYRING_DATA_VERSIONS_READ.includes(version)) {
    fail('keyring.version', `not one of ${KEYRING_DATA_VERSIONS_READ.join(', ')}`);
  }
  const required = version === 1
    ? ['version', 'profile', 'identity', 'cartelle', 'settings']
    : ['version', 'profile', 'identity', 'cartelle', 'usedBundleIds', 'settings'];
  const o = object(value, 'keyring', required);
  const p = object(o.profile, 'keyring.profile', ['nome', 'ruolo', 'createdAt']);
  const nome = text(p.nome, 'keyring.profile.nome', NOME_MIN_CHARS, NOME_MAX_CHARS, FORBIDDEN_IN_NAME);
  if (nome.trim() === '') fail('keyring.profile.nome', 'only spaces');
  const profile: KeyringProfile = { nome, ruolo: ruolo(p.ruolo, 'keyring.profile.ruolo'), createdAt: dateTime(p.createdAt, 'keyring.profile.createdAt') };
  const id = identity(o.identity, 'keyring.identity');
  const cartelle: CartellaKeys[] = [];
  const ids = new Set<string>();
  const rooms = new Set<string>();
  array(o.cartelle, 'keyring.cartelle').forEach((raw, i) => {
    const path = `keyring.cartelle[${i}]`;
    const entry = cartellaKeys(raw, path);
    if (ids.has(entry.cartellaId)) fail(`${path}.cartellaId`, 'appears twice');
    ids.add(entry.cartellaId);
    for (const [part, record] of [['admin', entry.admin], ['prof', entry.prof]] as const) {
      if (record === undefined) continue;
      const room = toBase64Url(record.roomId);
      // Two parts sharing a room would mix their envelopes: never legitimate.
      if (rooms.has(room)) fail(`${path}.${part}.roomId`, 'room already used by another part');
      rooms.add(room);
    }
    cartelle.push(entry);
  });
  const used = version === 1 ? [] : usedBundleIds(o.usedBundleIds, 'keyring.usedBundleIds');
  return {
    version: KEYRING_DATA_VERSION,
    profile,
    identity: id,
    cartelle,
    usedBundleIds: used,
    settings: settings(o.settings, 'keyring.settings', version),
  };
}

/**
 * Parses and validates a keyring plaintext. Never throws (except if libsodium is not ready,
 * a programming error): anything not exactly as docs/KEYRING.md describes is
 * `keyring_malformed`, with the offending field in `message`.
 */
export function parseKeyringData(input: Uint8Array): Result<KeyringData, KeyringDataErrorCode> {
  sodium(); // outside the try: calling before initSodium() must throw, not look like bad data
  if (!(input instanceof Uint8Array)) return err('keyring_malformed', 'not bytes');
  let json: unknown;
  try {
    // fatal: invalid UTF-8 is refused; ignoreBOM: a BOM stays in the text, and JSON refuses it.
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input));
  } catch {
    return err('keyring_malformed', 'not UTF-8 JSON');
  }
  try {
    return ok(keyringData(json));
  } catch (e) {
    return err('keyring_malformed', e instanceof Malformed ? e.message : 'invalid keyring');
  }
}

/** Text form of a byte field; anything that is not bytes becomes `null`, which the parser refuses. */
function b64(value: unknown): string | null {
  return value instanceof Uint8Array ? toBase64Url(value) : null;
}

function partJson(p: PartKeyRecord): unknown {
  return {
    roomId: b64(p.roomId),
    currentEpoch: p.currentEpoch,
    keys: p.keys.map((k) => ({ epoch: k.epoch, key: b64(k.key) })),
  };
}

/** The JSON text of `data`, with no validation (the callers validate by parsing it back). */
function toJsonBytes(data: KeyringData): Uint8Array {
  const { profile, identity: id, settings: st } = data;
  const json = {
    version: data.version,
    profile: { nome: profile.nome, ruolo: profile.ruolo, createdAt: profile.createdAt },
    identity: {
      signPublicKey: b64(id.signPublicKey),
      signPrivateKey: b64(id.signPrivateKey),
      boxPublicKey: b64(id.boxPublicKey),
      boxPrivateKey: b64(id.boxPrivateKey),
    },
    cartelle: data.cartelle.map((c) => ({
      cartellaId: c.cartellaId,
      admin: partJson(c.admin),
      ...(c.prof !== undefined ? { prof: partJson(c.prof) } : {}),
      addedAt: c.addedAt,
    })),
    usedBundleIds: Array.isArray(data.usedBundleIds) ? data.usedBundleIds.map(b64) : null,
    settings: {
      lockAfterMinutes: st.lockAfterMinutes,
      ...(st.enteName !== undefined ? { enteName: st.enteName } : {}),
      ...(st.enteAddress !== undefined ? { enteAddress: st.enteAddress } : {}),
      ...(st.recoveryPublicKey !== undefined ? { recoveryPublicKey: b64(st.recoveryPublicKey) } : {}),
    },
  };
  return new TextEncoder().encode(JSON.stringify(json));
}

/** Encodes and parses back: the one validator, applied to in-memory data. */
function validated(data: KeyringData): Result<{ bytes: Uint8Array; data: KeyringData }, KeyringDataErrorCode> {
  let encoded: Uint8Array;
  try {
    encoded = toJsonBytes(data);
  } catch {
    return err('keyring_malformed', 'not a keyring (missing or mistyped fields)');
  }
  const parsed = parseKeyringData(encoded);
  if (!parsed.ok) {
    sodium().memzero(encoded);
    return parsed;
  }
  return ok({ bytes: encoded, data: parsed.value });
}

/**
 * UTF-8 JSON of `data`, byte fields in base64url, keys in a fixed order. The caller should
 * wipe the result (`sodium().memzero`) once sealed: it holds every secret in clear.
 * @throws RangeError if `data` would not pass `parseKeyringData` (so a keyring that cannot be
 * opened again is never written); the message names the field.
 */
export function encodeKeyringData(data: KeyringData): Uint8Array {
  const result = validated(data);
  if (!result.ok) throw new RangeError(`invalid keyring data: ${result.message}`);
  return result.value.bytes;
}

/**
 * `data` checked by the one parser (encoded and parsed back): a fresh, validated copy, or
 * `keyring_malformed` naming the offending field. For code that builds a changed keyring.
 */
export function validateKeyringData(data: KeyringData): Result<KeyringData, KeyringDataErrorCode> {
  const result = validated(data);
  if (!result.ok) return result;
  sodium().memzero(result.value.bytes);
  return ok(result.value.data);
}

/**
 * A new keyring with no cartelle and the default settings, for the first start on a device.
 * `nome` comes from the user, so a refusal is a Result (`message` names the field).
 */
export function newKeyringData(
  profile: { nome: string; ruolo: Ruolo },
  deviceIdentity: DeviceIdentity,
  now: Date,
): Result<KeyringData, KeyringDataErrorCode> {
  const data: KeyringData = {
    version: KEYRING_DATA_VERSION,
    profile: { nome: profile.nome, ruolo: profile.ruolo, createdAt: now.toISOString() },
    identity: deviceIdentity,
    cartelle: [],
    usedBundleIds: [],
    settings: { lockAfterMinutes: DEFAULT_LOCK_AFTER_MINUTES },
  };
  return validateKeyringData(data);
}

/** Why `addCartellaKeys` refused an entry. */
export type AddCartellaKeysErrorCode = 'keyring_duplicate_cartella' | KeyringDataErrorCode;

/**
 * A new keyring with `entry` appended; `data` is not changed. Refuses a cartella already held
 * (`keyring_duplicate_cartella`: merging keys is a decision for the caller, never silent; see
 * `mergeCartellaKeys` in crypto/keyringMerge.ts) and
 * an entry the parser would refuse, including a room already used by another part
 * (`keyring_malformed`). The result is a fresh, validated copy.
 */
export function addCartellaKeys(data: KeyringData, entry: CartellaKeys): Result<KeyringData, AddCartellaKeysErrorCode> {
  if (typeof entry !== 'object' || entry === null) return err('keyring_malformed', 'not a cartella entry');
  if (findCartellaKeys(data, entry.cartellaId) !== undefined) {
    return err('keyring_duplicate_cartella', `cartella ${entry.cartellaId} is already in the keyring`);
  }
  return validateKeyringData({ ...data, cartelle: [...data.cartelle, entry] });
}

/** The keys held for `cartellaId`, or undefined. */
export function findCartellaKeys(data: KeyringData, cartellaId: string): CartellaKeys | undefined {
  return data.cartelle.find((c) => c.cartellaId === cartellaId);
}
