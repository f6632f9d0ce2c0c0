/**
 * @module crypto/partKeysCodec
 * Owns the binary form of a cartella's keys inside the share bundle and the recovery blob
 * (docs/SHARING.md, "Cartella keys"): the cartella id, and per part its room, current epoch and
 * one key per epoch. Epochs are written in ascending order, so the same keys always give the
 * same bytes, and the reader refuses anything else (an epoch twice, out of order, 0, a current
 * epoch without a key, more epochs than the bound).
 */
import { Malformed } from './byteCursor';
import type { ByteReader, ByteWriter } from './byteCursor';
import { PART_KEY_BYTES } from './keys';
import { MAX_EPOCH } from './keyringData';
import type { PartKeyRecord } from './keyringData';
import { ROOM_ID_BYTES } from './roomId';
import type { RoomId } from './roomId';
import { CARTELLA_ID_PATTERN } from './textRules';

/** The most epochs one part may carry (a rotation is rare: this is decades of them). */
export const MAX_EPOCHS_PER_PART = 256;
/** The largest encoded part: room, current epoch, count, and the most epochs. */
export const PART_KEYS_MAX_BYTES = ROOM_ID_BYTES + 4 + 2 + MAX_EPOCHS_PER_PART * (4 + PART_KEY_BYTES);
/** The largest encoded cartella id: a length byte and 64 characters. */
export const CARTELLA_ID_MAX_BYTES = 1 + 64;

/**
 * Writes u8 length | ASCII id.
 * @throws RangeError if `id` is not 8..64 base64url characters.
 */
export function writeCartellaId(w: ByteWriter, id: string): void {
  if (typeof id !== 'string' || !CARTELLA_ID_PATTERN.test(id)) throw new RangeError('a cartella id is 8..64 base64url characters');
  w.u8(id.length).bytes(new TextEncoder().encode(id));
}

/** Reads a cartella id; `Malformed` unless 8..64 base64url characters. */
export function readCartellaId(r: ByteReader): string {
  const length = r.u8();
  if (length < 8 || length > 64) throw new Malformed('identificativo della cartella: lunghezza non valida');
  const id = String.fromCharCode(...r.take(length));
  if (!CARTELLA_ID_PATTERN.test(id)) throw new Malformed('identificativo della cartella: caratteri non validi');
  return id;
}

/**
 * Writes 16 room | u32 current epoch | u16 n | n × (u32 epoch | 32 key), epochs ascending.
 * @throws RangeError on a part the reader would refuse (lengths, epochs, bounds).
 */
export function writePartKeys(w: ByteWriter, part: PartKeyRecord): void {
  if (!(part.roomId instanceof Uint8Array) || part.roomId.length !== ROOM_ID_BYTES) throw new RangeError('a room id is 16 bytes');
  const keys = [...part.keys].sort((a, b) => a.epoch - b.epoch);
  if (keys.length < 1 || keys.length > MAX_EPOCHS_PER_PART) throw new RangeError(`a part has 1..${MAX_EPOCHS_PER_PART} epochs`);
  let previous = 0;
  for (const { epoch, key } of keys) {
    if (!Number.isInteger(epoch) || epoch <= previous || epoch > MAX_EPOCH) throw new RangeError('epochs are distinct integers in 1..2^32-1');
    if (!(key instanceof Uint8Array) || key.length !== PART_KEY_BYTES) throw new RangeError('a part key is 32 bytes');
    previous = epoch;
  }
  if (!keys.some((k) => k.epoch === part.currentEpoch)) throw new RangeError('no key for the current epoch');
  w.bytes(part.roomId).u32(part.currentEpoch).u16(keys.length);
  for (const { epoch, key } of keys) w.u32(epoch).bytes(key);
}

/** Reads a part (`name` is for messages); the keys are fresh copies. */
export function readPartKeys(r: ByteReader, name: string): PartKeyRecord {
  const roomId = r.take(ROOM_ID_BYTES).slice() as RoomId;
  const currentEpoch = r.u32();
  const count = r.u16();
  if (count < 1 || count > MAX_EPOCHS_PER_PART) throw new Malformed(`${name}: numero di epoche non valido`);
  const keys: Array<{ epoch: number; key: Uint8Array }> = [];
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const epoch = r.u32();
    if (epoch <= previous) throw new Malformed(`${name}: epoche non in ordine crescente o epoca 0`);
    keys.push({ epoch, key: r.take(PART_KEY_BYTES).slice() });
    previous = epoch;
  }
  if (!keys.some((k) => k.epoch === currentEpoch)) throw new Malformed(`${name}: manca la chiave dell'epoca corrente`);
  return { roomId, currentEpoch, keys };
}
