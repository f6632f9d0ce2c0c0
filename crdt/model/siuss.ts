/**
 * @module siuss
 * A prestazione as the SIUSS flow names it (PS_PSA_SINA201812.xsd: Beneficiario with
 * Anagrafica and Indirizzo, and PrestazioniSociali), with the list of required attributes
 * the cartella does not yet provide. This is the data an export needs; the XML writer and
 * the validation with xmllint belong to the export, not to the model.
 */
import { AREA_SIUSS } from './vocabolario';
import type { Prestazione, VistaAdmin } from './vista-admin';
import { soloDefiniti } from './valida';

/** The SIUSS attributes of one benefit, and what is still missing for a valid flow. */
export interface RecordSiuss {
  readonly beneficiario: Readonly<Record<string, string>>;
  readonly indirizzo: Readonly<Record<string, string>>;
  readonly prestazione: Readonly<Record<string, string | number>>;
  /** Required attributes without a value (schema names). */
  readonly mancanti: readonly string[];
}

/** Builds the SIUSS record of benefit `x` of the cartella `v`. */
export function recordSiuss(v: VistaAdmin, x: Prestazione): RecordSiuss {
  const a = v.anagrafica;
  const isee = v.procedimento.isee;
  const beneficiario = soloDefiniti({
    CodiceFiscale: a.codiceFiscale,
    Cognome: a.cognome,
    Nome: a.nome,
    AnnoNascita: a.dataNascita?.slice(0, 4),
    LuogoNascita: a.codiceCatastaleNascita,
    Genere: a.genere === 'M' ? '1' : a.genere === 'F' ? '2' : undefined,
    CodiceCittadinanza: a.cittadinanza,
    CodiceSecondaCittadinanza: a.secondaCittadinanza,
  }) as Record<string, string>;
  const indirizzo = soloDefiniti({
    CodiceRegione: a.codiceRegioneResidenza,
    CodiceComune: a.codiceComuneResidenza,
    CodiceNazione: a.codiceNazioneResidenza,
  }) as Record<string, string>;
  const dsu = x.presenzaProvaMezzi === '1' && isee;
  const area = v.meta.area ? AREA_SIUSS[v.meta.area] : undefined;
  const prestazione = soloDefiniti({
    PresenzaProvaMezzi: x.presenzaProvaMezzi,
    CaratterePrestazione: x.carattere,
    NumeroProtocolloDSU: dsu ? isee.protocolloDsu : undefined,
    AnnoProtocolloDSU: dsu ? isee.dataDsu.slice(0, 4) : undefined,
    DataDSU: dsu ? isee.dataDsu : undefined,
    CodicePrestazione: x.codicePrestazione,
    DenominazionePrestazione: x.denominazione,
    ProtocolloDomanda: x.protocolloDomanda,
    DataEvento: x.dataEvento,
    DataInizioPrestazione: x.dataInizio,
    DataFinePrestazione: x.dataFine,
    DataErogazionePrestazione: x.dataErogazione,
    ImportoPrestazione: x.importo,
    PeriodoErogazione: x.periodoErogazione,
    ImportoMensile: x.importoMensile,
    ImportoQuotaEnte: x.quotaEnte,
    ImportoQuotaUtente: x.quotaUtente,
    ImportoQuotaSSN: x.quotaSsn,
    ImportoQuotaRichiesta: x.quotaRichiesta,
    ImportoSogliaISEE: x.sogliaIsee,
    OreServizioMensile: x.oreServizioMensile,
    PresaCarico: v.meta.apertura ? '1' : '2',
    AreaUtenza: area,
  }) as Record<string, string | number>;
  const richiesti = ['CodiceFiscale', 'Cognome', 'Nome', 'AnnoNascita', 'LuogoNascita', 'Genere', 'CodiceCittadinanza'];
  const mancanti = richiesti.filter((k) => beneficiario[k] === undefined);
  if (indirizzo['CodiceNazione'] === undefined) mancanti.push('CodiceNazione');
  if (indirizzo['CodiceNazione'] === '380') {
    if (indirizzo['CodiceRegione'] === undefined) mancanti.push('CodiceRegione');
    if (indirizzo['CodiceComune'] === undefined) mancanti.push('CodiceComune');
  }
  return { beneficiario, indirizzo, prestazione, mancanti };
}
