/**
 * @module crypto/roomId
 * Owns the `RoomId` brand: the random 16-byte name of one part's relay room. Random rather
 * than derived from the key, so an id reveals nothing and travels with the key in a share
 * bundle. Kept apart from the key code so the key-free envelope codec can use it.
 */
import { randomBytes } from './random';
import { fromBase64Url, toBase64Url } from './bytes';
import { err, ok } from './result';
import type { Result } from './result';

/** Length of a room id in bytes. */
export const ROOM_ID_BYTES = 16;

declare const roomIdBrand: unique symbol;

/** A 16-byte room id. Only `generateRoomId` and `asRoomId` make one, so the length is known. */
export type RoomId = Uint8Array & { readonly [roomIdBrand]: true };

/** A fresh random room id. */
export function generateRoomId(): RoomId {
  return randomBytes(ROOM_ID_BYTES) as RoomId;
}

/** Checks untrusted bytes are a room id. Returns the same array (no copy), branded. */
export function asRoomId(bytes: Uint8Array): Result<RoomId, 'room_id_malformed'> {
  if (!(bytes instanceof Uint8Array) || bytes.length !== ROOM_ID_BYTES) {
    return err('room_id_malformed', `a room id is ${ROOM_ID_BYTES} bytes`);
  }
  return ok(bytes as RoomId);
}

/** The base64url text form of a room id (22 characters), as used in links and logs. */
export function roomIdToBase64Url(roomId: RoomId): string {
  return toBase64Url(roomId);
}

/** Parses the base64url text form of a room id. */
export function roomIdFromBase64Url(text: string): Result<RoomId, 'room_id_malformed'> {
  const bytes = fromBase64Url(text);
  if (!bytes.ok) return err('room_id_malformed', bytes.message);
  return asRoomId(bytes.value);
}
