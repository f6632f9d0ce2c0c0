/**
 * @module siuss/errors
 * The refusals of the SIUSS export: the request itself is unusable (the ente, the period, the
 * flow's name, the pseudonym key, the set of cartelle). Problems of single
 * cartelle or prestazioni are not refusals: they exclude that prestazione and are listed in
 * the outcome (see outcome.ts).
 */
import type { Result } from '../../crypto';

/** Every code the export can refuse a request with (documented in docs/SIUSS.md). */
export const SIUSS_ERROR_CODES = [
  'invalid_request',
  'invalid_ente_codice',
  'invalid_ente_denominazione',
  'invalid_ente_codice_catastale',
  'invalid_cf_operatore',
  'invalid_period',
  'invalid_flow_name',
  'invalid_pseudonym_key',
  'duplicate_cartella',
] as const;

/** A stable, snake_case refusal code of the SIUSS export. */
export type SiussErrorCode = (typeof SIUSS_ERROR_CODES)[number];

/** The outcome of a SIUSS function that can refuse its request (Italian `message`). */
export type SiussResult<T> = Result<T, SiussErrorCode>;
