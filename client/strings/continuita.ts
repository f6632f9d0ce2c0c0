/**
 * @module client/strings/continuita
 * Continuity: the recovery copies on the server and the responsabile's recovery procedure
 * (docs/RECOVERY.md, Parte 1 uses the same words).
 */
export const continuita = {
  stato: {
    titolo: 'Continuità delle cartelle',
    aiuto: 'Ogni cartella ha una copia delle sue chiavi sul server dell’ente, chiusa con la chiave di recupero: se questo computer si rompe o la passphrase si perde, la persona responsabile può riaprirla. Il server non può aprire le copie.',
    nonConfigurata: 'La continuità non è attiva: su questo computer manca la chiave di recupero pubblica dell’ente. Chiedila alla persona responsabile e inseriscila qui sopra.',
    depositate: (n: number, tot: number): string =>
      tot === 0 ? 'Nessuna cartella su questo computer.'
        : n === tot ? (tot === 1 ? 'La cartella ha la sua copia di recupero sul server.' : `Tutte le ${tot} cartelle hanno la loro copia di recupero sul server.`)
          : `${n} cartelle su ${tot} hanno la copia di recupero sul server; le altre la ricevono appena sono collegate.`,
    menoRecente: (data: string): string => `Copia meno recente: ${data}.`,
    pieno: 'Il server non accetta altre copie di recupero per questo ente: avvisa il referente informatico.',
    recupera: 'Recupera cartelle con la chiave dell’ente',
  },
  recupera: {
    titolo: 'Recupera cartelle con la chiave dell’ente',
    intro: 'Questa procedura è per la persona responsabile del servizio: con il foglio della chiave di recupero privata riapre su questo computer le cartelle di un portatile rotto o perso, o di chi ha lasciato il servizio. La guida passo per passo è nel manuale (Recupero delle cartelle).',
    avvertenze: [
      'Lavorate da sole o da soli: chi vede il foglio può aprire tutte le cartelle dell’ente.',
      'Non fotografate il foglio, non mandatelo per e-mail o in chat.',
      'La chiave privata resta solo in memoria per questa procedura: non viene salvata né inviata al server.',
    ],
    chiave: 'Chiave di recupero privata',
    chiaveAiuto: 'Comincia con RECUPERO-PRIVATA: seguita da gruppi di lettere e cifre. Maiuscole, spazi e trattini non contano.',
    qr: 'Oppure leggete il codice QR del foglio',
    avvia: 'Recupera le cartelle',
    inCorso: 'Recupero in corso: collegamento al server, apertura delle copie e sincronizzazione delle cartelle…',
    errori: {
      vuota: 'Scrivete la chiave privata come è stampata sul foglio, oppure leggete il codice QR.',
      inCorso: 'Un recupero è già in corso.',
      qrNonValido: 'Questo codice QR non è una chiave di recupero privata di Cartella.',
    },
    esito: {
      titolo: 'Esito del recupero',
      nessuna: 'Il server non ha copie di recupero per questa chiave. Controllate di usare il foglio dell’ente configurato sui computer delle operatrici.',
      riassunto: (ok: number, tot: number): string => `${ok} ${ok === 1 ? 'cartella recuperata' : 'cartelle recuperate'} su ${tot}.`,
      nonApribili: (n: number): string => `${n} ${n === 1 ? 'copia non si apre' : 'copie non si aprono'} (danneggiate o non di questo ente): le altre cartelle sono recuperate comunque. Segnalatelo al referente informatico.`,
      ignorate: (n: number): string => `${n} ${n === 1 ? 'copia è stata ignorata' : 'copie sono state ignorate'}: indicavano una cartella diversa da quella sotto cui erano conservate.`,
      cartella: 'Cartella',
      stato: 'Esito',
      copie: 'Copie (chiusa il — da)',
      parti: { admin: 'dati amministrativi', prof: 'parte professionale' },
      stati: {
        recuperata: 'Recuperata',
        da_verificare: 'Da verificare',
        conflitto: 'Non recuperata',
        non_raggiungibile: 'Non collegata',
      },
      dispositivoIgnoto: 'dispositivo non riconosciuto',
      apri: 'Apri',
      dopo: 'Per ridare una cartella a chi ci deve lavorare, apritela e usate «Équipe e chiavi» → «Affida la cartella a un collega» con il suo codice. Se un portatile è stato rubato, usate anche «Revoca» sulla persona o cambiate le chiavi. Poi rimettete il foglio in cassaforte.',
    },
  },
} as const;
