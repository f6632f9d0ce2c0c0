/**
 * @module crdt/stats/csv
 * A table as CSV (RFC 4180) for spreadsheets. Defaults suit Italian Excel, the one offices
 * use: `;` between fields (Excel in the Italian locale splits on the list separator `;`,
 * because `,` is the decimal separator), decimal comma, CRLF after every record, and a
 * UTF-8 byte-order mark so that "Povertà" and "Équipe" open correctly. Text fields are
 * always quoted (a quote inside is doubled); numbers are not. A text starting with = + - @
 * or a control character gets a leading apostrophe, so that no cell runs as a formula.
 */
import { eRiservato, type Cella, type Tabella } from './tabella';

/** Options of {@link toCsv}. */
export interface OpzioniCsv {
  /** Field separator; `;` by default. */
  readonly separatore?: ';' | ',' | '\t';
  /** Decimal separator; `,` by default with `;`, `.` otherwise. */
  readonly decimale?: ',' | '.';
  /** Start with the UTF-8 byte-order mark (U+FEFF); true by default (Excel needs it). */
  readonly bom?: boolean;
}

/** What a hidden count reads in the file. */
export const TESTO_RISERVATO = 'riservato';

const FORMULA = /^[=+\-@\t\r]/;

function testo(s: string): string {
  const sicuro = FORMULA.test(s) ? `'${s}` : s;
  return `"${sicuro.replace(/"/g, '""')}"`;
}

function numero(n: number, decimale: string, separatore: string): string {
  if (!Number.isFinite(n)) return '';
  const s = Number.isInteger(n) ? String(n) : String(n).replace('.', decimale);
  return s.includes(separatore) ? `"${s}"` : s;
}

function campo(c: Cella, decimale: string, separatore: string): string {
  if (c === null) return '';
  if (typeof c === 'number') return numero(c, decimale, separatore);
  if (eRiservato(c)) return testo(TESTO_RISERVATO);
  return testo(c);
}

/** The table as CSV text: a header row of column labels, then one record per row. */
export function toCsv(t: Tabella, o: OpzioniCsv = {}): string {
  const sep = o.separatore ?? ';';
  const dec = o.decimale ?? (sep === ';' ? ',' : '.');
  const righe = [
    t.colonne.map((c) => testo(c.etichetta)).join(sep),
    ...t.righe.map((r) => r.celle.map((c) => campo(c, dec, sep)).join(sep)),
  ];
  return `${o.bom === false ? '' : '\uFEFF'}${righe.map((r) => `${r}\r\n`).join('')}`;
}
