/**
 * @module client/strings/app
 * Strings of the app shell (first run, unlock, status, navigation, settings).
 * Every Italian string of the UI lives here.
 */
export const app = {
  appName: 'Cartella',
  tagline: 'La cartella sociale elettronica, cifrata e utilizzabile anche senza rete.',
  relayStatus: 'Stato del relay',
  checking: 'Verifica in corso…',
  relayUp: 'In funzione',
  relayDown: 'Il relay non risponde.',
  state: 'Stato',
  version: 'Versione',
  rooms: 'Stanze',
  sockets: 'Connessioni',
  refresh: 'Aggiorna',
} as const;
