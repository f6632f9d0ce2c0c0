/**
 * @module crdt/allegati/ports
 * The interfaces the attachment logic talks to, so the same code runs in the browser and in Node
 * tests (docs/ATTACHMENTS.md): a `BlobTransport` (the relay's `/blobs` endpoints, or a fake), a
 * `TicketSource` (tickets asked over the device's authenticated WebSocket), a `BlobCache` (the
 * device's copy of sealed blobs: already ciphertext, so encrypted at rest), and `ChiaviAllegati`
 * (the attachment keys the device holds, from its keyring). Every cache implementation passes
 * `blobCache.contract.ts`.
 */
import type { Err, Result } from '../../crypto';
import type { BlobManifest, BlobRefusalBody, BlobRefusalCode, BlobStatusBody, LiveSet, LiveSetAnswerBody } from '../wire';

/** A ticket for one room's attachment endpoints, with that room's limits (`blobTicketed`). */
export interface BlobTicket {
  readonly ticket: Uint8Array;
  /** ms since the Unix epoch (relay clock). */
  readonly expiresAt: number;
  readonly maxFileBytes: number;
  readonly quotaBytes: number;
  readonly usedBytes: number;
}

/** Why a ticket could not be had: the relay refused it (code of the error frame), or no answer came. */
export type TicketCode = 'ticket_refused' | 'ticket_timeout' | 'rete';

/** Gets tickets; the device's sync connection is the usual source (ticketDesk.ts). */
export interface TicketSource {
  /** A ticket for `room`: a cached one still good, or a new one (`fresh`: always a new one). */
  ticket(room: Uint8Array, fresh?: boolean): Promise<Result<BlobTicket, TicketCode>>;
}

/** Why a transport call failed: a refusal of the relay, a network failure, a bad answer, or no ticket. */
export type TransportCode = BlobRefusalCode | 'rete' | 'blob_answer_malformed' | TicketCode;

/** A failed transport call; `refusal` carries the relay's limits when it named them. */
export type TransportFailure = Err<TransportCode> & { readonly refusal?: BlobRefusalBody };

/** The outcome of a transport call. */
export type TransportResult<T> = { readonly ok: true; readonly value: T } | TransportFailure;

/** The relay's attachment endpoints (docs/PROTOCOL.md §4.12). */
export interface BlobTransport {
  status(room: Uint8Array, id: Uint8Array): Promise<TransportResult<BlobStatusBody>>;
  /** Begins (or finds) the upload of the blob `manifest` names. */
  begin(room: Uint8Array, manifest: BlobManifest): Promise<TransportResult<BlobStatusBody>>;
  putChunk(room: Uint8Array, id: Uint8Array, index: number, chunk: Uint8Array): Promise<TransportResult<BlobStatusBody>>;
  getChunk(room: Uint8Array, id: Uint8Array, index: number): Promise<TransportResult<Uint8Array>>;
  declareLive(room: Uint8Array, set: LiveSet): Promise<TransportResult<LiveSetAnswerBody>>;
}

/** Whether a cached blob still has to reach the relay. */
export type StatoCopia = 'da_caricare' | 'caricato';

/** A sealed blob on the device. Rooms and ids are in their text form (base64url). */
export interface CopiaBlob {
  readonly room: string;
  readonly id: string;
  /** The transfer chunks (ciphertext; chunk 0 starts with the CRTALLG1 header). */
  readonly chunks: readonly Uint8Array[];
  readonly stato: StatoCopia;
  /** When it was stored on the device (ms). */
  readonly salvatoIl: number;
}

/** A cached blob without its bytes (for listing). */
export type VoceCopia = Omit<CopiaBlob, 'chunks'> & { readonly bytes: number };

/**
 * The device's store of sealed blobs. Writes resolve once durable. Implementations: in-memory
 * (tests) and IndexedDB (the PWA).
 */
export interface BlobCache {
  get(room: string, id: string): Promise<CopiaBlob | undefined>;
  /** Stores or replaces a blob. */
  put(copia: CopiaBlob): Promise<void>;
  /** Changes the state of a stored blob (no effect when absent). */
  setStato(room: string, id: string, stato: StatoCopia): Promise<void>;
  delete(room: string, id: string): Promise<void>;
  /** Every stored blob, without bytes. */
  list(): Promise<VoceCopia[]>;
  close(): Promise<void>;
}

/** The attachment keys this device holds (`deriveAttachmentKey(K)` per part and epoch). */
export interface ChiaviAllegati {
  /** The current epoch of the room's part and its attachment key, for sealing; undefined without the key. */
  attuale(room: Uint8Array): { readonly epoch: number; readonly key: Uint8Array } | undefined;
  /** The attachment key of an epoch of the room's part, for opening; undefined without it. */
  perEpoca(room: Uint8Array, epoch: number): Uint8Array | undefined;
}
