/**
 * @module client/strings/statistiche
 * Statistics on the device and the SIUSS flow.
 */
export const statistiche = {
  titolo: 'Statistiche',
  intro: 'Calcolate su questo dispositivo, sulle cartelle che può leggere. Solo numeri aggregati: i conteggi piccoli sono nascosti perché non permettano di riconoscere qualcuno.',
  dal: 'Dal',
  al: 'Al',
  soglia: 'Nascondi i conteggi sotto',
  sogliaAiuto: 'Da 0 a 20. Per i dati che escono dall’ufficio si consiglia almeno 5.',
  aggiorna: 'Calcola',
  calcolate: (cartelle: number, giorno: string): string => `${cartelle} cartelle, situazione al ${giorno}.`,
  periodo: (dal: string, al: string): string => `Periodo dei flussi: dal ${dal} al ${al}.`,
  csv: 'Scarica CSV',
  riservato: 'riservato',
  grafico: 'Prese in carico e chiusure per mese',
  legendaPrese: 'Prese in carico',
  legendaChiusure: 'Chiusure',
  caricamento: (fatte: number, totale: number): string => `Lettura delle cartelle: ${fatte} di ${totale}…`,
  siuss: 'Flusso SIUSS (INPS)',
  siussLink: 'Prepara il flusso SIUSS delle prestazioni',
} as const;

export const siuss = {
  titolo: 'Flusso SIUSS delle prestazioni sociali',
  ente: 'Ente che invia il flusso',
  codiceEnte: 'Codice dell’ente',
  denominazione: 'Denominazione',
  codiceCatastale: 'Codice catastale del comune',
  cfOperatore: 'Codice fiscale dell’operatore che invia',
  periodo: 'Periodo',
  dal: 'Dal',
  al: 'Al',
  prepara: 'Prepara il flusso',
  esito: (esportate: number, beneficiari: number): string =>
    `${esportate === 1 ? '1 prestazione' : `${esportate} prestazioni`} di ${beneficiari === 1 ? '1 beneficiario' : `${beneficiari} beneficiari`} nel flusso.`,
  nessuna: 'Nessuna prestazione del periodo può essere inviata.',
  escluse: (n: number): string => (n === 1 ? '1 prestazione esclusa' : `${n} prestazioni escluse`),
  scarica: 'Scarica il file XML',
  apri: 'Apri la cartella',
} as const;
