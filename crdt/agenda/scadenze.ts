/**
 * @module crdt/agenda/scadenze
 * The deadlines of one cartella, as agenda lines: those the model's `avvisi` already raise
 * (near or past: with their severity and message), and the later ones the same rules
 * imply but that are not yet worth an avviso — the procedure's term (L. 241/1990), the
 * potere sostitutivo, the citizen's 10 days after a preavviso di rigetto, the progetto's
 * next review and planned closure, the DSU's expiry for a means-tested benefit, the
 * segretariato's 30 days, the year of inactivity. One line per kind and day: when an avviso
 * and a computed deadline fall on the same day they are the same deadline.
 * Pure functions of the cartella's view and `now`; nothing is stored.
 */
import {
  aggiungiGiorni, avvisi, giorno, inattivita, prestazioneAttiva, prossimaVerifica, scadenzaDsu, termini,
  type DataIso, type VistaCartella,
} from '../model';

/** Kinds of deadline. */
export const CODICI_SCADENZA = [
  'termine_procedimento', 'potere_sostitutivo', 'osservazioni', 'verifica_progetto', 'chiusura_prevista',
  'scadenza_dsu', 'esito_segretariato', 'inattivita', 'altro',
] as const;
export type CodiceScadenza = (typeof CODICI_SCADENZA)[number];

/**
 * Labels of the deadline kinds: what the agenda says when no avviso is active, and the
 * only words about a deadline that an exported calendar ever carries.
 */
export const ETICHETTE_SCADENZA: Readonly<Record<CodiceScadenza, string>> = {
  termine_procedimento: 'Termine del procedimento',
  potere_sostitutivo: 'Termine del potere sostitutivo',
  osservazioni: 'Termine per le osservazioni al preavviso di rigetto',
  verifica_progetto: 'Verifica del progetto',
  chiusura_prevista: 'Chiusura prevista dal progetto',
  scadenza_dsu: 'Scadenza della DSU (ISEE)',
  esito_segretariato: 'Esito del segretariato sociale',
  inattivita: 'Un anno senza attività: proposta di chiusura',
  altro: 'Scadenza',
};

/** The avvisi (by code) that announce each kind of deadline. */
const DA_AVVISO: Readonly<Record<string, CodiceScadenza>> = {
  termine_in_scadenza: 'termine_procedimento',
  termine_scaduto: 'termine_procedimento',
  potere_sostitutivo_scaduto: 'potere_sostitutivo',
  osservazioni_attese: 'osservazioni',
  verifica_progetto_imminente: 'verifica_progetto',
  verifica_progetto_scaduta: 'verifica_progetto',
  chiusura_prevista_superata: 'chiusura_prevista',
  isee_in_scadenza: 'scadenza_dsu',
  isee_scaduto: 'scadenza_dsu',
  segretariato_senza_esito: 'esito_segretariato',
  proposta_chiusura_inattivita: 'inattivita',
};

/** One deadline of a cartella. */
export interface Scadenza {
  readonly codice: CodiceScadenza;
  readonly data: DataIso;
  readonly gravita: 'info' | 'attenzione' | 'critico';
  readonly messaggio: string;
  /** The code of the avviso that announces it, when one is active. */
  readonly avviso?: string;
}

/** Every deadline of a cartella at `now`, by day then kind. */
export function scadenzeCartella(v: VistaCartella, now: Date): readonly Scadenza[] {
  const out = new Map<string, Scadenza>();
  for (const a of avvisi(v, now)) {
    if (!a.scadenza) continue;
    const codice = Object.prototype.hasOwnProperty.call(DA_AVVISO, a.codice) ? DA_AVVISO[a.codice] ?? 'altro' : 'altro';
    const k = `${a.scadenza}|${codice}|${codice === 'altro' ? a.codice : ''}`;
    // avvisi come most severe first: the first one of a kind and day speaks for it.
    if (!out.has(k)) out.set(k, { codice, data: a.scadenza, gravita: a.gravita, messaggio: a.messaggio, avviso: a.codice });
  }
  const aggiungi = (codice: CodiceScadenza, data: DataIso | undefined): void => {
    const k = `${data}|${codice}|`;
    if (data && !out.has(k)) out.set(k, { codice, data, gravita: 'info', messaggio: `${ETICHETTE_SCADENZA[codice]}.` });
  };
  const aperta = v.stato === 'aperta' || v.stato === 'chiusura_proposta';
  const acc = v.admin.segretariato.accesso;
  if (v.stato === 'accesso' && acc) aggiungi('esito_segretariato', aggiungiGiorni(acc.data, 30));
  if (aperta) {
    const pr = v.admin.procedimento;
    const t = termini(pr, now);
    if (t && !t.concluso) {
      aggiungi(t.scaduto ? 'potere_sostitutivo' : 'termine_procedimento', t.scaduto ? t.scadenzaPotereSostitutivo : t.scadenza);
      if (t.attesaOsservazioni) aggiungi('osservazioni', t.fineAttesaOsservazioni);
    }
    const prog = v.prof?.progetto;
    if (prog?.firmatoIl) aggiungi('verifica_progetto', prossimaVerifica(prog));
    if (prog) aggiungi('chiusura_prevista', prog.chiusuraPrevista);
    const oggi = giorno(now);
    if (pr.isee && v.admin.prestazioni.some((x) => x.presenzaProvaMezzi === '1' && prestazioneAttiva(x, oggi))) {
      aggiungi('scadenza_dsu', scadenzaDsu(pr.isee.dataDsu));
    }
    if (v.prof) {
      const ina = inattivita(v, now);
      if (!ina.inattiva) aggiungi('inattivita', ina.maturaIl);
    }
  }
  return [...out.values()].sort((a, b) => (a.data < b.data ? -1 : a.data > b.data ? 1 : a.codice < b.codice ? -1 : a.codice > b.codice ? 1 : 0));
}
