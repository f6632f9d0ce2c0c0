/**
 * @module client/app/problemiSync
 * How the sync status words the engine's problems (`workspace.status().problems`): an Italian
 * sentence per code (strings/app.ts, `sync.problemi`; an unknown code still gets one), and
 * which codes are ordinary — the engine retries, resyncs or reconnects on its own — as
 * opposed to those a person should look at.
 */
import { t } from '../strings';

/** Codes the engine handles on its own: listed, but not highlighted. */
export const PROBLEMI_ORDINARI: ReadonlySet<string> = new Set([
  'resync', 'snapshot_conflict', 'rate_limited', 'backpressure', 'room_exists', 'not_authenticated', 'no_challenge',
  'shutting_down', 'envelope_clock_gap',
]);

export function testoProblema(code: string): string {
  return t.sync.problemi[code] ?? t.sync.problemaSconosciuto(code);
}

export function problemaOrdinario(code: string): boolean {
  return PROBLEMI_ORDINARI.has(code);
}
