/**
 * @module crdt/agenda/ics-fuso
 * The VTIMEZONE of Europe/Rome (RFC 5545 §3.6.5): CET (UTC+1) and, from the last Sunday of
 * March at 02:00 to the last Sunday of October at 03:00, CEST (UTC+2). These are the EU
 * rules in force since 1996 (Directive 2000/84/EC); appointments are never older. The
 * rules start in 1970 as calendar programs write them.
 */

/** The TZID of every local time in an exported file. */
export const FUSO = 'Europe/Rome';

/** The component's lines (unfolded: all are short). */
export const VTIMEZONE_ROMA: readonly string[] = Object.freeze([
  'BEGIN:VTIMEZONE',
  `TZID:${FUSO}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]);
