/**
 * @module server/log
 * The relay's event log: one JSON object per line on stdout. It never carries envelope bytes
 * or anything derived from their contents; a room appears only as a short hash (`roomTag`),
 * enough to follow one room through the log without publishing its id (which is half of
 * what a share link carries).
 */
import { createHash } from 'node:crypto';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Structured fields of one event (numbers, short strings, booleans). */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;
/** Where the relay reports events. */
export type RelayLog = (level: LogLevel, event: string, fields?: LogFields) => void;

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A JSON-lines logger writing events at or above `level`. */
export function createJsonLog(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(line),
): RelayLog {
  const min = RANK[level];
  return (eventLevel, event, fields) => {
    if (RANK[eventLevel] < min) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: eventLevel, event, ...fields })}\n`);
  };
}

/** Discards everything (tests). */
export const silentLog: RelayLog = () => {};

/** First 12 hex digits of SHA-256(room id): a stable, non-reversible tag for logs. */
export function roomTag(room: Uint8Array): string {
  return createHash('sha256').update(room).digest('hex').slice(0, 12);
}

/** Whether `text` names a log level. */
export function isLogLevel(text: string): text is LogLevel {
  return Object.hasOwn(RANK, text);
}
