/**
 * @module crypto/textRules
 * Owns the rules for the few texts that travel with keys: a cartella id, a worker's name, a
 * free-text reason (the hand-over `motivo`) and a postal address. One place, so the keyring,
 * the share bundle and the recovery blob accept exactly the same strings. Control characters,
 * lone surrogates and the bidi overrides/isolates that can disguise a name are refused.
 */

/** 8..64 base64url characters, as `crdt/model` mints cartella ids. */
export const CARTELLA_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Bounds of a worker's name, in Unicode code points (inclusive). */
export const NOME_MIN_CHARS = 1;
export const NOME_MAX_CHARS = 100;

/** Control characters, lone surrogates and the bidi overrides/isolates that can disguise a name. */
export const FORBIDDEN_IN_NAME = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
/** The same, but line breaks are allowed (a postal address or a reason has several lines). */
export const FORBIDDEN_IN_MULTILINE = /[\p{Cs}\u202A-\u202E\u2066-\u2069]|(?![\n])\p{Cc}/u;

/** Length in Unicode code points. */
export function codePoints(text: string): number {
  return [...text].length;
}

/** Whether `value` is a cartella id (8..64 base64url characters). */
export function isCartellaId(value: unknown): value is string {
  return typeof value === 'string' && CARTELLA_ID_PATTERN.test(value);
}

/** Whether `value` is a worker's name: 1..100 code points, not only spaces, no forbidden character. */
export function isNome(value: unknown): value is string {
  return (
    typeof value === 'string' && !FORBIDDEN_IN_NAME.test(value) && value.trim() !== '' &&
    codePoints(value) >= NOME_MIN_CHARS && codePoints(value) <= NOME_MAX_CHARS
  );
}

/**
 * Whether `value` is free text of 1..`maxChars` code points, not only white space, with no
 * forbidden character (line breaks allowed).
 */
export function isFreeText(value: unknown, maxChars: number): value is string {
  return typeof value === 'string' && !FORBIDDEN_IN_MULTILINE.test(value) && value.trim() !== '' && codePoints(value) <= maxChars;
}
