/**
 * @module client/app/validazione
 * The shell's checks of what a person types (profile name, settings), mirroring the keyring
 * parser's rules (docs/KEYRING.md, "Plaintext") so that a refusal is an Italian message next
 * to the field, never a keyring that cannot be written. Each function returns the message to
 * show, or undefined when the value is acceptable.
 */
import {
  ENTE_ADDRESS_MAX_CHARS, ENTE_NAME_MAX_CHARS, LOCK_AFTER_MINUTES_MAX, LOCK_AFTER_MINUTES_MIN, NOME_MAX_CHARS,
} from '../../crypto';
import { t } from '../strings';

/** Control characters, lone surrogates, bidi overrides and isolates (they can disguise a name). */
const VIETATI_NEL_NOME = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
/** The same, but an address may have line breaks. */
const VIETATI_NELL_INDIRIZZO = /[\p{Cs}\u202A-\u202E\u2066-\u2069]|(?![\n])\p{Cc}/u;

const lunghezza = (s: string): number => [...s].length;

export function problemaNome(nome: string): string | undefined {
  const pulito = nome.trim();
  if (pulito === '') return t.primoAvvio.errori.nomeVuoto;
  if (lunghezza(pulito) > NOME_MAX_CHARS) return t.primoAvvio.errori.nomeLungo;
  if (VIETATI_NEL_NOME.test(pulito)) return t.primoAvvio.errori.nomeCaratteri;
  return undefined;
}

/** Minutes of inactivity as typed: an integer in 1..240. */
export function leggiMinuti(testo: string): number | undefined {
  const s = testo.trim();
  if (!/^\d{1,3}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= LOCK_AFTER_MINUTES_MIN && n <= LOCK_AFTER_MINUTES_MAX ? n : undefined;
}

export function problemaMinuti(testo: string): string | undefined {
  return leggiMinuti(testo) === undefined ? t.impostazioni.errori.minuti : undefined;
}

export function problemaEnteNome(testo: string): string | undefined {
  const s = testo.trim();
  if (lunghezza(s) > ENTE_NAME_MAX_CHARS) return t.impostazioni.errori.enteNomeLungo;
  if (VIETATI_NEL_NOME.test(s)) return t.impostazioni.errori.caratteri;
  return undefined;
}

export function problemaEnteIndirizzo(testo: string): string | undefined {
  const s = testo.replace(/\r\n?/g, '\n').trim();
  if (lunghezza(s) > ENTE_ADDRESS_MAX_CHARS) return t.impostazioni.errori.enteIndirizzoLungo;
  if (VIETATI_NELL_INDIRIZZO.test(s)) return t.impostazioni.errori.caratteri;
  return undefined;
}
