/**
 * @module checklist
 * The deck's table "Quali documenti in cartella": for a help-process phase, which
 * documents are required, which are present, signed or missing — both columns of the
 * table (processo di aiuto, iter amministrativo). Informativa privacy and consent to work
 * in a network are separate requirements (DOMAIN.md, legal basis: GDPR art. 6.1.e, 9.2.g).
 */
import type { DataIso } from './date';
import { ETICHETTE_DOCUMENTO } from './etichette';
import { congela } from './valida';
import type { VistaCartella } from './vista';
import type { Fase, TipoDocumento } from './vocabolario';

/** The state of one requirement. `non_verificabile`: it lives in the prof part, absent here. */
export type StatoRequisito = 'mancante' | 'presente' | 'firmato' | 'non_verificabile';

/** One line of the checklist. */
export interface VoceChecklist {
  /** Stable code: a document type, or `scheda_segretariato`, `diario`, `altro:<id>`. */
  readonly requisito: string;
  readonly descrizione: string;
  readonly ambito: 'processo_aiuto' | 'iter_amministrativo';
  readonly richiesto: 'presente' | 'firmato';
  readonly stato: StatoRequisito;
  readonly completo: boolean;
}

/** The checklist of one phase. */
export interface Checklist {
  readonly fase: Fase;
  readonly voci: readonly VoceChecklist[];
  readonly completa: boolean;
  readonly mancanti: readonly VoceChecklist[];
}

type Stato = Exclude<StatoRequisito, 'non_verificabile'>;
const RANGO: Readonly<Record<StatoRequisito, number>> = { non_verificabile: -1, mancante: 0, presente: 1, firmato: 2 };
const migliore = (a: StatoRequisito, b: StatoRequisito): StatoRequisito => (RANGO[a] >= RANGO[b] ? a : b);

function daDocumenti(v: VistaCartella, tipo: TipoDocumento): Stato {
  let s: Stato = 'mancante';
  for (const d of v.admin.documenti) {
    if (d.tipo !== tipo) continue;
    const x: Stato = d.stato === 'firmato' ? 'firmato' : d.stato === 'acquisito' ? 'presente' : 'mancante';
    s = migliore(s, x) as Stato;
  }
  return s;
}

/** A requirement of the prof part, satisfiable also by a paper document on the checklist. */
function daProf(v: VistaCartella, tipo: TipoDocumento, prof: (p: NonNullable<VistaCartella['prof']>) => Stato): StatoRequisito {
  const doc = daDocumenti(v, tipo);
  return v.prof ? migliore(doc, prof(v.prof)) : doc === 'mancante' ? 'non_verificabile' : doc;
}

function diario(v: VistaCartella, dal: DataIso): StatoRequisito {
  if (!v.prof) return 'non_verificabile';
  return v.prof.diario.some((e) => e.corregge === undefined && e.data >= dal) ? 'presente' : 'mancante';
}

/** Builds the checklist of `fase` (the current phase when omitted). */
export function checklist(v: VistaCartella, fase?: Fase): Checklist {
  const f = fase ?? v.fase?.fase ?? 'accesso';
  const dal = (v.fase?.fase === f ? v.fase.dal : undefined) ?? ('0000-01-01' as DataIso);
  const voci: VoceChecklist[] = [];
  const aggiungi = (requisito: string, ambito: VoceChecklist['ambito'], richiesto: VoceChecklist['richiesto'], stato: StatoRequisito, descrizione?: string): void => {
    const completo = richiesto === 'firmato' ? stato === 'firmato' : stato === 'presente' || stato === 'firmato';
    voci.push({ requisito, ambito, richiesto, stato, completo,
      descrizione: descrizione ?? ETICHETTE_DOCUMENTO[requisito as TipoDocumento] ?? requisito });
  };
  const doc = (t: TipoDocumento, richiesto: VoceChecklist['richiesto'] = 'presente', ambito: VoceChecklist['ambito'] = 'processo_aiuto'): void =>
    aggiungi(t, ambito, richiesto, daDocumenti(v, t));
  const pro = v.admin.procedimento;
  switch (f) {
    case 'accesso':
      aggiungi('scheda_segretariato', 'processo_aiuto', 'presente', v.admin.segretariato.accesso ? 'presente' : 'mancante', 'Scheda segretariato sociale');
      doc('informativa_privacy');
      break;
    case 'apertura':
      doc('consenso_rete', 'firmato');
      doc('stato_famiglia');
      aggiungi('diario', 'processo_aiuto', 'presente', diario(v, dal), 'Diario cronologico');
      if (pro.iniziativa?.tipo === 'istanza') doc('istanza', 'firmato', 'iter_amministrativo');
      if (pro.iniziativa?.tipo === 'richiesta') doc('richiesta_ente', 'presente', 'iter_amministrativo');
      // Once the procedure is decided, a missing comunicazione di avvio can no longer be sent.
      if (!pro.determinazione || pro.comunicazioneAvvio) {
        aggiungi('comunicazione_avvio', 'iter_amministrativo', 'presente', pro.comunicazioneAvvio ? 'presente' : 'mancante');
      }
      break;
    case 'valutazione':
      aggiungi('diario', 'processo_aiuto', 'presente', diario(v, dal), 'Diario');
      if (v.admin.prestazioni.some((x) => x.presenzaProvaMezzi === '1')) {
        aggiungi('attestazione_isee', 'iter_amministrativo', 'presente', pro.isee ? 'presente' : daDocumenti(v, 'attestazione_isee'));
      }
      break;
    case 'progetto':
      aggiungi('relazione_sociale', 'processo_aiuto', 'presente',
        daProf(v, 'relazione_sociale', (p) => (p.relazioni.some((r) => r.stato === 'definitiva') ? 'presente' : 'mancante')));
      aggiungi('progetto_firmato', 'processo_aiuto', 'firmato',
        daProf(v, 'progetto_firmato', (p) => (p.progetto?.firmatoIl ? 'firmato' : 'mancante')));
      aggiungi('determinazione', 'iter_amministrativo', 'presente', pro.determinazione ? 'presente' : 'mancante');
      aggiungi('comunicazione_esito', 'iter_amministrativo', 'presente', pro.comunicazioneEsito ? 'presente' : 'mancante');
      break;
    case 'erogazione':
      aggiungi('diario', 'processo_aiuto', 'presente', diario(v, dal), 'Diario');
      aggiungi('verbale_equipe', 'processo_aiuto', 'presente',
        daProf(v, 'verbale_equipe', (p) => (p.verbali.some((x) => x.data >= dal) ? 'presente' : 'mancante')));
      break;
    case 'conclusione':
      aggiungi('diario', 'processo_aiuto', 'presente', diario(v, dal), 'Diario');
      break;
  }
  // "Altri documenti (variabili a seconda del tipo di presa in carico)": any document the
  // équipe attached to this phase is a requirement too.
  for (const d of v.admin.documenti) {
    if (d.fase !== f || voci.some((x) => x.requisito === d.tipo)) continue;
    const stato: StatoRequisito = d.stato === 'firmato' ? 'firmato' : d.stato === 'acquisito' ? 'presente' : 'mancante';
    aggiungi(`altro:${d.id}`, 'processo_aiuto', 'presente', stato, d.descrizione ?? ETICHETTE_DOCUMENTO[d.tipo]);
  }
  return congela({ fase: f, voci, completa: voci.every((x) => x.completo), mancanti: voci.filter((x) => !x.completo) });
}
