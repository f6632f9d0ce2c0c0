/**
 * @module siuss/pseudonym
 * The SINBA record names a minor by `IDBeneficiario` (1–20 characters), never by codice
 * fiscale. The schemas and the documents we hold do not say how INPS wants it formed, so we
 * use a keyed pseudonym (GDPR art. 4(5)): BLAKE2b keyed with a secret 32-byte key of the ente,
 * over a domain string and the codice fiscale, truncated to 80 bits and written as 20 hex
 * characters. The same minor gets the same id in every flow of the ente (SINBA follows a child
 * over time); without the key nobody — INPS included — can recompute it from a list of codici
 * fiscali, which an unkeyed hash would allow (codici fiscali are few enough to enumerate).
 * Keeping the key (and never changing it) is the ente's duty; see docs/SIUSS.md.
 */
import { blake2b, err, ok, toHex } from '../../crypto';
import type { SiussResult } from './errors';

/** Bytes of the ente's pseudonym key. */
export const PSEUDONYM_KEY_BYTES = 32;

const DOMAIN = 'cartella/siuss/sinba/IDBeneficiario/v1\u0000';

/** Checks the ente's pseudonym key: 32 bytes, not all zero (a placeholder key is no secret). */
export function parsePseudonymKey(v: unknown): SiussResult<Uint8Array> {
  if (!(v instanceof Uint8Array) || v.length !== PSEUDONYM_KEY_BYTES) {
    return err('invalid_pseudonym_key', `La chiave per gli pseudonimi SINBA deve essere di ${PSEUDONYM_KEY_BYTES} byte.`);
  }
  if (v.every((b) => b === 0)) return err('invalid_pseudonym_key', 'La chiave per gli pseudonimi SINBA non può essere tutta a zero.');
  return ok(v);
}

/**
 * Reads the ente's key as a person pastes it (64 hexadecimal digits; spaces and line breaks
 * ignored) and checks it as {@link parsePseudonymKey} does.
 */
export function parsePseudonymKeyText(text: unknown): SiussResult<Uint8Array> {
  const hex = typeof text === 'string' ? text.replace(/\s+/g, '') : '';
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    return err('invalid_pseudonym_key', `La chiave per gli pseudonimi SINBA è di ${PSEUDONYM_KEY_BYTES * 2} cifre esadecimali (0-9, a-f).`);
  }
  return parsePseudonymKey(Uint8Array.from({ length: PSEUDONYM_KEY_BYTES }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)));
}

/** The key as {@link parsePseudonymKeyText} reads it back: 64 lower-case hexadecimal digits. */
export function pseudonymKeyText(key: Uint8Array): string {
  return toHex(key);
}

/**
 * The pseudonymous IDBeneficiario of the person with `codiceFiscale` (normalised to upper
 * case). Requires `initSodium()` to have completed, like all of crypto/.
 */
export function sinbaPseudonym(key: Uint8Array, codiceFiscale: string): string {
  const data = new TextEncoder().encode(DOMAIN + codiceFiscale.trim().toUpperCase());
  return toHex(blake2b(16, data, key).subarray(0, 10));
}
