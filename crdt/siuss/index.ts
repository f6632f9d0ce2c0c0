/**
 * @module crdt/siuss
 * The SIUSS export: the PS/PSA flow (PS_PSA_SINA201812.xsd) and the SINBA flow (SINBA.xsd)
 * of the prestazioni delivered in a period, built from the cartelle on the device as pure
 * functions (no DOM, no Node APIs). Incomplete prestazioni are reported, never completed by
 * guesswork. See docs/SIUSS.md.
 */
export { SIUSS_ERROR_CODES, type SiussErrorCode, type SiussResult } from './errors';
export {
  parseSiussRequest, type EnteSiuss, type FlowKind, type PeriodoSiuss, type SiussRequest, type SiussRequestInput,
} from './request';
export {
  describeExclusion, describeCartellaExclusion, excludedByCartella, PSEUDO_FIELDS,
  type ExclusionReason, type ExcludedCartella, type ExcludedPrestazione, type ExportOutcome, type FieldProblem,
} from './outcome';
export { placePrestazione, type Placement } from './period';
export { exportPrestazioniSociali } from './psFlow';
export { exportSinba, mancantiSinba, ageOn, fasciaEta, fasciaIsee, type SinbaRequestInput } from './sinbaFlow';
export { parseSchedaSinba, type SchedaSinba, type SchedaSinbaInput } from './schedaSinba';
export { parsePseudonymKey, parsePseudonymKeyText, pseudonymKeyText, sinbaPseudonym, PSEUDONYM_KEY_BYTES } from './pseudonym';
export { SINBA_ATTRIBUTES, SCHEDA_ATTRIBUTES, COMPOSIZIONE_FAMIGLIA, type SinbaAttributeSpec } from './sinbaSchema';
export { BENEFICIARIO, ANAGRAFICA, INDIRIZZO, PRESTAZIONE, type AttributeSpec } from './psSchema';
export { SIUSS_NAMESPACE } from './flowParts';
export { escapeAttribute, escapeText, isXmlText, firstNonXmlChar } from './xml';
