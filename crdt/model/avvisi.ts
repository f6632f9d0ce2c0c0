/**
 * @module avvisi
 * Everything due or overdue in a cartella at a given instant, each with a severity and a
 * short Italian message: missing documents of the phase, the procedure's term near or
 * past, the progetto's review, a year of inactivity (a closure proposal, never a closure),
 * benefits relying on an expired DSU, open conflicts, unreadable data. One pure function
 * of the documents and `now`.
 */
import type { Cartella } from './cartella';
import { checklist } from './checklist';
import { aggiungiGiorni, giorniTra, giorno, type DataIso } from './date';
import { inattivita } from './inattivita';
import { iseeValido, scadenzaDsu } from './isee';
import { avvisiCustodia, type ContestoCustodia } from './members-custodia';
import { prestazioneAttiva } from './prestazioni';
import { prossimaVerifica } from './progetto';
import { recordSiuss } from './siuss';
import { termini } from './termini';
import { congela } from './valida';
import { leggiCartella, type VistaCartella } from './vista';
import type { Gravita } from './vocabolario';

/** Days before a due date when an avviso starts. */
export const PREAVVISO_GIORNI = 7;

/** One thing to attend to. */
export interface Avviso {
  /** Stable code (listed in docs/MODEL.md). */
  readonly codice: string;
  readonly gravita: Gravita;
  readonly messaggio: string;
  readonly scadenza?: DataIso;
  /** What it refers to (a requirement, a prestazione id, a field). */
  readonly riferimento?: string;
}

const RANGO: Readonly<Record<Gravita, number>> = { critico: 0, attenzione: 1, info: 2 };

/**
 * Every due or overdue item of a cartella at `now`, most severe first. With `custodia` (this
 * device's member key and whether the ente's recovery key is configured) it also reports
 * where the keys live (members-custodia.ts), on a closed cartella too.
 */
