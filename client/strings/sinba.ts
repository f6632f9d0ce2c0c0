/**
 * @module client/strings/sinba
 * The scheda SINBA in the cartella (`t.sinba.scheda`) and the flow choice and SINBA export on the
 * SIUSS screen (`t.sinba.flusso`).
 */
const flusso = {
  intro: 'Le prestazioni erogate nel periodo diventano il file XML da inviare a INPS. Una prestazione a cui manca un dato obbligatorio non viene inviata: qui sotto trovi, cartella per cartella, cosa manca e dove completarlo.',
  flusso: 'Flusso da preparare',
  ps: 'PS/PSA — prestazioni sociali',
  psAiuto: 'Tutte le prestazioni del periodo, con i dati anagrafici di chi le riceve.',
  sinba: 'SINBA — minori e famiglie',
  sinbaAiuto: 'Le prestazioni ai minori, con la scheda SINBA di ciascuno; il minore è indicato solo con uno pseudonimo.',
  chiaveTitolo: 'Chiave per gli pseudonimi',
  chiave: 'Chiave dell’ente (64 cifre esadecimali)',
  chiaveAiuto: 'Lo pseudonimo di ogni minore si calcola dal codice fiscale con questa chiave segreta dell’ente: la custodisce il responsabile e resta sempre la stessa, perché lo stesso minore abbia lo stesso pseudonimo in ogni invio. Qui non viene salvata.',
  genera: 'Genera una nuova chiave (solo la prima volta)',
  chiaveNuova: 'Nuova chiave generata: copiala e conservala al sicuro ora. Con un’altra chiave ogni minore sembrerebbe un minore nuovo.',
  esito: (esportate: number, minori: number): string =>
    `${esportate === 1 ? '1 prestazione' : `${esportate} prestazioni`} di ${minori === 1 ? '1 minore' : `${minori} minori`} nel flusso.`,
  escluse: (n: number): string => (n === 1 ? '1 cartella con dati da completare' : `${n} cartelle con dati da completare`),
  esclusAiuto: 'Le loro prestazioni non sono nel file. Completa i dati nella cartella e prepara di nuovo il flusso.',
  pseudonimo: 'Nel file SINBA non compaiono nomi né codici fiscali: solo lo pseudonimo calcolato con la chiave dell’ente.',
} as const;

const scheda = {
  titolo: 'Scheda SINBA (minori)',
  aiuto: 'I dati che il flusso SINBA di INPS chiede per i minori seguiti dal servizio. Nel file il minore è indicato solo con uno pseudonimo, mai con nome o codice fiscale.',
  soloEquipe: 'La scheda la compila l’équipe: valutazioni e provvedimenti sono giudizi professionali.',
  salva: 'Salva la scheda SINBA',
  salvata: 'Scheda SINBA salvata.',
  nessunaModifica: 'Nessuna modifica da salvare.',
  mancano: 'Per il flusso SINBA mancano:',
  completa: 'La scheda SINBA è completa per il flusso.',
  conflitto: 'Modifiche in conflitto: scegli il valore da tenere.',
  tieni: 'Tieni questo',
  vuota: '— non indicato —',
  mese: 'MM/AAAA',
  motivi: { missing: 'da compilare', invalid: 'da correggere', conflict: 'in conflitto' } as const,
} as const;

export const sinba = { flusso, scheda } as const;
