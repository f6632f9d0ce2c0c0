/**
 * @module siuss/psSchema
 * The attributes of PS_PSA_SINA201812.xsd that the export writes, in the schema's declaration
 * order, each with its facet, whether the schema requires it, its Italian label and the model
 * field it comes from (to detect unresolved conflicts). `psSchema.test.ts` checks this table
 * against the XSD file itself, so a new version of the schema cannot drift past unnoticed.
 */
import { CODICE_FISCALE_PATTERN, codes, type Facet } from './facets';

/** One attribute of the flow. */
export interface AttributeSpec {
  readonly name: string;
  readonly facet: Facet;
  readonly required: boolean;
  readonly label: string;
  /** The model field(s) the value is read from, as `sezione.campo`. */
  readonly sources?: readonly string[];
}

const pattern = (re: RegExp): Facet => ({ kind: 'pattern', re });
const text = (min: number, max: number): Facet => ({ kind: 'text', min, max });
const oneOf = (values: readonly string[]): Facet => ({ kind: 'enum', values });
const date: Facet = { kind: 'date' };
const decimal: Facet = { kind: 'decimal' };

/** `Beneficiario` (BeneficiarioType). */
export const BENEFICIARIO: readonly AttributeSpec[] = [
  { name: 'CodiceFiscale', facet: pattern(CODICE_FISCALE_PATTERN), required: true, label: 'Codice fiscale', sources: ['anagrafica.codiceFiscale'] },
];

/** `Anagrafica` (AnagraficaType). */
export const ANAGRAFICA: readonly AttributeSpec[] = [
  { name: 'Cognome', facet: text(1, 36), required: true, label: 'Cognome', sources: ['anagrafica.cognome'] },
  { name: 'Nome', facet: text(1, 36), required: true, label: 'Nome', sources: ['anagrafica.nome'] },
  { name: 'AnnoNascita', facet: pattern(/^\d{4}$/), required: true, label: 'Data di nascita', sources: ['anagrafica.dataNascita'] },
  { name: 'LuogoNascita', facet: text(4, 4), required: true, label: 'Codice catastale del luogo di nascita', sources: ['anagrafica.codiceCatastaleNascita'] },
  { name: 'Genere', facet: oneOf(codes(2)), required: true, label: 'Genere', sources: ['anagrafica.genere'] },
  { name: 'CodiceCittadinanza', facet: pattern(/^\d{3}$/), required: true, label: 'Cittadinanza (codice)', sources: ['anagrafica.cittadinanza'] },
  { name: 'CodiceSecondaCittadinanza', facet: pattern(/^\d{3}$/), required: false, label: 'Seconda cittadinanza (codice)', sources: ['anagrafica.secondaCittadinanza'] },
];

/**
 * `Indirizzo` (IndirizzoType). CodiceRegione and CodiceComune are optional in the schema but
 * its documentation makes them required when CodiceNazione is 380 (Italy): the model's
 * `recordSiuss` lists them as missing in that case.
 */
export const INDIRIZZO: readonly AttributeSpec[] = [
  { name: 'CodiceRegione', facet: pattern(/^\d{2}$/), required: false, label: 'Regione di residenza (codice)', sources: ['anagrafica.codiceRegioneResidenza'] },
  { name: 'CodiceComune', facet: pattern(/^\d{6}$/), required: false, label: 'Comune di residenza (codice ISTAT)', sources: ['anagrafica.codiceComuneResidenza'] },
  { name: 'CodiceNazione', facet: pattern(/^\d{3}$/), required: true, label: 'Stato di residenza (codice)', sources: ['anagrafica.codiceNazioneResidenza'] },
];

const DSU = ['procedimento.isee'];

/** `PrestazioniSociali` (PrestazioniSocialiType). The prestazione's own fields come from its item. */
export const PRESTAZIONE: readonly AttributeSpec[] = [
  { name: 'TipoOperazione', facet: oneOf(['I', 'C']), required: false, label: 'Tipo di operazione' },
  { name: 'PresenzaProvaMezzi', facet: oneOf(codes(4)), required: true, label: 'Prova dei mezzi' },
  { name: 'CaratterePrestazione', facet: oneOf(codes(2)), required: false, label: 'Carattere della prestazione (periodica o occasionale)' },
  { name: 'NumeroProtocolloDSU', facet: text(0, 30), required: false, label: 'Protocollo della DSU', sources: DSU },
  { name: 'AnnoProtocolloDSU', facet: pattern(/^\d{4}$/), required: false, label: 'Anno del protocollo della DSU', sources: DSU },
  { name: 'DataDSU', facet: date, required: false, label: 'Data della DSU', sources: DSU },
  { name: 'CodicePrestazione', facet: text(5, 10), required: true, label: 'Codice della prestazione' },
  { name: 'DenominazionePrestazione', facet: text(10, 200), required: true, label: 'Denominazione della prestazione' },
  { name: 'ProtocolloDomanda', facet: text(1, 32), required: true, label: 'Protocollo della domanda' },
  { name: 'DataEvento', facet: date, required: false, label: "Data dell'evento" },
  { name: 'DataInizioPrestazione', facet: date, required: false, label: 'Data di inizio della prestazione' },
  { name: 'DataFinePrestazione', facet: date, required: false, label: 'Data di fine della prestazione' },
  { name: 'DataErogazionePrestazione', facet: date, required: false, label: 'Data di erogazione' },
  { name: 'ImportoPrestazione', facet: decimal, required: false, label: 'Importo della prestazione' },
  { name: 'PeriodoErogazione', facet: { kind: 'int', min: 1, max: 12 }, required: false, label: 'Mesi di erogazione' },
  { name: 'ImportoMensile', facet: decimal, required: false, label: 'Importo mensile' },
  { name: 'ImportoQuotaEnte', facet: decimal, required: false, label: "Quota a carico dell'ente" },
  { name: 'ImportoQuotaUtente', facet: decimal, required: false, label: "Quota a carico dell'utente" },
  { name: 'ImportoQuotaSSN', facet: decimal, required: false, label: 'Quota a carico del Servizio sanitario' },
  { name: 'ImportoQuotaRichiesta', facet: decimal, required: false, label: 'Quota richiesta' },
  { name: 'ImportoSogliaISEE', facet: decimal, required: false, label: 'Soglia ISEE' },
  { name: 'OreServizioMensile', facet: decimal, required: false, label: 'Ore di servizio al mese' },
  { name: 'PresaCarico', facet: oneOf(codes(2)), required: true, label: 'Presa in carico', sources: ['meta.apertura'] },
  { name: 'AreaUtenza', facet: oneOf(codes(3)), required: false, label: 'Area di utenza', sources: ['meta.area'] },
];

/** The label of any attribute of the tables above (the schema name when unknown). */
export function psLabel(name: string): string {
  return [...BENEFICIARIO, ...ANAGRAFICA, ...INDIRIZZO, ...PRESTAZIONE].find((a) => a.name === name)?.label ?? name;
}