export function avvisi(c: Cartella | VistaCartella, now: Date, custodia?: ContestoCustodia): readonly Avviso[] {
  const v = 'admin' in c && 'stato' in c ? c : leggiCartella(c);
  const oggi = giorno(now);
  const out: Avviso[] = [];
  const add = (codice: string, gravita: Gravita, messaggio: string, extra: { scadenza?: DataIso; riferimento?: string } = {}): void => {
    out.push({ codice, gravita, messaggio, ...extra });
  };
  for (const cf of v.admin.conflitti) {
    add('conflitto', 'attenzione', `Modifiche in conflitto su «${cf.campo}» (${cf.sezione}): scegli il valore da tenere.`, { riferimento: `${cf.sezione}/${cf.campo}` });
  }
  const problemi = v.admin.problemi.length + (v.prof?.problemi.length ?? 0);
  if (problemi > 0) add('dati_illeggibili', 'attenzione', `${problemi} dati della cartella non sono leggibili e sono stati ignorati.`);
  if (custodia) out.push(...avvisiCustodia(v.admin, custodia, now));
  const aperta = v.stato === 'aperta' || v.stato === 'chiusura_proposta';
  if (v.stato === 'accesso' || aperta) {
    for (const m of checklist(v).mancanti) {
      if (m.stato === 'non_verificabile') continue;
      add('documento_mancante', 'attenzione', `Manca: ${m.descrizione}.`, { riferimento: m.requisito });
    }
  }
  const acc = v.admin.segretariato.accesso;
  if (v.stato === 'accesso' && acc && giorniTra(acc.data, oggi) > 30) {
    add('segretariato_senza_esito', 'attenzione', "Segretariato aperto da oltre 30 giorni senza esito: decidi presa in carico, segnalazione o chiusura.", { scadenza: aggiungiGiorni(acc.data, 30) });
  }
  if (!aperta) return ordina(out);
  const pr = v.admin.procedimento;
  const t = termini(pr, now);
  if (t && !t.concluso) {
    if (t.scaduto) {
      const sost = oggi > t.scadenzaPotereSostitutivo;
      add(sost ? 'potere_sostitutivo_scaduto' : 'termine_scaduto', 'critico', sost
        ? `Scaduto anche il termine del potere sostitutivo (${t.scadenzaPotereSostitutivo}).`
        : `Termine del procedimento scaduto il ${t.scadenza}: il potere sostitutivo deve concludere entro il ${t.scadenzaPotereSostitutivo}.`,
      { scadenza: sost ? t.scadenzaPotereSostitutivo : t.scadenza });
    } else if (t.giorniRimanenti <= PREAVVISO_GIORNI) {
      add('termine_in_scadenza', 'attenzione', `Il procedimento deve concludersi entro il ${t.scadenza} (${t.giorniRimanenti} giorni).`, { scadenza: t.scadenza });
    }
    if (!pr.comunicazioneAvvio) add('comunicazione_avvio_mancante', 'attenzione', "Manca la comunicazione di avvio del procedimento (art. 8 L. 241/1990).");
    if (t.attesaOsservazioni && t.fineAttesaOsservazioni) {
      add('osservazioni_attese', 'info', `Preavviso di rigetto inviato: osservazioni attese entro il ${t.fineAttesaOsservazioni}.`, { scadenza: t.fineAttesaOsservazioni });
    }
  }
  if (pr.determinazione && !pr.comunicazioneEsito) {
    add('esito_da_comunicare', 'attenzione', "Determinazione adottata: manca la comunicazione scritta dell'esito al cittadino.");
  }
  const prog = v.prof?.progetto;
  if (prog?.firmatoIl) {
    const pv = prossimaVerifica(prog);
    if (oggi > pv) add('verifica_progetto_scaduta', 'critico', `La verifica del progetto era prevista il ${pv}.`, { scadenza: pv });
    else if (giorniTra(oggi, pv) <= PREAVVISO_GIORNI) add('verifica_progetto_imminente', 'attenzione', `Verifica del progetto prevista il ${pv}.`, { scadenza: pv });
  }
  if (prog && oggi > prog.chiusuraPrevista) {
    add('chiusura_prevista_superata', 'attenzione', `La chiusura prevista dal progetto (${prog.chiusuraPrevista}) è passata: valuta la conclusione o una proroga.`, { scadenza: prog.chiusuraPrevista });
  }
  const ina = v.prof ? inattivita(v, now) : undefined;
  const proposta = v.stato === 'chiusura_proposta' ? v.admin.chiusura.attuale : undefined;
  if (!proposta && ina?.inattiva) {
    add('proposta_chiusura_inattivita', 'attenzione', `Nessun accesso né intervento dal ${ina.ultimaAttivita}: si propone la chiusura per inattività.`, { ...(ina.maturaIl ? { scadenza: ina.maturaIl } : {}) });
  }
  if (proposta) {
    if (proposta.motivo === 'inattivita' && ina && !ina.inattiva) {
      add('proposta_inattivita_superata', 'attenzione', "Dopo la proposta di chiusura per inattività c'è stata attività: ritira la proposta.");
    } else add('chiusura_da_confermare', 'info', 'Proposta di chiusura in attesa di conferma.');
  }
  for (const x of v.admin.prestazioni) {
    if (x.presenzaProvaMezzi !== '1' || !prestazioneAttiva(x, oggi)) continue;
    const isee = pr.isee;
    if (!isee) add('isee_mancante', 'critico', `La prestazione «${x.denominazione}» è soggetta a ISEE ma manca l'attestazione.`, { riferimento: x.id });
    else if (!iseeValido(isee, oggi)) add('isee_scaduto', 'critico', `La prestazione «${x.denominazione}» si basa su una DSU scaduta il ${scadenzaDsu(isee.dataDsu)}.`, { riferimento: x.id, scadenza: scadenzaDsu(isee.dataDsu) });
    else if (giorniTra(oggi, scadenzaDsu(isee.dataDsu)) <= 30) add('isee_in_scadenza', 'attenzione', `La DSU scade il ${scadenzaDsu(isee.dataDsu)}: chiedi il rinnovo dell'ISEE.`, { riferimento: x.id, scadenza: scadenzaDsu(isee.dataDsu) });
  }
  for (const x of v.admin.prestazioni) {
    const m = recordSiuss(v.admin, x).mancanti;
    if (m.length > 0) add('siuss_dati_mancanti', 'info', `Per l'invio SIUSS di «${x.denominazione}» mancano: ${m.join(', ')}.`, { riferimento: x.id });
  }
  return ordina(out);
}

function ordina(a: Avviso[]): readonly Avviso[] {
  const k = (x: Avviso): string => `${RANGO[x.gravita]}|${x.scadenza ?? '9999'}|${x.codice}|${x.riferimento ?? ''}`;
  return congela([...a].sort((x, y) => (k(x) < k(y) ? -1 : k(x) > k(y) ? 1 : 0)));
}
