/**
 * @module siuss/sinbaSchema
 * The attributes of a `SINBA` record (SINBA.xsd, SinbaType) in declaration order. A few come
 * from the cartella (`origin: 'cartella'`: the pseudonymous id, year and age band from the
 * date of birth, residence, ISEE band); all the others describe the minor's situation and the
 * court's involvement, which the model does not record yet: they come from an explicit
 * *scheda SINBA* per cartella (`origin: 'scheda'`), validated here value by value.
 * `sinbaSchema.test.ts` checks this table against the XSD file.
 */
import { CAMPI_SINBA_ELENCO, DEF_SINBA } from '../model';
import { codes, MESE_ANNO_PATTERN, type Facet } from './facets';
import type { AttributeSpec } from './psSchema';

/** One SINBA attribute and where its value comes from. */
export interface SinbaAttributeSpec extends AttributeSpec {
  readonly origin: 'cartella' | 'scheda';
}

const e = (n: number): Facet => ({ kind: 'enum', values: codes(n) });
const meseAnno: Facet = { kind: 'pattern', re: MESE_ANNO_PATTERN };
const digits = (n: number): Facet => ({ kind: 'pattern', re: new RegExp(`^\\d{${n}}$`) });
/** The scheda's labels are the model's (crdt/model schema-sinba.ts): the cartella screen and the export's report say the same words. */
const MODEL_LABELS = new Map<string, string>(CAMPI_SINBA_ELENCO.map((k) => [DEF_SINBA[k].attributo, DEF_SINBA[k].etichetta]));
function s(name: string, facet: Facet, required: boolean): SinbaAttributeSpec {
  const label = MODEL_LABELS.get(name);
  if (label === undefined) throw new Error(`sinbaSchema: ${name} has no field in the model's scheda SINBA`);
  return { name, facet, required, label, origin: 'scheda' };
}
const c = (name: string, facet: Facet, required: boolean, label: string, sources: readonly string[]): SinbaAttributeSpec => ({ name, facet, required, label, origin: 'cartella', sources });

/** Every attribute of SinbaType, in the schema's order. */
export const SINBA_ATTRIBUTES: readonly SinbaAttributeSpec[] = [
  c('IDBeneficiario', { kind: 'text', min: 1, max: 20 }, true, 'Codice fiscale (da cui si calcola lo pseudonimo)', ['anagrafica.codiceFiscale']),
  s('MinoreStranieroNoAcc', e(2), true),
  s('CondizioneMinore', e(5), true),
  s('LuogoVita', e(8), true),
  s('ScuolaFrequentata', e(8), true),
  s('CondizioneLavoro', e(4), true),
  s('Disabilita', e(2), true),
  s('TipoDisabilita', e(4), false),
  s('InvCivCertificazioni', e(5), false),
  s('CodiceCittadinanzaPadre', digits(3), false),
  s('CodiceCittadinanzaMadre', digits(3), false),
  s('CodiceRegioneResidenzaPadre', digits(2), false),
  s('CodiceRegioneResidenzaMadre', digits(2), false),
  s('TitoloStudioPadre', e(6), false),
  s('TitoloStudioMadre', e(6), false),
  s('OccupazionePadre', e(8), false),
  s('OccupazioneMadre', e(8), false),
  s('DataPrimaSegnalazione', meseAnno, true),
  s('FonteSegnalazione', e(14), true),
  s('ValutazioneMinore', e(13), true),
  s('ValutazioneFamigliaMinore', e(13), true),
  s('SegnalazioneAutoritaGiudiziaria', e(2), true),
  s('DataSegnalazione', meseAnno, false),
  s('ProvvedimentoGiudiziario', e(2), true),
  s('DataProvvedimentoGiudiziario', meseAnno, false),
  s('AutoritaProvvedimento', e(4), false),
  s('PotestaTutela', e(5), false),
  s('TipoProvvedimentoGiudiziario', e(8), false),
  s('FormaInterventoAffido', e(2), false),
  s('TipoInterventoAffido', e(2), false),
  s('DurataAffido', e(2), false),
  s('CarattereAffido', e(2), false),
  s('EsitoAffido', e(9), false),
  s('CarattereInserimentoResidenziale', e(10), false),
  s('FormaInserimentoResidenziale', e(2), false),
  s('TipoInserimentoResidenziale', e(2), false),
  s('EsitoInserimentoStruttura', e(9), false),
  s('MotivazioneChiusuraCarico', e(9), false),
  s('SituazioneChiusuraCarico', e(8), false),
  s('CollaborazioniInterventi', e(9), false),
  s('NumeroComponentiISEE', { kind: 'int', min: 1, max: 9 }, false),
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
  label: DEF_SINBA.composizioneFamiglia.etichetta,
} as const;

/** The attributes a scheda SINBA may carry (the others are computed from the cartella). */
export const SCHEDA_ATTRIBUTES: readonly SinbaAttributeSpec[] = SINBA_ATTRIBUTES.filter((a) => a.origin === 'scheda');
