/**
 * @module client/app/date
 * Dates and times as an Italian reader expects them, always in the Europe/Rome time zone
 * (an office in Italy, whatever the laptop's own setting). Screens format through these.
 */

/** The time zone of every date the app shows. */
export const FUSO_ORARIO = 'Europe/Rome';

const ora = new Intl.DateTimeFormat('it-IT', { timeZone: FUSO_ORARIO, hour: '2-digit', minute: '2-digit' });
const data = new Intl.DateTimeFormat('it-IT', { timeZone: FUSO_ORARIO, day: 'numeric', month: 'long', year: 'numeric' });
const dataBreve = new Intl.DateTimeFormat('it-IT', { timeZone: FUSO_ORARIO, day: '2-digit', month: '2-digit', year: 'numeric' });
const giornoChiave = new Intl.DateTimeFormat('en-CA', { timeZone: FUSO_ORARIO, year: 'numeric', month: '2-digit', day: '2-digit' });

const comeData = (d: Date | number): Date => (typeof d === 'number' ? new Date(d) : d);

/** "14:05" */
export function formatOra(d: Date | number): string {
  return ora.format(comeData(d));
}

/** "26 novembre 2026" */
export function formatData(d: Date | number): string {
  return data.format(comeData(d));
}

/** "26/11/2026" */
export function formatDataBreve(d: Date | number): string {
  return dataBreve.format(comeData(d));
}

/** "26/11/2026, 14:05" */
export function formatDataOra(d: Date | number): string {
  return `${formatDataBreve(d)}, ${formatOra(d)}`;
}

/** Whether two instants fall on the same calendar day in Rome. */
export function stessoGiorno(a: Date | number, b: Date | number): boolean {
  return giornoChiave.format(comeData(a)) === giornoChiave.format(comeData(b));
}

/** "14:05" today, "26/11/2026, 14:05" on another day. */
export function formatMomento(d: Date | number, now: Date | number = Date.now()): string {
  return stessoGiorno(d, now) ? formatOra(d) : formatDataOra(d);
}
