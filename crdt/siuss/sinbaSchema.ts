/**
 * @module siuss/sinbaSchema
 * The attributes of a `SINBA` record (SINBA.xsd, SinbaType) in declaration order. A few come
 * from the cartella (`origin: 'cartella'`: the pseudonymous id, year and age band from the
 * date of birth, residence, ISEE band); all the others describe the minor's situation and the
 * court's involvement, which the model does not record yet: they come from an explicit
 * *scheda SINBA* per cartella (`origin: 'scheda'`), validated here value by value.
 * `sinbaSchema.test.ts` checks this table against the XSD file.
 */
import { codes, MESE_ANNO_PATTERN, type Facet } from './facets';
import type { AttributeSpec } from './psSchema';

/** One SINBA attribute and where its value comes from. */
export interface SinbaAttributeSpec extends AttributeSpec {
  readonly origin: 'cartella' | 'scheda';
}

const e = (n: number): Facet => ({ kind: 'enum', values: codes(n) });
const meseAnno: Facet = { kind: 'pattern', re: MESE_ANNO_PATTERN };
const digits = (n: number): Facet => ({ kind: 'pattern', re: new RegExp(`^\\d{${n}}$`) });
const s = (name: string, facet: Facet, required: boolean, label: string): SinbaAttributeSpec => ({ name, facet, required, label, origin: 'scheda' });
const c = (name: string, facet: Facet, required: boolean, label: string, sources: readonly string[]): SinbaAttributeSpec => ({ name, facet, required, label, origin: 'cartella', sources });

/** Every attribute of SinbaType, in the schema's order. */
export const SINBA_ATTRIBUTES: readonly SinbaAttributeSpec[] = [
  c('IDBeneficiario', { kind: 'text', min: 1, max: 20 }, true, 'Codice fiscale (da cui si calcola lo pseudonimo)', ['anagrafica.codiceFiscale']),
  s('MinoreStranieroNoAcc', e(2), true, 'Minore straniero non accompagnato'),
  s('CondizioneMinore', e(5), true, 'Condizione del minore (orfano, genitori ignoti)'),
  s('LuogoVita', e(8), true, 'Luogo di vita del minore'),
  s('ScuolaFrequentata', e(8), true, 'Scuola frequentata'),
  s('CondizioneLavoro', e(4), true, 'Condizione lavorativa del minore'),
  s('Disabilita', e(2), true, 'Disabilità'),
  s('TipoDisabilita', e(4), false, 'Tipo di disabilità'),
  s('InvCivCertificazioni', e(5), false, 'Certificazioni di invalidità civile'),
  s('CodiceCittadinanzaPadre', digits(3), false, 'Cittadinanza del padre (codice)'),
  s('CodiceCittadinanzaMadre', digits(3), false, 'Cittadinanza della madre (codice)'),
  s('CodiceRegioneResidenzaPadre', digits(2), false, 'Regione di residenza del padre (codice)'),
  s('CodiceRegioneResidenzaMadre', digits(2), false, 'Regione di residenza della madre (codice)'),
  s('TitoloStudioPadre', e(6), false, 'Titolo di studio del padre'),
  s('TitoloStudioMadre', e(6), false, 'Titolo di studio della madre'),
  s('OccupazionePadre', e(8), false, 'Condizione occupazionale del padre'),
  s('OccupazioneMadre', e(8), false, 'Condizione occupazionale della madre'),
  s('DataPrimaSegnalazione', meseAnno, true, 'Data della prima segnalazione (MM/AAAA)'),
  s('FonteSegnalazione', e(14), true, 'Fonte della segnalazione'),
  s('ValutazioneMinore', e(13), true, 'Valutazione del minore'),
  s('ValutazioneFamigliaMinore', e(13), true, 'Valutazione della famiglia del minore'),
  s('SegnalazioneAutoritaGiudiziaria', e(2), true, "Segnalazione all'autorità giudiziaria"),
  s('DataSegnalazione', meseAnno, false, "Data della segnalazione all'autorità giudiziaria (MM/AAAA)"),
  s('ProvvedimentoGiudiziario', e(2), true, 'Provvedimento giudiziario'),
  s('DataProvvedimentoGiudiziario', meseAnno, false, 'Data del provvedimento giudiziario (MM/AAAA)'),
  s('AutoritaProvvedimento', e(4), false, 'Autorità che ha emesso il provvedimento'),
  s('PotestaTutela', e(5), false, 'Provvedimento sulla responsabilità genitoriale o tutela'),
  s('TipoProvvedimentoGiudiziario', e(8), false, 'Tipo di provvedimento giudiziario'),
  s('FormaInterventoAffido', e(2), false, "Forma dell'affido"),
  s('TipoInterventoAffido', e(2), false, "Tipo di affido"),
  s('DurataAffido', e(2), false, "Durata dell'affido"),
  s('CarattereAffido', e(2), false, "Carattere dell'affido"),
  s('EsitoAffido', e(9), false, "Esito dell'affido"),
  s('CarattereInserimentoResidenziale', e(10), false, "Carattere dell'inserimento residenziale"),
  s('FormaInserimentoResidenziale', e(2), false, "Forma dell'inserimento residenziale"),
  s('TipoInserimentoResidenziale', e(2), false, "Tipo di inserimento residenziale"),
  s('EsitoInserimentoStruttura', e(9), false, "Esito dell'inserimento in struttura"),
  s('MotivazioneChiusuraCarico', e(9), false, 'Motivo della chiusura della presa in carico'),
  s('SituazioneChiusuraCarico', e(8), false, 'Situazione alla chiusura della presa in carico'),
  s('CollaborazioniInterventi', e(9), false, 'Collaborazioni negli interventi'),
  s('NumeroComponentiISEE', { kind: 'int', min: 1, max: 9 }, false, 'Numero di componenti del nucleo ISEE'),
  c('FasciaEtaBeneficiario', e(6), true, 'Data di nascita (fascia di età)', ['anagrafica.dataNascita']),
  c('FasciaISEEBeneficiario', e(8), false, 'Attestazione ISEE', ['procedimento.isee']),
  c('AnnoNascita', digits(4), true, 'Data di nascita', ['anagrafica.dataNascita']),
  c('CodiceRegioneResidenza', digits(2), false, 'Regione di residenza (codice)', ['anagrafica.codiceRegioneResidenza']),
  c('CodiceNazioneResidenza', digits(3), true, 'Stato di residenza (codice)', ['anagrafica.codiceNazioneResidenza']),
];

/** The household composition: `Famiglia/ComposizioneFamiglia`, one code per kind of member. */
export const COMPOSIZIONE_FAMIGLIA = {
  name: 'ComposizioneFamiglia',
  facet: e(6),
  label: 'Composizione della famiglia (madre, padre, fratelli, nonni, compagno del genitore, altri conviventi)',
} as const;

/** The attributes a scheda SINBA may carry (the others are computed from the cartella). */
export const SCHEDA_ATTRIBUTES: readonly SinbaAttributeSpec[] = SINBA_ATTRIBUTES.filter((a) => a.origin === 'scheda');
