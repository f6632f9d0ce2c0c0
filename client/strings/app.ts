/**
 * @module client/strings/app
 * Strings of the app shell: first run, unlock, the one-tab rule, navigation, sync status,
 * settings, shortcuts. Every Italian string of the shell lives here; codes from crypto/ and
 * crdt/ are worded here too (an unknown code still gets a readable sentence).
 */

const plurale = (n: number, uno: string, molti: string): string => (n === 1 ? uno : `${n} ${molti}`);

export const app = {
  appName: 'Cartella',
  tagline: 'La cartella sociale elettronica, cifrata e utilizzabile anche senza rete.',
  caricamento: 'Caricamento…',

  avvio: {
    inCorso: 'Avvio in corso…',
    erroreTitolo: 'Cartella non è riuscita ad avviarsi',
    erroreArchivio:
      'Il browser non permette di salvare dati su questo dispositivo (archivio IndexedDB non disponibile). ' +
      'Controlla di non essere in una finestra di navigazione privata.',
    erroreGenerico: 'Si è verificato un errore imprevisto.',
    dettaglio: 'Dettaglio tecnico',
    riprova: 'Riprova',
  },

  ruoli: {
    assistente_sociale: 'Assistente sociale',
    amministrativo: 'Personale amministrativo',
    responsabile: 'Responsabile del servizio',
  },

  primoAvvio: {
    titolo: 'Configura Cartella su questo dispositivo',
    intro:
      'Le cartelle sociali restano su questo dispositivo, cifrate, e si sincronizzano con i colleghi quando c’è rete. ' +
      'Crea il tuo profilo e scegli la passphrase che protegge i dati.',
    profilo: 'Il tuo profilo',
    nome: 'Nome e cognome',
    nomeAiuto: 'Così ti vedranno i colleghi nelle cartelle condivise.',
    ruolo: 'Ruolo',
    passphraseTitolo: 'La passphrase',
    passphrase: 'Passphrase',
    passphraseAiuto:
      'Almeno 10 caratteri. Una frase di più parole è facile da ricordare e difficile da indovinare, ' +
      'ad esempio «cavallo batteria graffetta».',
    conferma: 'Ripeti la passphrase',
    mostra: 'Mostra le passphrase',
    avvisoTitolo: 'Attenzione: la passphrase non si può recuperare',
    avvisoTesto:
      'Nessuno — nemmeno l’assistenza tecnica o il responsabile del servizio — può aprire i dati di questo dispositivo ' +
      'senza la tua passphrase. Se la dimentichi, le cartelle salvate qui non potranno essere riaperte ' +
      '(il recupero tramite la chiave dell’ente arriverà con un prossimo aggiornamento). ' +
      'Scrivila e conservala in un luogo sicuro, lontano dal computer.',
    avvisoConferma: 'Ho capito: se dimentico la passphrase, i dati di questo dispositivo non si possono recuperare.',
    crea: 'Crea il profilo',
    creazione: 'Creazione del profilo in corso…',
    errori: {
      nomeVuoto: 'Scrivi il tuo nome e cognome.',
      nomeLungo: 'Il nome può avere al massimo 100 caratteri.',
      nomeCaratteri: 'Il nome contiene caratteri non ammessi.',
      ruoloMancante: 'Scegli il tuo ruolo.',
      passphraseVuota: 'Scegli una passphrase.',
      troppo_corta: 'La passphrase deve avere almeno 10 caratteri.',
      troppo_semplice:
        'La passphrase è troppo facile da indovinare: evita parole comuni (password, ciao, juventus…), ' +
        'sequenze (abcd, 1234, qwerty) e ripetizioni.',
      confermaVuota: 'Ripeti la passphrase.',
      diverse: 'Le due passphrase non coincidono.',
      avvisoNonConfermato: 'Conferma di aver letto l’avviso sulla passphrase.',
      salvataggio: 'Il profilo non è stato salvato su questo dispositivo. Riprova.',
      riepilogo: 'Controlla i campi segnalati.',
    },
  },

  sblocco: {
    titolo: 'Cartella è bloccata',
    intro: 'Inserisci la tua passphrase per aprire le cartelle di questo dispositivo.',
    passphrase: 'Passphrase',
    sblocca: 'Sblocca',
    inCorso: 'Sblocco in corso…',
    apertura: 'Apertura delle cartelle…',
    vuota: 'Inserisci la passphrase.',
    dimenticata:
      'Hai dimenticato la passphrase? Non si può recuperare: su questo browser crea un nuovo profilo importando ' +
      'la copia di sicurezza delle chiavi, oppure chiedi al responsabile del servizio o a un collega dell’équipe di riaffidarti le cartelle.',
    errori: {
      keyring_passphrase: 'Passphrase errata.',
      keyring_malformed: 'Il file delle chiavi di questo dispositivo è danneggiato e non si può aprire.',
      keyring_version: 'Le chiavi sono state salvate da una versione più recente di Cartella: aggiorna l’applicazione.',
      keyring_params: 'Il file delle chiavi non è utilizzabile su questo dispositivo (memoria insufficiente o parametri non ammessi).',
      apertura: 'La passphrase è corretta, ma le cartelle non si sono aperte. Riprova; se il problema resta, avvisa l’assistenza.',
    } as Record<string, string>,
    erroreSconosciuto: (code: string): string => `Sblocco non riuscito (codice ${code}).`,
  },

  altraScheda: {
    titolo: 'Cartella è già aperta in un’altra scheda',
    testo:
      'Per proteggere i dati, Cartella si usa in una sola scheda o finestra alla volta di questo browser. ' +
      'Puoi tornare all’altra scheda, oppure continuare qui: l’altra scheda salverà il lavoro e si bloccherà. ' +
      'Se chiudi l’altra scheda, questa si apre da sola.',
    usaQui: 'Usa Cartella in questa scheda',
    inCorso: 'Passaggio a questa scheda…',
  },

  blocco: {
    inCorso: 'Blocco in corso: salvataggio del lavoro…',
    spostata: 'Cartella è stata aperta in un’altra scheda: questa si blocca.',
  },

  shell: {
    saltaAlContenuto: 'Vai al contenuto',
    navigazione: 'Navigazione principale',
    cartelle: 'Cartelle',
    nuovoAccesso: 'Nuovo accesso',
    impostazioni: 'Impostazioni',
    agenda: 'Agenda',
    statistiche: 'Statistiche',
    blocca: 'Blocca',
    bloccaTitolo: 'Blocca Cartella (Alt+B)',
    scorciatoie: 'Scorciatoie',
    scorciatoieTitolo: 'Scorciatoie da tastiera (?)',
    operatore: 'Operatore collegato',
  },

  titoli: {
    elenco: 'Cartelle',
    nuovo: 'Nuovo accesso',
    cartella: 'Cartella sociale',
    impostazioni: 'Impostazioni',
    agenda: 'Agenda',
    statistiche: 'Statistiche',
    siuss: 'Flusso SIUSS',
    ricevi: 'Ricevi una cartella',
    recupero: 'Recupero delle cartelle',
  },

  sync: {
    regione: 'Stato della sincronizzazione',
    inLinea: 'In linea',
    nonInLinea: 'Non in linea',
    connessione: 'Connessione in corso…',
    nonInLineaAiuto: 'Il lavoro resta cifrato su questo dispositivo e partirà appena la rete torna.',
    nessunaInAttesa: 'Nessuna modifica in attesa di invio',
    inAttesa: (n: number): string => plurale(n, '1 modifica in attesa di invio', 'modifiche in attesa di invio'),
    ultima: (quando: string): string => `Ultima sincronizzazione: ${quando}`,
    mai: 'Non ancora sincronizzato in questa sessione',
    segnalazioni: (n: number): string => plurale(n, '1 segnalazione', 'segnalazioni'),
    titoloSegnalazioni: 'Segnalazioni della sincronizzazione',
    introSegnalazioni:
      'Cartella ha gestito da sola le segnalazioni ordinarie; quelle evidenziate meritano attenzione. ' +
      'Nessuna modifica ricevuta con problemi è stata applicata alle cartelle.',
    rifiutate: (n: number): string => plurale(n, '1 cartella non è accettata dal relay', 'cartelle non sono accettate dal relay'),
    nessunaSegnalazione: 'Nessuna segnalazione.',
    ordinaria: 'ordinaria',
    daVerificare: 'da verificare',
    chiudi: 'Chiudi',
    codice: 'codice',
    problemi: {
      resync: 'La sincronizzazione di una cartella è ripartita dopo un’interruzione.',
      envelope_malformed: 'È arrivata una modifica illeggibile: è stata scartata.',
      envelope_version: 'Una modifica è stata scritta da una versione più recente di Cartella: aggiorna l’applicazione.',
      envelope_signature: 'Una modifica ricevuta non ha una firma valida: è stata scartata.',
      envelope_room: 'Una modifica ricevuta appartiene a un’altra cartella: è stata scartata.',
      envelope_epoch: 'Una modifica è cifrata con una chiave che questo dispositivo non possiede: l’accesso alla cartella potrebbe essere cambiato.',
      envelope_clock_gap: 'Mancano alcune modifiche di un collega: verranno richieste di nuovo.',
      envelope_clock_replay: 'Due modifiche avevano lo stesso numero d’ordine: quelle di questo dispositivo sono state firmate di nuovo.',
      envelope_kind: 'È arrivata una modifica di tipo inatteso: è stata scartata.',
      envelope_commitment: 'Una modifica ricevuta non corrisponde alla chiave della cartella: è stata scartata.',
      envelope_decrypt: 'Una modifica ricevuta non si apre con la chiave della cartella: è stata scartata.',
      envelope_too_large: 'Una modifica è troppo grande per il relay: resta su questo dispositivo.',
      snapshot_conflict: 'Un altro dispositivo ha compattato la cartella per primo: nessuna azione necessaria.',
      snapshot_invalid: 'Il riepilogo compatto di una cartella non è stato accettato; la sincronizzazione continua.',
      snapshot_too_large: 'Il riepilogo compatto di una cartella è troppo grande per il relay; la sincronizzazione continua.',
      store_failed: 'Non è stato possibile scrivere sul disco di questo dispositivo: verifica lo spazio disponibile.',
      frame_malformed: 'Il relay ha inviato un messaggio non valido.',
      frame_unknown_type: 'Il relay ha inviato un messaggio sconosciuto: forse è più recente di questa applicazione.',
      frame_too_large: 'Un messaggio era troppo grande ed è stato rifiutato.',
      protocol_version: 'Il relay usa un’altra versione del protocollo: aggiorna l’applicazione.',
      rate_limited: 'Il relay ha chiesto di rallentare: nuovo tentativo automatico.',
      backpressure: 'La connessione era sovraccarica ed è stata riaperta.',
      too_many_rooms: 'Troppe cartelle aperte sulla stessa connessione.',
      room_not_found: 'Il relay non conosce una delle cartelle di questo dispositivo.',
      room_exists: 'Un altro dispositivo ha creato la stessa cartella nello stesso momento: collegamento automatico.',
      auth_failed: 'Il relay non riconosce la chiave di una cartella: l’accesso potrebbe essere stato revocato.',
      key_rotated: 'Le chiavi di una cartella sono state cambiate: se l’accesso è ancora consentito, questo dispositivo riceverà la nuova chiave.',
      rotate_conflict: 'Un altro dispositivo ha cambiato le chiavi della cartella nello stesso momento: verifica chi ha ancora accesso.',
      rotate_invalid: 'Il relay ha rifiutato il cambio delle chiavi di una cartella.',
      escrow_full: 'Il relay non può conservare altre copie di recupero delle chiavi per questo ente: avvisa il responsabile del servizio.',
      escrow_auth_failed: 'Il relay non ha accettato la prova della chiave di recupero: controlla di aver scritto la chiave privata per intero.',
      not_authenticated: 'Una cartella ha dovuto ricollegarsi al relay.',
      no_challenge: 'Una cartella ha dovuto ricollegarsi al relay.',
      internal: 'Il relay ha un problema interno: nuovo tentativo automatico.',
      shutting_down: 'Il relay si sta riavviando: riconnessione automatica.',
    } as Record<string, string>,
    problemaSconosciuto: (code: string): string => `Segnalazione tecnica della sincronizzazione (codice «${code}»).`,
  },

  impostazioni: {
    titolo: 'Impostazioni',
    profilo: 'Profilo',
    nome: 'Nome',
    ruolo: 'Ruolo',
    creato: 'Profilo creato il',
    bloccoTitolo: 'Blocco automatico',
    bloccoMinuti: 'Blocca dopo quanti minuti di inattività',
    bloccoAiuto: 'Da 1 a 240 minuti. Puoi bloccare Cartella in ogni momento con «Blocca» o Alt+B.',
    enteTitolo: 'Intestazione delle stampe',
    enteAiuto: 'Compare in cima alle relazioni, ai progetti e alle comunicazioni stampate.',
    enteNome: 'Nome dell’ente',
    enteNomeAiuto: 'Ad esempio «Comune di Valdimonte — Servizi sociali».',
    enteIndirizzo: 'Indirizzo e recapiti',
    enteIndirizzoAiuto: 'Su più righe: indirizzo, telefono, PEC.',
    salva: 'Salva le impostazioni',
    salvataggio: 'Salvataggio…',
    salvate: 'Impostazioni salvate.',
    errori: {
      minuti: 'Indica un numero intero di minuti tra 1 e 240.',
      enteNomeLungo: 'Il nome dell’ente può avere al massimo 200 caratteri.',
      enteIndirizzoLungo: 'L’indirizzo può avere al massimo 500 caratteri.',
      caratteri: 'Contiene caratteri non ammessi.',
      salvataggio: 'Le impostazioni non sono state salvate. Riprova.',
      riepilogo: 'Controlla i campi segnalati.',
    },
  },

  scorciatoie: {
    titolo: 'Scorciatoie da tastiera',
    intro: 'Valgono ovunque in Cartella; «/» e «?» non agiscono mentre scrivi in un campo.',
    tasto: 'Tasti',
    azione: 'Azione',
    elenco: [
      ['Alt + L', 'Elenco delle cartelle'],
      ['Alt + N', 'Nuovo accesso (segretariato sociale)'],
      ['/', 'Cerca nell’elenco delle cartelle'],
      ['Alt + A', 'Agenda'],
      ['Alt + S', 'Statistiche'],
      ['Alt + I', 'Impostazioni'],
      ['Alt + B', 'Blocca Cartella'],
      ['?', 'Mostra queste scorciatoie'],
      ['Esc', 'Chiude questa finestra'],
    ] as ReadonlyArray<readonly [string, string]>,
    chiudi: 'Chiudi',
  },

  aggiornamento: {
    disponibile: 'È disponibile una nuova versione di Cartella.',
    nota: 'Il lavoro viene salvato; poi servirà di nuovo la passphrase.',
    aggiorna: 'Aggiorna ora',
    dopo: 'Più tardi',
  },
} as const;
