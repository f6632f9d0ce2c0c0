/**
 * @module crdt/agenda/ics-testo
 * The text rules of iCalendar (RFC 5545) that calendars are strict about:
 * - §3.3.11 TEXT values escape backslash, semicolon and comma, and write newlines as `\n`;
 *   other control characters are not allowed at all (dropped here);
 * - §3.1 content lines longer than 75 octets are folded: CRLF followed by one space, the
 *   space counting in the next line's 75. Octets, not characters: a line of accented
 *   letters folds sooner, and a multi-byte UTF-8 character is never split;
 * - §3.3.4/3.3.5 DATE and DATE-TIME forms; DTSTAMP in UTC.
 */
import type { DataIso, Ora } from '../model';

/** Longest physical line, in octets, line break excluded (RFC 5545 §3.1). */
export const OTTETTI_PER_RIGA = 75;

const SURROGATO_SOLO = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROLLO = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function testoIcs(s: string): string {
  return s
    .replace(SURROGATO_SOLO, '\uFFFD')
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLLO, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

function ottetti(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line into physical lines of at most 75 octets, joined by CRLF + space
 * (no final CRLF). Splits only between code points.
 */
export function piegaRiga(riga: string): string {
  const righe: string[] = [];
  let corrente = '';
  let usati = 0;
  for (const ch of riga) {
    const n = ottetti(ch.codePointAt(0) ?? 0);
    if (usati + n > OTTETTI_PER_RIGA) {
      righe.push(corrente);
      corrente = ' ';
      usati = 1;
    }
    corrente += ch;
    usati += n;
  }
  righe.push(corrente);
  return righe.join('\r\n');
}

/** A calendar date as DATE: 'YYYYMMDD'. */
export function dataIcs(d: DataIso): string {
  return d.replace(/-/g, '');
}

/** A local date and wall-clock time as DATE-TIME (used with TZID): 'YYYYMMDDTHHMMSS'. */
export function dataOraIcs(d: DataIso, o: Ora): string {
  return `${dataIcs(d)}T${o.replace(':', '')}00`;
}

/** An instant as a UTC DATE-TIME: 'YYYYMMDDTHHMMSSZ'. */
export function istanteIcs(t: Date): string {
  return `${t.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}
