/**
 * @module schema-sinba
 * The fields of the scheda SINBA: what the SIUSS SINBA record needs about a minor that the
 * rest of the cartella does not hold (condition, living place, school, parents, first report
 * and assessment, reports to and measures of the courts, foster care, residential placement,
 * closure, household). One parser per field, used both to validate an operation's input and
 * to read what any replica wrote; each field names the SINBA.xsd attribute it becomes.
 * Months are stored as `AAAA-MM` (the export writes SINBA's `MM/AAAA`).
 */
import type { Brand } from './ids';
import { p, type Parser } from './schema';
import { codiciSinba, ELENCHI_SINBA, type ElencoSinba } from './sinba-vocabolario';

/** A calendar month, `AAAA-MM`. */
export type MeseIso = Brand<string, 'MeseIso'>;

const MESE_ISO = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MESE_IT = /^(0?[1-9]|1[0-2])\s*\/\s*(\d{4})$/;

/** Reads a month typed as `MM/AAAA` (Italian) or stored as `AAAA-MM`; gives `AAAA-MM`. */
export function comeMese(v: unknown): MeseIso | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  const iso = MESE_ISO.exec(s);
  const it = iso ? undefined : MESE_IT.exec(s);
  const anno = iso?.[1] ?? it?.[2];
  const mese = iso?.[2] ?? it?.[1]?.padStart(2, '0');
  if (!anno || !mese || Number(anno) < 1900) return undefined;
  return `${anno}-${mese}` as MeseIso;
}

/** A stored month as SINBA writes it: `MM/AAAA`. */
export function meseSinba(m: MeseIso): string {
  return `${m.slice(5, 7)}/${m.slice(0, 4)}`;
}

const codice = (elenco: ElencoSinba): Parser<string> => p.uno(codiciSinba(elenco));
const mese = ((v) => comeMese(v)) as Parser<MeseIso>;

/** Household composition: one to six distinct codes, in the list's order. */
const composizione: Parser<string[]> = (v) => {
  const l = p.lista(codice('ComposizioneFamiglia'), 6)(v);
  if (!l || l.length === 0 || new Set(l).size !== l.length) return undefined;
  return codiciSinba('ComposizioneFamiglia').filter((c) => l.includes(c));
};

/** Groups of the scheda, as the screen shows them. */
export const GRUPPI_SINBA = ['minore', 'genitori', 'segnalazione', 'giudiziaria', 'affido', 'residenziale', 'chiusura', 'famiglia'] as const;
export type GruppoSinba = (typeof GRUPPI_SINBA)[number];

/** What the model knows of a field: its SINBA attribute, label, group, kind and list. */
export interface DefCampoSinba {
  /** The SINBA.xsd attribute (or element, for the household) it becomes. */
  readonly attributo: string;
  readonly etichetta: string;
  readonly gruppo: GruppoSinba;
  readonly tipo: 'codice' | 'mese' | 'cittadinanza' | 'regione' | 'numero' | 'composizione';
  readonly elenco?: ElencoSinba;
}

const c = (attributo: string, etichetta: string, gruppo: GruppoSinba, elenco: ElencoSinba): DefCampoSinba =>
  ({ attributo, etichetta, gruppo, tipo: 'codice', elenco });
const m = (attributo: string, etichetta: string, gruppo: GruppoSinba): DefCampoSinba => ({ attributo, etichetta, gruppo, tipo: 'mese' });

