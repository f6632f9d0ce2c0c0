/**
 * @module errori
 * The catalogue of error codes the model returns. Codes are stable (the UI and the tests
 * match on them); every code is listed with its meaning in docs/MODEL.md.
 */

/** Every error code an operation of the model can return. */
export const CODICI_ERRORE = [
  // context, identity, permissions
  'contesto_non_valido', 'input_non_valido', 'id_non_valido', 'cartella_gia_esistente',
  'cartella_non_inizializzata', 'autore_non_membro', 'ruolo_non_autorizzato',
  'parte_professionale_assente', 'membro_gia_presente', 'membro_inesistente',
  // generic field validation
  'campo_obbligatorio', 'valore_non_valido', 'data_non_valida', 'data_futura', 'date_incoerenti',
  'codice_fiscale_non_valido', 'campo_in_conflitto',
  // lifecycle
  'cartella_chiusa', 'cartella_non_aperta', 'cartella_gia_aperta', 'segretariato_gia_registrato',
  'segretariato_assente', 'segretariato_concluso', 'iniziativa_mancante', 'protocollo_mancante',
  'ente_richiedente_mancante', 'area_mancante', 'responsabile_non_valido', 'termine_non_valido',
  'checklist_incompleta', 'transizione_fase_non_valida',
  // procedimento amministrativo (L. 241/1990)
  'sospensione_gia_usata', 'sospensione_troppo_lunga', 'comunicazione_avvio_incompleta',
  'comunicazione_avvio_gia_inviata', 'preavviso_rigetto_mancante', 'preavviso_rigetto_in_corso',
  'preavviso_gia_inviato', 'determinazione_gia_presente', 'determinazione_mancante',
  'procedimento_concluso', 'esito_gia_comunicato', 'isee_mancante',
  // items
  'voce_inesistente', 'relazione_inesistente', 'relazione_incompleta', 'relazione_definitiva',
  'progetto_gia_presente', 'progetto_assente', 'progetto_gia_firmato', 'progetto_incompleto',
  'obiettivo_inesistente', 'documento_inesistente', 'prestazione_inesistente',
  'membro_nucleo_inesistente',
  // chiusura
  'motivo_chiusura_non_valido', 'chiusura_gia_proposta', 'nessuna_proposta_chiusura', 'inattivita_non_maturata',
  'cartella_non_chiusa',
  // conflitti
  'conflitto_assente', 'scelta_non_valida',
  // consegne (hand-over of keys, members-consegna.ts)
  'motivo_consegna_mancante', 'consegna_inesistente', 'consegna_gia_accettata', 'non_destinatario',
  // agenda (agenda.ts, agenda-diario.ts)
  'appuntamento_inesistente', 'appuntamento_non_modificabile', 'appuntamento_futuro', 'operatore_non_valido',
  'ora_non_valida',
  // allegati (allegati.ts)
  'allegato_inesistente', 'allegato_rimosso',
  // scheda SINBA (sinba.ts)
  'non_minorenne',
] as const;

/** A stable, snake_case error code. */
export type CodiceErrore = (typeof CODICI_ERRORE)[number];
