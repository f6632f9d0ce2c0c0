/**
 * @module crypto/keys
 * Owns a part's secret key K (one per part and epoch) and its subkeys. Each subkey has one
 * purpose, so a flaw in one use (say, a commitment key leaking) never exposes another. The
 * derivation ids are fixed by docs/ENVELOPE.md: changing them makes stored envelopes
 * unreadable.
 */
import { sodium } from './sodium';

export { ROOM_ID_BYTES, asRoomId, generateRoomId, roomIdFromBase64Url, roomIdToBase64Url } from './roomId';
export type { RoomId } from './roomId';

/** Length of a part key K in bytes. */
export const PART_KEY_BYTES = 32;

/** crypto_kdf context: exactly 8 bytes, as libsodium requires. */
export const KDF_CONTEXT = 'cartella';

/** Subkey ids of `crypto_kdf_derive_from_key`, per docs/ENVELOPE.md ("Keys"). */
export const SUBKEY_IDS = { content: 1, awareness: 2, commitment: 3, relayAuth: 4 } as const;

/** The subkeys of one part key. */
export interface PartSubkeys {
  /** XChaCha20-Poly1305 key of update and snapshot envelopes. */
  content: Uint8Array;
  /** XChaCha20-Poly1305 key of ephemeral (awareness) envelopes. */
  awareness: Uint8Array;
  /** Key of the keyed BLAKE2b-256 commitment of every envelope. */
  commitment: Uint8Array;
  /** Ed25519 pair that proves to the relay that a client holds K. */
  relayAuth: { publicKey: Uint8Array; privateKey: Uint8Array };
}

/** A fresh random part key (for a new part or a rotation; never derived from the old one). */
export function generatePartKey(): Uint8Array {
  return sodium().crypto_kdf_keygen();
}

/**
 * Derives the four subkeys of a part key.
 * @throws RangeError if `key` is not 32 bytes (a programming error).
 */
export function derivePartSubkeys(key: Uint8Array): PartSubkeys {
  if (!(key instanceof Uint8Array) || key.length !== PART_KEY_BYTES) {
    throw new RangeError(`a part key is ${PART_KEY_BYTES} bytes`);
  }
  const s = sodium();
  const derive = (id: number): Uint8Array => s.crypto_kdf_derive_from_key(32, id, KDF_CONTEXT, key);
  const seed = derive(SUBKEY_IDS.relayAuth);
  const pair = s.crypto_sign_seed_keypair(seed);
  // The seed is the private key in another form; don't leave it on the heap longer than needed.
  s.memzero(seed);
  return {
    content: derive(SUBKEY_IDS.content),
    awareness: derive(SUBKEY_IDS.awareness),
    commitment: derive(SUBKEY_IDS.commitment),
    relayAuth: { publicKey: pair.publicKey, privateKey: pair.privateKey },
  };
}
