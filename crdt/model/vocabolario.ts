/**
 * @module vocabolario
 * The closed vocabularies of the domain (DOMAIN.md, the deck, DESIGN.md and the SIUSS
 * schemas). Values are stable snake_case identifiers stored in the documents; the Italian
 * labels shown to people are in etichette.ts.
 */

/** ISTAT user areas (DOMAIN.md). */
export const AREE = [
  'famiglia_minori', 'disabili', 'dipendenze', 'anziani', 'immigrati_nomadi',
  'poverta_disagio_adulti', 'multiutenza',
] as const;
export type AreaUtenza = (typeof AREE)[number];

/**
 * ISTAT area → SIUSS AreaUtenza (1 famiglia e minori, 2 disabilità e non autosufficienza,
 * 3 povertà ed esclusione sociale). Our mapping; multiutenza has no SIUSS area (the
 * attribute is optional in PS_PSA_SINA201812.xsd).
 */
export const AREA_SIUSS: Readonly<Record<AreaUtenza, '1' | '2' | '3' | undefined>> = {
  famiglia_minori: '1', disabili: '2', anziani: '2', dipendenze: '3',
  immigrati_nomadi: '3', poverta_disagio_adulti: '3', multiutenza: undefined,
};

/** How the procedure starts (deck: "Iniziativa (tre possibilità)"). */
export const INIZIATIVE = ['ufficio', 'istanza', 'richiesta'] as const;
export type Iniziativa = (typeof INIZIATIVE)[number];

/** Help-process phases, in order (deck's table). */
export const FASI = ['accesso', 'apertura', 'valutazione', 'progetto', 'erogazione', 'conclusione'] as const;
export type Fase = (typeof FASI)[number];

/** Exactly the deck's four closure reasons. */
export const MOTIVI_CHIUSURA = ['conclusione', 'inattivita', 'trasferimento', 'decesso'] as const;
export type MotivoChiusura = (typeof MOTIVI_CHIUSURA)[number];

/** Kinds of diary entry. */
export const TIPI_VOCE = [
  'colloquio', 'visita_domiciliare', 'telefonata', 'equipe', 'contatto_servizi', 'altro',
] as const;
export type TipoVoce = (typeof TIPI_VOCE)[number];

/** Roles on a cartella's roster. Administrative staff hold only the admin key. */
export const RUOLI = ['assistente_sociale', 'responsabile', 'educatore', 'psicologo', 'amministrativo'] as const;
export type Ruolo = (typeof RUOLI)[number];

/** Roles that may take professional decisions (open, change phase, close, reopen). */
export const RUOLI_DECISIONALI: readonly Ruolo[] = ['assistente_sociale', 'responsabile'];
/** Roles of the équipe, who write the professional part. */
export const RUOLI_EQUIPE: readonly Ruolo[] = ['assistente_sociale', 'responsabile', 'educatore', 'psicologo'];

/** Channels of an access to the segretariato sociale. */
export const CANALI = ['sportello', 'telefono', 'email', 'domicilio', 'invio_altro_servizio'] as const;
export type Canale = (typeof CANALI)[number];

/** The three outcomes of a segretariato sociale (deck, third phase). */
export const ESITI_SEGRETARIATO = ['presa_in_carico', 'segnalazione', 'chiusura'] as const;
export type EsitoSegretariato = (typeof ESITI_SEGRETARIATO)[number];

/** Kinds of document on the checklist (deck's table, both columns). */
export const TIPI_DOCUMENTO = [
  'informativa_privacy', 'consenso_rete', 'stato_famiglia', 'istanza', 'richiesta_ente',
  'attestazione_isee', 'comunicazione_avvio', 'determinazione', 'comunicazione_esito',
  'relazione_sociale', 'progetto_firmato', 'verbale_equipe', 'altro',
] as const;
export type TipoDocumento = (typeof TIPI_DOCUMENTO)[number];

/** State of a checklist document. */
export const STATI_DOCUMENTO = ['mancante', 'acquisito', 'firmato'] as const;
export type StatoDocumento = (typeof STATI_DOCUMENTO)[number];

/** Outcome of a determinazione. */
export const ESITI_DETERMINAZIONE = ['accolto', 'parziale', 'respinto'] as const;
export type EsitoDeterminazione = (typeof ESITI_DETERMINAZIONE)[number];

/** Outcome of an objective of the progetto. */
export const ESITI_OBIETTIVO = ['si', 'in_parte', 'no'] as const;
export type EsitoObiettivo = (typeof ESITI_OBIETTIVO)[number];

/** Household relations (stato di famiglia). */
export const RELAZIONI_NUCLEO = [
  'intestatario', 'coniuge', 'convivente', 'figlio', 'genitore', 'fratello_sorella', 'nonno', 'altro',
] as const;
export type RelazioneNucleo = (typeof RELAZIONI_NUCLEO)[number];

/** Severity of an avviso. */
export const GRAVITA = ['info', 'attenzione', 'critico'] as const;
export type Gravita = (typeof GRAVITA)[number];
