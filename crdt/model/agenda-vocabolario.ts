/**
 * @module agenda-vocabolario
 * The closed vocabularies of the agenda (DOMAIN.md, "Organisation": colloqui su
 * appuntamento, visite domiciliari, équipe, back-office time) with their Italian labels,
 * and how a kind of appointment becomes a kind of diary entry once it took place.
 */
import type { Brand } from './ids';
import type { TipoVoce } from './vocabolario';

/** The id of an appointment (a register key of the admin map `agenda`). */
export type AppuntamentoId = Brand<string, 'AppuntamentoId'>;

/** Kinds of appointment. */
export const TIPI_APPUNTAMENTO = ['colloquio', 'visita_domiciliare', 'equipe', 'back_office'] as const;
export type TipoAppuntamento = (typeof TIPI_APPUNTAMENTO)[number];

/** States of an appointment: booked, then exactly one outcome. */
export const STATI_APPUNTAMENTO = ['programmato', 'svolto', 'annullato', 'non_presentato'] as const;
export type StatoAppuntamento = (typeof STATI_APPUNTAMENTO)[number];

/**
 * Kinds of place. Only the kind is ever exported to an external calendar; the optional
 * detail (which office, which address) stays in the cartella.
 */
export const LUOGHI_APPUNTAMENTO = ['sede', 'domicilio', 'altro_servizio', 'a_distanza'] as const;
export type LuogoAppuntamento = (typeof LUOGHI_APPUNTAMENTO)[number];

/** Who cancelled an appointment (the person, or the service). */
export const ANNULLATO_DA = ['persona', 'servizio'] as const;
export type AnnullatoDa = (typeof ANNULLATO_DA)[number];

/** Kinds of appointment the person attends: only these can end as "non presentato". */
export const TIPI_CON_PERSONA: readonly TipoAppuntamento[] = ['colloquio', 'visita_domiciliare'];

/**
 * The diary entry an appointment becomes once done. Back-office time on a case has no
 * diary kind of its own: it is recorded as `altro`.
 */
export const VOCE_DA_APPUNTAMENTO: Readonly<Record<TipoAppuntamento, TipoVoce>> = {
  colloquio: 'colloquio',
  visita_domiciliare: 'visita_domiciliare',
  equipe: 'equipe',
  back_office: 'altro',
};

/** Labels of the appointment kinds (also the default title of an exported event). */
export const ETICHETTE_TIPO_APPUNTAMENTO: Readonly<Record<TipoAppuntamento, string>> = {
  colloquio: 'Colloquio',
  visita_domiciliare: 'Visita domiciliare',
  equipe: 'Équipe',
  back_office: 'Back-office',
};

/** Labels of the appointment states. */
export const ETICHETTE_STATO_APPUNTAMENTO: Readonly<Record<StatoAppuntamento, string>> = {
  programmato: 'Programmato',
  svolto: 'Svolto',
  annullato: 'Annullato',
  non_presentato: 'Non presentato',
};

/** Labels of the kinds of place (also the location of an exported event). */
export const ETICHETTE_LUOGO: Readonly<Record<LuogoAppuntamento, string>> = {
  sede: 'Sede del servizio',
  domicilio: 'Domicilio',
  altro_servizio: 'Presso altro servizio',
  a_distanza: 'A distanza',
};
