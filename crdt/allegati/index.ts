/**
 * @module crdt/allegati
 * Attachments on the device (docs/ATTACHMENTS.md): scanned or photographed documents sealed in
 * chunks under their part's key, uploaded resumably to the relay, cached (ciphertext) so they open
 * offline, and declared live so the relay can collect what no cartella references any more.
 * Depends only on crypto/, crdt/wire and the ports below; the workspace wires it to the device's
 * keyring, sync connection and IndexedDB.
 */
export { Allegati, controllaFile, LIMITE_ALLEGATO_PREDEFINITO } from './allegati';
export type { AllegatiOpzioni, AllegatoAperto, AllegatoPronto, EsitoVivi, FileScelto } from './allegati';
export type { Avanzamento, OpzioniCaricamento } from './caricamento';
export { CODICI_ALLEGATO, dimensione, erroreAllegato } from './errori';
export type { CodiceAllegato, ErroreAllegato, EsitoAllegato } from './errori';
export { ETICHETTE_FORMATO, FORMATI_ALLEGATO, MIME_ALLEGATO, riconosciFormato } from './formato';
export type { FormatoAllegato } from './formato';
export { httpBlobTransport } from './httpBlobTransport';
export type { FetchLike, HttpBlobTransportOptions, ResponseLike } from './httpBlobTransport';
export { openIndexedDbBlobCache } from './indexedDbBlobCache';
export { makeMemoryBlobCache } from './memoryBlobCache';
export type {
  BlobCache,
  BlobTicket,
  BlobTransport,
  ChiaviAllegati,
  CopiaBlob,
  StatoCopia,
  TicketCode,
  TicketSource,
  TransportCode,
  TransportFailure,
  TransportResult,
  VoceCopia,
} from './ports';
export { BlobTicketDesk } from './ticketDesk';
export type { TicketDeskOptions } from './ticketDesk';
