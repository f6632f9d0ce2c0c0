/**
 * @module ids
 * Branded identifiers of the model and how new ones are minted. New ids come from the
 * writing replica's Yjs client id and clock, so they are unique without randomness and
 * the same operations on the same Y.Doc always produce the same ids.
 */
import * as Y from 'yjs';

declare const brand: unique symbol;
/** A string type that cannot be confused with another string type. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** The id of a cartella (shared by its `admin` and `prof` documents). */
export type CartellaId = Brand<string, 'CartellaId'>;
/** A member's Ed25519 public key, base64url without padding (43 characters). */
export type AuthorKey = Brand<string, 'AuthorKey'>;
/** The id of one write of a field in the admin document (see registro.ts). */
export type ScritturaId = Brand<string, 'ScritturaId'>;
/** The id of a diary entry. */
export type VoceDiarioId = Brand<string, 'VoceDiarioId'>;
/** The id of a relazione sociale. */
export type RelazioneId = Brand<string, 'RelazioneId'>;
/** The id of a verbale d'équipe. */
export type VerbaleId = Brand<string, 'VerbaleId'>;
/** The id of a valutazione (assessment) note. */
export type ValutazioneId = Brand<string, 'ValutazioneId'>;
/** The id of an objective of the progetto individualizzato. */
export type ObiettivoId = Brand<string, 'ObiettivoId'>;
/** The id of an entry of the document checklist. */
export type DocumentoId = Brand<string, 'DocumentoId'>;
/** The id of a prestazione (benefit) granted. */
export type PrestazioneId = Brand<string, 'PrestazioneId'>;
/** The id of a member of the household (stato di famiglia). */
export type MembroNucleoId = Brand<string, 'MembroNucleoId'>;

const CARTELLA_ID = /^[A-Za-z0-9_-]{8,64}$/;
const AUTHOR_KEY = /^[A-Za-z0-9_-]{43}$/;
const ITEM_ID = /^[a-z0-9]{1,14}-[a-z0-9]{1,14}$/;

/** Checks a cartella id (8–64 characters of base64url). */
export function comeCartellaId(v: unknown): CartellaId | undefined {
  return typeof v === 'string' && CARTELLA_ID.test(v) ? (v as CartellaId) : undefined;
}

/** Checks an author key: a 32-byte Ed25519 public key in base64url (43 characters). */
export function comeAuthorKey(v: unknown): AuthorKey | undefined {
  return typeof v === 'string' && AUTHOR_KEY.test(v) ? (v as AuthorKey) : undefined;
}

/** Checks the shape of an id minted by {@link nuovoId}. */
export function comeIdElemento<T extends string>(v: unknown): T | undefined {
  return typeof v === 'string' && ITEM_ID.test(v) ? (v as T) : undefined;
}

/**
 * Mints an id from the doc's client id and the clock of its next Yjs item. Call it inside
 * the transaction, right before inserting the item the id names: every insertion advances
 * the clock, so two ids minted on one replica never collide, and replicas differ by client id.
 */
export function nuovoId<T extends string>(doc: Y.Doc): T {
  const clock = Y.getState(doc.store, doc.clientID);
  return `${doc.clientID.toString(36)}-${clock.toString(36)}` as T;
}
