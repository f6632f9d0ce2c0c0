/**
 * @module agenda-verifica
 * The invariants of a cartella's agenda, over its read view (as verifica.ts does for the
 * rest of the cartella): what any sequence of valid operations on one replica preserves,
 * and what every replica satisfies once all updates have arrived. Checked by the property
 * tests; a diagnostic screen can show them.
 */
import type { Cartella } from './cartella';
import { appuntamentiDelDiario } from './agenda-diario';
import { VOCE_DA_APPUNTAMENTO } from './agenda-vocabolario';
import { leggiAgenda } from './agenda-vista';
import type { VoceDiarioId } from './ids';
import { descriviProblema } from './problemi';
import { leggiProf } from './vista';
import { leggiAdmin } from './vista-admin';

/** Every violated invariant of the agenda, as Italian sentences (empty when valid). */
export function verificaAgenda(c: Cartella): readonly string[] {
  const agenda = leggiAgenda(c.admin);
  const out: string[] = agenda.problemi.map(descriviProblema);
  const regola = (ok: boolean, messaggio: string): void => {
    if (!ok) out.push(messaggio);
  };
  const roster = new Set(leggiAdmin(c.admin).vista.membri.map((m) => m.chiave));
  for (const a of agenda.appuntamenti) {
    regola(roster.has(a.fissatoDa), `Appuntamento ${a.id} fissato da chi non è nel registro dei membri.`);
    regola(a.operatori.every((k) => roster.has(k)), `Appuntamento ${a.id} con partecipanti fuori dal registro dei membri.`);
  }
  if (!c.prof) return out;
  const diario = new Map(leggiProf(c.prof).diario.map((v) => [v.id, v]));
  const link = appuntamentiDelDiario(c.prof);
  const ids = new Set(agenda.appuntamenti.map((a) => a.id));
  for (const a of agenda.appuntamenti) {
    if (!a.voceDiario) continue;
    const v = diario.get(a.voceDiario);
    regola(v !== undefined, `L'appuntamento ${a.id} punta a una voce di diario assente.`);
    if (v) {
      regola(link.get(a.voceDiario) === a.id, `La voce ${v.id} non riporta l'appuntamento ${a.id} che la indica.`);
      regola(v.data === a.data && v.tipo === VOCE_DA_APPUNTAMENTO[a.tipo], `La voce ${v.id} non corrisponde a data e tipo dell'appuntamento ${a.id}.`);
    }
  }
  for (const [voce, app] of link) {
    if (diario.has(voce as VoceDiarioId)) regola(ids.has(app), `La voce ${voce} registra un appuntamento inesistente (${app}).`);
  }
  return out;
}
