/**
 * @module verifica
 * The invariants of a well-formed cartella, checked over its read view: what any sequence
 * of valid operations on one replica must preserve (the property tests check it), and
 * what a diagnostic screen can show. Concurrent edits may legitimately produce conflicts;
 * those are reported separately (conflitti.ts) and are not violations here.
 */
import type { Cartella } from './cartella';
import { descriviProblema } from './problemi';
import { leggiCartella, type VistaCartella } from './vista';
import { MOTIVI_CHIUSURA } from './vocabolario';

/** Every violated invariant of a cartella, as Italian sentences (empty when valid). */
export function verificaCartella(c: Cartella | VistaCartella): readonly string[] {
  const v = 'stato' in c ? c : leggiCartella(c);
  const a = v.admin;
  const out: string[] = [...a.problemi, ...(v.prof?.problemi ?? [])].map(descriviProblema);
  const regola = (ok: boolean, messaggio: string): void => {
    if (!ok) out.push(messaggio);
  };
  regola(a.meta.id !== undefined, "Manca l'identificativo della cartella.");
  regola(a.membri.length > 0, 'Il registro dei membri è vuoto.');
  const presa = v.stato === 'aperta' || v.stato === 'chiusura_proposta' || v.stato === 'chiusa';
  if (presa) {
    regola(a.procedimento.iniziativa !== undefined, 'Cartella aperta senza iniziativa del procedimento.');
    regola(a.meta.area !== undefined && a.meta.responsabile !== undefined, 'Cartella aperta senza area o responsabile.');
    regola(a.meta.fase !== undefined && a.meta.apertura !== undefined && a.meta.fase.dal >= a.meta.apertura.data,
      'Fase assente o precedente alla presa in carico.');
  }
  const esito = a.segretariato.esito;
  if (esito) {
    regola(a.segretariato.accesso !== undefined && esito.data >= a.segretariato.accesso.data, 'Esito del segretariato senza accesso o precedente ad esso.');
    regola(esito.esito !== 'presa_in_carico' || a.meta.apertura !== undefined, 'Presa in carico senza apertura della cartella.');
  }
  const ch = a.chiusura.attuale;
  if (ch && (ch.stato === 'proposta' || ch.stato === 'chiusa')) {
    regola(ch.motivo !== undefined && MOTIVI_CHIUSURA.includes(ch.motivo), 'Chiusura senza uno dei quattro motivi.');
    regola(presa, 'Chiusura di una cartella mai aperta.');
  }
  const pr = a.procedimento;
  if (pr.determinazione && pr.iniziativa) regola(pr.determinazione.data >= pr.iniziativa.dataAvvio, "Determinazione precedente all'avvio.");
  if (pr.comunicazioneEsito) regola(pr.determinazione !== undefined, 'Esito comunicato senza determinazione.');
  if (pr.determinazione && pr.determinazione.esito !== 'accolto' && pr.iniziativa?.tipo === 'istanza') {
    regola(pr.preavvisoRigetto !== undefined, 'Rigetto di istanza senza preavviso (art. 10-bis).');
  }
  const chiavi = new Set(a.membri.map((m) => m.chiave));
  const p = v.prof;
  if (p) {
    const ids = new Set(p.diario.map((e) => e.id));
    for (const e of p.diario) {
      regola(e.corregge === undefined || ids.has(e.corregge), `La correzione ${e.id} punta a una voce inesistente.`);
      regola(chiavi.has(e.autore), `Voce di diario ${e.id} di un autore fuori dal registro.`);
    }
    for (const r of [...p.relazioni, ...p.verbali, ...p.valutazioni]) {
      regola(chiavi.has(r.autore), `Scritto ${r.id} di un autore fuori dal registro.`);
    }
    if (p.progetto?.firmatoIl) regola(p.progetto.obiettivi.length > 0, 'Progetto firmato senza obiettivi.');
  }
  return out;
}
