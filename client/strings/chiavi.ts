/**
 * @module client/strings/chiavi
 * The keys screens: this device's code, the keyring backup, the passphrase, the ente's
 * recovery key, and importing a backup on a new computer.
 */
export const chiavi = {
  mioCodice: {
    titolo: 'Il mio codice',
    aiuto: 'Un collega che vuole affidarti una cartella ti chiede questo codice: con esso cifra le chiavi solo per questo dispositivo. Non è segreto.',
    copia: 'Copia il codice',
    copiato: 'Codice copiato.',
  },
  backup: {
    titolo: 'Copia di sicurezza delle chiavi',
    aiuto: 'Un file cifrato con tutte le chiavi di questo dispositivo, per passare a un nuovo computer. Chi ha il file e la sua passphrase può leggere tutte le tue cartelle: conservalo con cura.',
    avviso: 'Dopo averla importata su un nuovo computer, usa solo quello: lo stesso profilo su due computer insieme crea conflitti.',
    passphrase: 'Passphrase del file',
    passphraseAiuto: 'Almeno 10 caratteri, meglio alcune parole. Sarà chiesta per importare il file.',
    conferma: 'Ripeti la passphrase',
    scarica: 'Scarica la copia di sicurezza',
    inCorso: 'Cifratura in corso…',
    fatta: (file: string): string => `Copia di sicurezza salvata come «${file}».`,
    errori: {
      diverse: 'Le due passphrase non coincidono.',
      salvataggio: 'La copia di sicurezza non è stata creata. Riprova.',
    },
  },
  passphrase: {
    titolo: 'Passphrase di questo dispositivo',
    aiuto: 'Sblocca Cartella su questo computer. Se la dimentichi non si può recuperare: servono una copia di sicurezza o la chiave di recupero dell’ente.',
    attuale: 'Passphrase attuale',
    nuova: 'Nuova passphrase',
    conferma: 'Ripeti la nuova passphrase',
    cambia: 'Cambia la passphrase',
    inCorso: 'Cambio in corso…',
    fatto: 'Passphrase cambiata: dal prossimo sblocco vale quella nuova.',
    errori: {
      attualeVuota: 'Scrivi la passphrase attuale.',
      sbagliata: 'La passphrase attuale non è corretta.',
      diverse: 'Le due passphrase non coincidono.',
      uguale: 'La nuova passphrase è uguale a quella attuale.',
      salvataggio: 'La passphrase non è stata cambiata. Riprova.',
    },
  },
  recupero: {
    titolo: 'Chiave di recupero dell’ente',
    aiuto: 'Con la chiave di recupero il responsabile dell’ente può riaprire le cartelle se un computer si rompe, se una passphrase si perde o se un collega lascia il servizio.',
    configurata: 'Configurata:',
    nonConfigurata: 'Non configurata: se questo computer si rompe, le cartelle che esistono solo qui andrebbero perse.',
    pubblica: 'Chiave pubblica di recupero',
    pubblicaAiuto: 'La fornisce il responsabile dell’ente; inizia con «RECUPERO-PUBBLICA».',
    salva: 'Imposta la chiave di recupero',
    salvata: 'Chiave di recupero impostata.',
    rimuovi: 'Rimuovi',
    genera: {
      titolo: 'Generare la chiave di recupero (responsabile)',
      aiuto: 'Si genera una sola volta per tutto l’ente. La parte privata va stampata e custodita fuori da ogni computer, ad esempio in cassaforte; la parte pubblica va impostata su ogni dispositivo.',
      pulsante: 'Genera una nuova chiave di recupero',
      privata: 'Chiave privata di recupero — da stampare e custodire',
      privataAvviso: 'Chi possiede questa chiave può leggere tutte le cartelle dell’ente. Non salvarla su questo computer, non inviarla per posta elettronica.',
      stampa: 'Stampa la chiave privata',
      conservata: 'Ho stampato la chiave privata e la custodisco in un luogo sicuro',
      usa: 'Usa questa chiave per l’ente',
      pubblicaDaDare: 'Chiave pubblica da impostare sugli altri dispositivi',
    },
  },
  importa: {
    apri: 'Ho una copia di sicurezza delle chiavi',
    titolo: 'Importa una copia di sicurezza',
    intro: 'Scegli il file della copia di sicurezza e scrivi la sua passphrase: diventerà anche la passphrase di questo computer (puoi cambiarla poi nelle Impostazioni).',
    file: 'File della copia di sicurezza',
    passphrase: 'Passphrase della copia',
    importa: 'Importa e apri Cartella',
    inCorso: 'Importazione in corso…',
    indietro: 'Torna alla creazione del profilo',
    errori: {
      fileMancante: 'Scegli il file della copia di sicurezza.',
      passphraseVuota: 'Scrivi la passphrase della copia.',
      passphraseErrata: 'Passphrase della copia errata, oppure il file è stato alterato.',
      lettura: 'Il file non si può leggere.',
      salvataggio: 'Non è stato possibile salvare le chiavi su questo computer. Riprova.',
    },
  },
} as const;
