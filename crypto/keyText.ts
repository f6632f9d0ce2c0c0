/**
 * @module crypto/keyText
 * Owns the text form of keys a person copies, prints or reads aloud (docs/SHARING.md, "Key
 * texts"): `PREFIX:` then Crockford base32 of `u8 version | payload | 4-byte checksum`, in
 * groups of four. The prefix says what the key is ("CODICE" for a colleague's public keys,
 * "RECUPERO-PUBBLICA" / "RECUPERO-PRIVATA" for the ente's recovery key), and the checksum is
 * domain-separated by it, so a typo is caught before anything is sealed to a wrong key and one
 * kind of key can never be taken for another.
 */
import { fromCrockford, groupSymbols, normalizeCrockford, toCrockford } from './base32';
import { bytesEqual, concatBytes } from './bytes';
import { blake2b } from './primitives';
import { ok } from './result';
import type { Result } from './result';
import { shareErr } from './shareErrors';
import type { KeyTextErrorCode } from './shareErrors';

/** The kinds of key text, with their prefix and payload length. */
export const KEY_TEXT_KINDS = {
  codice: { prefix: 'CODICE', payloadBytes: 64 },
  recupero_pubblica: { prefix: 'RECUPERO-PUBBLICA', payloadBytes: 32 },
  recupero_privata: { prefix: 'RECUPERO-PRIVATA', payloadBytes: 32 },
} as const;

/** Which key a text carries. */
export type KeyTextKind = keyof typeof KEY_TEXT_KINDS;

/** The version byte this code writes and reads. */
export const KEY_TEXT_VERSION = 1;
/** Checksum length: a typo slips through with probability 2^-32. */
export const KEY_TEXT_CHECKSUM_BYTES = 4;
/** Domain string of the checksum. */
export const KEY_TEXT_CHECKSUM_DOMAIN = 'cartella-key-text-v1';
/** The longest text `parseKeyText` looks at. */
export const KEY_TEXT_MAX_CHARS = 1024;

const DOMAIN_BYTES = new TextEncoder().encode(KEY_TEXT_CHECKSUM_DOMAIN);

function checksum(kind: KeyTextKind, versionAndPayload: Uint8Array): Uint8Array {
  const prefix = new TextEncoder().encode(KEY_TEXT_KINDS[kind].prefix);
  return blake2b(16, concatBytes(DOMAIN_BYTES, Uint8Array.of(prefix.length), prefix, versionAndPayload)).subarray(0, KEY_TEXT_CHECKSUM_BYTES);
}

/**
 * `PREFIX:XXXX-XXXX-…` for `payload`.
 * @throws RangeError if `payload` is not the kind's length.
 */
export function encodeKeyText(kind: KeyTextKind, payload: Uint8Array): string {
  const { prefix, payloadBytes } = KEY_TEXT_KINDS[kind];
  if (!(payload instanceof Uint8Array) || payload.length !== payloadBytes) throw new RangeError(`a ${kind} payload is ${payloadBytes} bytes`);
  const body = concatBytes(Uint8Array.of(KEY_TEXT_VERSION), payload);
  return `${prefix}:${groupSymbols(toCrockford(concatBytes(body, checksum(kind, body))))}`;
}

/**
 * The payload of a key text of `kind` (a fresh copy). Accepts what a person plausibly types or
 * pastes: white space and hyphens anywhere, lower case, O for 0 and I or L for 1, and the prefix
 * may be left out. Refusals: `key_text_kind` when the prefix is that of another kind;
 * `key_text_malformed` for an unknown prefix, a symbol outside the alphabet, a wrong length (a
 * symbol missing or extra) or an unknown version; `key_text_checksum` when every symbol is valid
 * but the checksum does not match (a typo). Checking that the payload is a usable key is the
 * caller's (`key_text_key`).
 */
export function parseKeyText(kind: KeyTextKind, text: string): Result<Uint8Array, KeyTextErrorCode> {
  if (typeof text !== 'string' || text.length > KEY_TEXT_MAX_CHARS) return shareErr('key_text_malformed', 'testo troppo lungo');
  const compact = text.replace(/\s+/gu, '');
  const colon = compact.indexOf(':');
  if (colon >= 0) {
    const prefix = compact.slice(0, colon).toUpperCase();
    if (prefix !== KEY_TEXT_KINDS[kind].prefix) {
      const other = (Object.keys(KEY_TEXT_KINDS) as KeyTextKind[]).some((k) => KEY_TEXT_KINDS[k].prefix === prefix);
      return other ? shareErr('key_text_kind') : shareErr('key_text_malformed', 'prefisso sconosciuto');
    }
  }
  const decoded = fromCrockford(normalizeCrockford(compact.slice(colon + 1)));
  if (!decoded.ok) return shareErr('key_text_malformed', 'caratteri non validi');
  const { payloadBytes } = KEY_TEXT_KINDS[kind];
  if (decoded.value.length !== 1 + payloadBytes + KEY_TEXT_CHECKSUM_BYTES) return shareErr('key_text_malformed', 'lunghezza errata');
  const body = decoded.value.subarray(0, 1 + payloadBytes);
  if (!bytesEqual(checksum(kind, body), decoded.value.subarray(1 + payloadBytes))) return shareErr('key_text_checksum');
  if (body[0] !== KEY_TEXT_VERSION) return shareErr('key_text_malformed', `versione ${String(body[0])}`);
  return ok(body.slice(1));
}
