/**
 * @module siuss/request
 * The one validating parse of an export request: who sends the flow (the ente, required by
 * both schemas' `IdentificazioneFlusso/Ente`), the period, and the flow's name. These values
 * never come from a cartella: they are the ente's own settings, passed in explicitly.
 */
import { err, ok } from '../../crypto';
import { comeCodiceFiscale, comeData, isRecord, prop, type DataIso } from '../model';
import type { SiussResult } from './errors';
import { CODICE_FISCALE_PATTERN, lexicalValue } from './facets';

/** The sender: `Ente` of PS_PSA_SINA201812.xsd and SINBA.xsd. */
export interface EnteSiuss {
  /** [Codice] the ente's code in SIUSS, 1–32 characters. */
  readonly codice: string;
  /** [Denominazione] optional, 1–100 characters. */
  readonly denominazione?: string;
  /** [Indirizzo] cadastral (Belfiore) code of the comune of the ente's seat, e.g. `H501`. */
  readonly codiceCatastale: string;
  /** [CFOperatore] codice fiscale of the operator sending the flow. */
  readonly cfOperatore: string;
}

/** The period whose prestazioni are exported, both days included. */
export interface PeriodoSiuss {
  readonly dal: DataIso;
  readonly al: DataIso;
}

/** Which flow a request is for. */
export type FlowKind = 'PS' | 'SINBA';

/** A validated request. */
export interface SiussRequest {
  readonly ente: EnteSiuss;
  readonly periodo: PeriodoSiuss;
  /** [IdentificazioneFlusso/@Nome] at most 50 characters; by default `<flow>-<dal>-<al>`. */
  readonly nomeFlusso: string;
}

/** What a caller passes (e.g. from the ente's settings form); validated by {@link parseSiussRequest}. */
export interface SiussRequestInput {
  readonly ente: {
    readonly codice: string;
    readonly denominazione?: string;
    readonly codiceCatastale: string;
    readonly cfOperatore: string;
  };
  readonly periodo: { readonly dal: string; readonly al: string };
  readonly nomeFlusso?: string;
}

const trimmed = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);

function parseEnte(raw: unknown): SiussResult<EnteSiuss> {
  if (!isRecord(raw)) return err('invalid_request', "Mancano i dati dell'ente che invia il flusso.");
  const codice = lexicalValue({ kind: 'text', min: 1, max: 32 }, trimmed(prop(raw, 'codice')));
  if (codice === undefined) return err('invalid_ente_codice', "Il codice dell'ente deve avere da 1 a 32 caratteri, senza caratteri di controllo.");
  const d = trimmed(prop(raw, 'denominazione'));
  const denominazione = d === undefined || d === '' ? undefined : lexicalValue({ kind: 'text', min: 1, max: 100 }, d);
  if (d !== undefined && d !== '' && denominazione === undefined) {
    return err('invalid_ente_denominazione', "La denominazione dell'ente deve avere da 1 a 100 caratteri, senza caratteri di controllo.");
  }
  const cc = trimmed(prop(raw, 'codiceCatastale'));
  const codiceCatastale = typeof cc === 'string' && /^[A-Z]\d{3}$/i.test(cc) ? cc.toUpperCase() : undefined;
  if (codiceCatastale === undefined) {
    return err('invalid_ente_codice_catastale', "Il codice catastale del comune sede dell'ente è una lettera seguita da tre cifre (es. H501).");
  }
  const cfOperatore = comeCodiceFiscale(prop(raw, 'cfOperatore'));
  if (cfOperatore === undefined || !CODICE_FISCALE_PATTERN.test(cfOperatore)) {
    return err('invalid_cf_operatore', "Il codice fiscale dell'operatore non è valido.");
  }
  return ok({ codice, codiceCatastale, cfOperatore, ...(denominazione === undefined ? {} : { denominazione }) });
}

function parsePeriodo(raw: unknown): SiussResult<PeriodoSiuss> {
  const dal = comeData(prop(raw, 'dal'));
  const al = comeData(prop(raw, 'al'));
  if (dal === undefined || al === undefined) return err('invalid_period', 'Il periodo richiede due date valide (AAAA-MM-GG).');
  if (al < dal) return err('invalid_period', 'La fine del periodo precede il suo inizio.');
  return ok({ dal, al });
}

/** Validates an export request for the `flow` flow. Never throws. */
export function parseSiussRequest(raw: unknown, flow: FlowKind): SiussResult<SiussRequest> {
  if (!isRecord(raw)) return err('invalid_request', 'La richiesta di esportazione non è valida.');
  const ente = parseEnte(prop(raw, 'ente'));
  if (!ente.ok) return ente;
  const periodo = parsePeriodo(prop(raw, 'periodo'));
  if (!periodo.ok) return periodo;
  const n = trimmed(prop(raw, 'nomeFlusso'));
  const nomeFlusso = n === undefined || n === ''
    ? `${flow}-${periodo.value.dal}-${periodo.value.al}`
    : lexicalValue({ kind: 'text', min: 1, max: 50 }, n);
  if (nomeFlusso === undefined) return err('invalid_flow_name', 'Il nome del flusso deve avere al massimo 50 caratteri, senza caratteri di controllo.');
  return ok({ ente: ente.value, periodo: periodo.value, nomeFlusso });
}