/** Every field of the scheda, in SINBA.xsd order. */
export const DEF_SINBA = {
  minoreStranieroNoAcc: c('MinoreStranieroNoAcc', 'Minore straniero non accompagnato', 'minore', 'SiNo'),
  condizioneMinore: c('CondizioneMinore', 'Condizione del minore', 'minore', 'CondizioneMinore'),
  luogoVita: c('LuogoVita', 'Luogo di vita del minore', 'minore', 'LuogoVita'),
  scuolaFrequentata: c('ScuolaFrequentata', 'Scuola frequentata', 'minore', 'ScuolaFrequentata'),
  condizioneLavoro: c('CondizioneLavoro', 'Condizione lavorativa del minore', 'minore', 'CondizioneLavoro'),
  disabilita: c('Disabilita', 'Disabilità', 'minore', 'SiNo'),
  tipoDisabilita: c('TipoDisabilita', 'Tipo di disabilità', 'minore', 'TipoDisabilita'),
  invCivCertificazioni: c('InvCivCertificazioni', 'Certificazione di invalidità', 'minore', 'InvCivCertificazioni'),
  codiceCittadinanzaPadre: { attributo: 'CodiceCittadinanzaPadre', etichetta: 'Cittadinanza del padre (codice di 3 cifre)', gruppo: 'genitori', tipo: 'cittadinanza' },
  codiceCittadinanzaMadre: { attributo: 'CodiceCittadinanzaMadre', etichetta: 'Cittadinanza della madre (codice di 3 cifre)', gruppo: 'genitori', tipo: 'cittadinanza' },
  codiceRegioneResidenzaPadre: { attributo: 'CodiceRegioneResidenzaPadre', etichetta: 'Regione di residenza del padre (codice di 2 cifre)', gruppo: 'genitori', tipo: 'regione' },
  codiceRegioneResidenzaMadre: { attributo: 'CodiceRegioneResidenzaMadre', etichetta: 'Regione di residenza della madre (codice di 2 cifre)', gruppo: 'genitori', tipo: 'regione' },
  titoloStudioPadre: c('TitoloStudioPadre', 'Titolo di studio del padre', 'genitori', 'TitoloStudio'),
  titoloStudioMadre: c('TitoloStudioMadre', 'Titolo di studio della madre', 'genitori', 'TitoloStudio'),
  occupazionePadre: c('OccupazionePadre', 'Condizione occupazionale del padre', 'genitori', 'Occupazione'),
  occupazioneMadre: c('OccupazioneMadre', 'Condizione occupazionale della madre', 'genitori', 'Occupazione'),
  dataPrimaSegnalazione: m('DataPrimaSegnalazione', 'Mese della prima segnalazione (MM/AAAA)', 'segnalazione'),
  fonteSegnalazione: c('FonteSegnalazione', 'Chi ha segnalato', 'segnalazione', 'FonteSegnalazione'),
  valutazioneMinore: c('ValutazioneMinore', 'Valutazione del minore', 'segnalazione', 'ValutazioneMinore'),
  valutazioneFamigliaMinore: c('ValutazioneFamigliaMinore', 'Valutazione della famiglia del minore', 'segnalazione', 'ValutazioneFamigliaMinore'),
  segnalazioneAutoritaGiudiziaria: c('SegnalazioneAutoritaGiudiziaria', "Segnalazione all'autorità giudiziaria", 'giudiziaria', 'SiNo'),
  dataSegnalazione: m('DataSegnalazione', "Mese della segnalazione all'autorità giudiziaria (MM/AAAA)", 'giudiziaria'),
  provvedimentoGiudiziario: c('ProvvedimentoGiudiziario', 'Provvedimento giudiziario', 'giudiziaria', 'SiNo'),
  dataProvvedimentoGiudiziario: m('DataProvvedimentoGiudiziario', 'Mese del provvedimento (MM/AAAA)', 'giudiziaria'),
  autoritaProvvedimento: c('AutoritaProvvedimento', 'Autorità che ha emesso il provvedimento', 'giudiziaria', 'AutoritaProvvedimento'),
  potestaTutela: c('PotestaTutela', 'Responsabilità genitoriale e tutela', 'giudiziaria', 'PotestaTutela'),
  tipoProvvedimentoGiudiziario: c('TipoProvvedimentoGiudiziario', 'Tipo di provvedimento', 'giudiziaria', 'TipoProvvedimentoGiudiziario'),
  formaInterventoAffido: c('FormaInterventoAffido', "Forma dell'affido", 'affido', 'FormaInterventoAffido'),
  tipoInterventoAffido: c('TipoInterventoAffido', "Tipo di affido", 'affido', 'TipoInterventoAffido'),
  durataAffido: c('DurataAffido', "Durata dell'affido", 'affido', 'DurataAffido'),
  carattereAffido: c('CarattereAffido', "Carattere dell'affido", 'affido', 'CarattereAffido'),
  esitoAffido: c('EsitoAffido', "Esito dell'affido", 'affido', 'EsitoAffido'),
  carattereInserimentoResidenziale: c('CarattereInserimentoResidenziale', "Carattere dell'inserimento residenziale", 'residenziale', 'CarattereInserimentoResidenziale'),
  formaInserimentoResidenziale: c('FormaInserimentoResidenziale', "Forma dell'inserimento residenziale", 'residenziale', 'FormaInserimentoResidenziale'),
  tipoInserimentoResidenziale: c('TipoInserimentoResidenziale', "Tipo di inserimento residenziale", 'residenziale', 'TipoInserimentoResidenziale'),
  esitoInserimentoStruttura: c('EsitoInserimentoStruttura', "Esito dell'inserimento in struttura", 'residenziale', 'EsitoInserimentoStruttura'),
  motivazioneChiusuraCarico: c('MotivazioneChiusuraCarico', 'Motivo della chiusura della presa in carico', 'chiusura', 'MotivazioneChiusuraCarico'),
  situazioneChiusuraCarico: c('SituazioneChiusuraCarico', 'Situazione del minore alla chiusura', 'chiusura', 'SituazioneChiusuraCarico'),
  collaborazioniInterventi: c('CollaborazioniInterventi', 'Collaborazione prevalente negli interventi', 'famiglia', 'CollaborazioniInterventi'),
  numeroComponentiIsee: { attributo: 'NumeroComponentiISEE', etichetta: 'Numero di componenti del nucleo ISEE', gruppo: 'famiglia', tipo: 'numero' },
  composizioneFamiglia: { attributo: 'ComposizioneFamiglia', etichetta: 'Composizione della famiglia (con chi vive il minore)', gruppo: 'famiglia', tipo: 'composizione', elenco: 'ComposizioneFamiglia' },
} as const satisfies Readonly<Record<string, DefCampoSinba>>;

