/**
 * Dates as the app shows them (issue 4, item 8): Italian format, Rome's time zone whatever
 * the machine's, summer time included.
 */
import { describe, expect, it } from 'vitest';
import { formatData, formatDataBreve, formatDataOra, formatMomento, formatOra, stessoGiorno } from '../../client/app/date';

describe('Italian dates in Europe/Rome', () => {
  it('shows the time in Rome, in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(formatOra(new Date('2026-01-15T12:05:00Z'))).toBe('13:05');
    expect(formatOra(new Date('2026-07-01T12:05:00Z'))).toBe('14:05');
  });

  it('writes the day in Italian, long and short', () => {
    expect(formatData(new Date('2026-01-15T12:00:00Z'))).toBe('15 gennaio 2026');
    expect(formatDataBreve(new Date('2026-01-05T12:00:00Z'))).toBe('05/01/2026');
    expect(formatDataOra(new Date('2026-01-05T08:30:00Z'))).toBe('05/01/2026, 09:30');
  });

  it('counts days by the calendar in Rome, not in UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Rome.
    expect(formatDataBreve(new Date('2026-12-31T23:30:00Z'))).toBe('01/01/2027');
    expect(stessoGiorno(new Date('2026-12-31T23:30:00Z'), new Date('2027-01-01T10:00:00Z'))).toBe(true);
    expect(stessoGiorno(new Date('2026-12-31T22:30:00Z'), new Date('2027-01-01T10:00:00Z'))).toBe(false);
  });

  it('gives only the time for today, the date and time otherwise', () => {
    const now = new Date('2026-03-10T15:00:00Z');
    expect(formatMomento(new Date('2026-03-10T08:00:00Z'), now)).toBe('09:00');
    expect(formatMomento(new Date('2026-03-09T08:00:00Z'), now)).toBe('09/03/2026, 09:00');
  });
});