/** A field of the scheda. */
export type CampoSinba = keyof typeof DEF_SINBA;
/** The fields, in SINBA.xsd order. */
export const CAMPI_SINBA_ELENCO = Object.keys(DEF_SINBA) as readonly CampoSinba[];

function parserDi(d: DefCampoSinba): Parser<unknown> {
  switch (d.tipo) {
    case 'codice': return codice(d.elenco ?? 'SiNo');
    case 'mese': return mese;
    case 'cittadinanza': return p.regex(/^\d{3}$/);
    case 'regione': return p.regex(/^\d{2}$/);
    case 'numero': return p.numero(1, 9, true);
    case 'composizione': return composizione;
  }
}

type Tipi = {
  readonly [K in CampoSinba]: (typeof DEF_SINBA)[K]['tipo'] extends 'numero' ? number
    : (typeof DEF_SINBA)[K]['tipo'] extends 'composizione' ? readonly string[]
      : (typeof DEF_SINBA)[K]['tipo'] extends 'mese' ? MeseIso : string;
};

/** One parser per field. */
export const CAMPI_SINBA: Readonly<Record<CampoSinba, Parser<unknown>>> = Object.fromEntries(
  CAMPI_SINBA_ELENCO.map((k) => [k, parserDi(DEF_SINBA[k])]),
) as Record<CampoSinba, Parser<unknown>>;

/** The values of a scheda SINBA (every field optional). */
export type SchedaSinbaDati = { readonly [K in CampoSinba]?: Tipi[K] };

/** True when `k` names a field of the scheda (own key of the table only). */
export function eCampoSinba(k: unknown): k is CampoSinba {
  return typeof k === 'string' && Object.prototype.hasOwnProperty.call(DEF_SINBA, k);
}

/** The labels of the scheda's groups. */
export const ETICHETTE_GRUPPO_SINBA: Readonly<Record<GruppoSinba, string>> = {
  minore: 'Il minore',
  genitori: 'I genitori',
  segnalazione: 'Segnalazione e valutazione',
  giudiziaria: 'Autorità giudiziaria',
  affido: 'Affido familiare',
  residenziale: 'Inserimento residenziale',
  chiusura: 'Chiusura della presa in carico',
  famiglia: 'Famiglia e collaborazioni',
};

/** The code list of a coded field, for the screen's choices. */
export function elencoDi(campo: CampoSinba): (typeof ELENCHI_SINBA)[ElencoSinba] | undefined {
  const d: DefCampoSinba = DEF_SINBA[campo];
  return d.elenco ? ELENCHI_SINBA[d.elenco] : undefined;
}
