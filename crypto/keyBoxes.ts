/**
 * @module crypto/keyBoxes
 * Owns the key boxes of a rotation (docs/ROTATION.md, "Key boxes"): the new epoch key K' of a
 * room sealed to each remaining member's X25519 key (and to the ente's recovery key), signed by
 * the rotating device's identity. The relay stores the bytes opaque in the rotation record
 * (docs/PROTOCOL.md §4.9); the record's own signature (relay-auth key of the old epoch) binds
 * their hash. `parseKeyBoxes` is the one validator of untrusted key-box bytes; a member then
 * opens its own box (`openKeyBox`). Who may rotate (an active member on the roster) is decided
 * by the caller, which holds the roster: this file knows no roster.
 */
import { ByteReader, ByteWriter, Malformed, Truncated } from './byteCursor';
import { bytesEqual, compareBytes, concatBytes, readU32, toHex } from './bytes';
import type { DeviceIdentity } from './identity';
import { PART_KEY_BYTES } from './keys';
import { blake2b, ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_BYTES, ed25519Sign, ed25519Verify, X25519_BYTES } from './primitives';
import { isUsableEd25519PublicKey, isUsableX25519PublicKey } from './publicKeys';
import { err, ok } from './result';
import type { Err, Result } from './result';
import { ROOM_ID_BYTES } from './roomId';
import type { RoomId } from './roomId';
import { sodium } from './sodium';

/** The first 8 bytes of the key boxes (ASCII). */
export const KEY_BOXES_MAGIC = 'CRTKBOX1';
/** The version this code writes and reads. */
export const KEY_BOXES_VERSION = 1;
/** Domain string of the rotator's signature. */
export const KEY_BOXES_SIGNATURE_DOMAIN = 'cartella-key-boxes-v1';
/** Recipient kind bytes. */
export const KEY_BOX_KINDS = { membro: 1, recupero: 2 } as const;
/** What each box seals: room | u32 toEpoch | K'. */
export const KEY_BOX_PLAINTEXT_BYTES = ROOM_ID_BYTES + 4 + PART_KEY_BYTES;
/** A sealed box: crypto_box_seal adds an ephemeral public key and a tag (48 bytes). */
export const KEY_BOX_SEALED_BYTES = KEY_BOX_PLAINTEXT_BYTES + 48;
/** Magic, version, room, fromEpoch, toEpoch, signer, u16 count. */
export const KEY_BOXES_HEADER_BYTES = 8 + 1 + ROOM_ID_BYTES + 4 + 4 + ED25519_PUBLIC_KEY_BYTES + 2;
/** The largest key boxes: what the relay accepts in a `rotate` frame (docs/PROTOCOL.md W11). */
export const KEY_BOXES_MAX_BYTES = 256 * 1024;

const MAGIC_BYTES = new TextEncoder().encode(KEY_BOXES_MAGIC);
const DOMAIN_BYTES = new TextEncoder().encode(KEY_BOXES_SIGNATURE_DOMAIN);
const MEMBER_ENTRY_BYTES = 1 + ED25519_PUBLIC_KEY_BYTES + X25519_BYTES + KEY_BOX_SEALED_BYTES;
const RECOVERY_ENTRY_BYTES = 1 + X25519_BYTES + KEY_BOX_SEALED_BYTES;
/** Most member entries that fit in the size bound (one recovery entry aside). */
export const KEY_BOXES_MAX_MEMBERS = Math.floor(
  (KEY_BOXES_MAX_BYTES - KEY_BOXES_HEADER_BYTES - ED25519_SIGNATURE_BYTES - RECOVERY_ENTRY_BYTES) / MEMBER_ENTRY_BYTES,
);

/** Refusals of key boxes and of opening one. */
export type KeyBoxesErrorCode =
  | 'key_boxes_truncated'
  | 'key_boxes_malformed'
  | 'key_boxes_version'
  | 'key_boxes_signature'
  | 'key_boxes_context'
  | 'key_box_absent'
  | 'key_box_sealed';

/** The Italian sentence of each code (docs/ROTATION.md, "Error codes"). */
export const KEY_BOXES_ERROR_MESSAGES: Readonly<Record<KeyBoxesErrorCode, string>> = {
  key_boxes_truncated: 'Le nuove chiavi ricevute sono incomplete.',
  key_boxes_malformed: 'Le nuove chiavi ricevute non sono valide o sono danneggiate.',
  key_boxes_version: "Le nuove chiavi sono state create da una versione più recente dell'applicazione: aggiornala.",
  key_boxes_signature: 'La firma delle nuove chiavi non è valida: potrebbero essere state alterate.',
  key_boxes_context: 'Le nuove chiavi non corrispondono al cambio di chiavi annunciato per questa cartella.',
  key_box_absent: 'Le nuove chiavi di questa cartella non sono state consegnate a questo dispositivo.',
  key_box_sealed: 'La nuova chiave destinata a questo dispositivo non si apre: potrebbe essere stata alterata.',
};

function boxesErr<C extends KeyBoxesErrorCode>(code: C, detail?: string): Err<C> {
  const base = KEY_BOXES_ERROR_MESSAGES[code];
  return err(code, detail === undefined ? base : `${base} (${detail})`);
}

/** One recipient of the key boxes. */
export type KeyBoxEntry =
  | { readonly kind: 'membro'; readonly signPublicKey: Uint8Array; readonly boxPublicKey: Uint8Array; readonly sealed: Uint8Array }
  | { readonly kind: 'recupero'; readonly boxPublicKey: Uint8Array; readonly sealed: Uint8Array };

/** Decoded, signature-checked key boxes. */
export interface KeyBoxes {
  readonly roomId: RoomId;
  readonly fromEpoch: number;
  readonly toEpoch: number;
  /** The rotating device's Ed25519 key (its roster key): check it is an active member. */
  readonly signer: Uint8Array;
  /** Recipients, X25519 keys strictly ascending. */
  readonly entries: readonly KeyBoxEntry[];
}

/** A member the new key is sealed to: their roster key and their device's X25519 key. */
export interface KeyBoxMember {
  readonly signPublicKey: Uint8Array;
  readonly boxPublicKey: Uint8Array;
}

/** What the rotating device provides. */
export interface SealKeyBoxesInput {
  readonly roomId: RoomId;
  readonly fromEpoch: number;
  /** Must be fromEpoch + 1 (the relay's rule). */
  readonly toEpoch: number;
  /** K' (32 bytes). */
  readonly key: Uint8Array;
  readonly signer: DeviceIdentity;
  /** Remaining members, the rotating device included (so it can recover K' from the record). */
  readonly members: readonly KeyBoxMember[];
  /** The ente's recovery public key, when configured. */
  readonly recoveryPublicKey?: Uint8Array;
}

/** Whether `key` is an X25519 public key a box may safely be sealed to (not a low-order point). */
export function isUsableBoxPublicKey(key: unknown): key is Uint8Array {
  return isUsableX25519PublicKey(key);
}

/** Whether `key` is an Ed25519 public key a signature can verify under (a roster key read from a document). */
export function isUsableSignPublicKey(key: unknown): key is Uint8Array {
  return isUsableEd25519PublicKey(key);
}

const isU32 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

function boxPlaintext(roomId: Uint8Array, toEpoch: number, key: Uint8Array): Uint8Array {
  return new ByteWriter().bytes(roomId).u32(toEpoch).bytes(key).finish();
}

function signedDigest(body: Uint8Array): Uint8Array {
  return blake2b(64, concatBytes(DOMAIN_BYTES, body));
}

/**
 * Seals K' to every member and to the recovery key, and signs the whole with the rotating
 * device's identity. Recipients are written in ascending order of their X25519 key.
 * @throws RangeError on programming errors: a key that is not usable (check roster keys with
 * `isUsableBoxPublicKey` first), a recipient twice, epochs that are not consecutive u32, no
 * recipient, more than `KEY_BOXES_MAX_MEMBERS`.
 */
export function sealKeyBoxes(input: SealKeyBoxesInput): Uint8Array {
  const { roomId, fromEpoch, toEpoch, key, signer, members, recoveryPublicKey } = input;
  if (!(roomId instanceof Uint8Array) || roomId.length !== ROOM_ID_BYTES) throw new RangeError('room id of the wrong length');
  if (!isU32(fromEpoch) || !isU32(toEpoch) || toEpoch !== fromEpoch + 1 || fromEpoch < 1) throw new RangeError('epochs must be e, e + 1');
  if (!(key instanceof Uint8Array) || key.length !== PART_KEY_BYTES) throw new RangeError(`K' must be ${PART_KEY_BYTES} bytes`);
  if (members.length === 0 || members.length > KEY_BOXES_MAX_MEMBERS) throw new RangeError(`1..${KEY_BOXES_MAX_MEMBERS} members`);
  type Pending = { kind: 'membro'; sign: Uint8Array; box: Uint8Array } | { kind: 'recupero'; box: Uint8Array };
  const pending: Pending[] = members.map((m) => {
    if (!isUsableEd25519PublicKey(m.signPublicKey)) throw new RangeError('a member signing key is not usable');
    if (!isUsableX25519PublicKey(m.boxPublicKey)) throw new RangeError('a member box key is not usable');
    return { kind: 'membro', sign: m.signPublicKey, box: m.boxPublicKey };
  });
  if (recoveryPublicKey !== undefined) {
    if (!isUsableX25519PublicKey(recoveryPublicKey)) throw new RangeError('the recovery key is not usable');
    pending.push({ kind: 'recupero', box: recoveryPublicKey });
  }
  pending.sort((a, b) => compareBytes(a.box, b.box));
  for (let i = 1; i < pending.length; i++) {
    if (bytesEqual((pending[i - 1] as Pending).box, (pending[i] as Pending).box)) throw new RangeError('a box key appears twice');
  }
  const signs = pending.flatMap((p) => (p.kind === 'membro' ? [toHex(p.sign)] : []));
  if (new Set(signs).size !== signs.length) throw new RangeError('a member appears twice');
  const plaintext = boxPlaintext(roomId, toEpoch, key);
  const s = sodium();
  const w = new ByteWriter()
    .bytes(MAGIC_BYTES).u8(KEY_BOXES_VERSION).bytes(roomId).u32(fromEpoch).u32(toEpoch)
    .bytes(signer.signPublicKey).u16(pending.length);
  try {
    for (const p of pending) {
      w.u8(KEY_BOX_KINDS[p.kind]);
      if (p.kind === 'membro') w.bytes(p.sign);
      w.bytes(p.box).bytes(s.crypto_box_seal(plaintext, p.box));
    }
  } finally {
    plaintext.fill(0);
  }
  const body = w.finish();
  return concatBytes(body, ed25519Sign(signer.signPrivateKey, signedDigest(body)));
}

function readEntry(r: ByteReader): KeyBoxEntry {
  const kind = r.u8();
  if (kind === KEY_BOX_KINDS.membro) {
    const signPublicKey = r.take(ED25519_PUBLIC_KEY_BYTES).slice();
    if (!isUsableEd25519PublicKey(signPublicKey)) throw new Malformed('chiave di firma di un destinatario non valida');
    const boxPublicKey = r.take(X25519_BYTES).slice();
    if (!isUsableX25519PublicKey(boxPublicKey)) throw new Malformed('chiave di cifratura di un destinatario non valida');
    return { kind: 'membro', signPublicKey, boxPublicKey, sealed: r.take(KEY_BOX_SEALED_BYTES).slice() };
  }
  if (kind === KEY_BOX_KINDS.recupero) {
    const boxPublicKey = r.take(X25519_BYTES).slice();
    if (!isUsableX25519PublicKey(boxPublicKey)) throw new Malformed('chiave di recupero non valida');
    return { kind: 'recupero', boxPublicKey, sealed: r.take(KEY_BOX_SEALED_BYTES).slice() };
  }
  throw new Malformed(`tipo di destinatario sconosciuto (${kind})`);
}

/** Reads everything after the version; throws Truncated or Malformed only. */
function readBody(bytes: Uint8Array): { boxes: KeyBoxes; signedLength: number; signature: Uint8Array } {
  const r = new ByteReader(bytes);
  r.take(MAGIC_BYTES.length + 1);
  const roomId = r.take(ROOM_ID_BYTES).slice() as RoomId;
  const fromEpoch = r.u32();
  const toEpoch = r.u32();
  if (fromEpoch < 1 || toEpoch !== fromEpoch + 1) throw new Malformed('epoche non consecutive');
  const signer = r.take(ED25519_PUBLIC_KEY_BYTES).slice();
  if (!isUsableEd25519PublicKey(signer)) throw new Malformed('chiave di firma non valida');
  const count = r.u16();
  if (count < 1) throw new Malformed('nessun destinatario');
  const entries: KeyBoxEntry[] = [];
  for (let i = 0; i < count; i++) {
    const entry = readEntry(r);
    const previous = entries[entries.length - 1];
    if (previous && compareBytes(previous.boxPublicKey, entry.boxPublicKey) >= 0) throw new Malformed('destinatari non in ordine o ripetuti');
    entries.push(entry);
  }
  const members = entries.flatMap((e) => (e.kind === 'membro' ? [e.signPublicKey] : []));
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      if (bytesEqual(members[i] as Uint8Array, members[j] as Uint8Array)) throw new Malformed('un membro compare due volte');
    }
  }
  if (entries.filter((e) => e.kind === 'recupero').length > 1) throw new Malformed('più di una chiave di recupero');
  const signedLength = r.position;
  if (r.remaining < ED25519_SIGNATURE_BYTES) throw new Truncated('firma');
  if (r.remaining > ED25519_SIGNATURE_BYTES) throw new Malformed('byte in eccesso dopo la firma');
  return { boxes: { roomId, fromEpoch, toEpoch, signer, entries }, signedLength, signature: r.take(ED25519_SIGNATURE_BYTES) };
}

/** What the rotation record says the boxes are for. */
export interface KeyBoxesContext {
  readonly roomId: Uint8Array;
  readonly fromEpoch: number;
  readonly toEpoch: number;
}

/**
 * Decodes and verifies key boxes. Never throws. Order: magic (`key_boxes_malformed`; a prefix of
 * the magic and version is `key_boxes_truncated`) → version (`key_boxes_version`) → size bound
 * (`key_boxes_malformed`) → every field (`key_boxes_truncated` past the end, `key_boxes_malformed`
 * for a value the format forbids: epochs not consecutive, unusable keys, no recipient,
 * recipients not strictly ascending by X25519 key, a member twice, two recovery entries, bytes
 * after the signature) → the signer's signature (`key_boxes_signature`) → when `expected` is
 * given, room and epochs equal to the rotation record's (`key_boxes_context`).
 */
export function parseKeyBoxes(bytes: Uint8Array, expected?: KeyBoxesContext): Result<KeyBoxes, KeyBoxesErrorCode> {
  if (!(bytes instanceof Uint8Array)) return boxesErr('key_boxes_malformed', 'non sono byte');
  const head = Math.min(bytes.length, MAGIC_BYTES.length);
  for (let i = 0; i < head; i++) if (bytes[i] !== MAGIC_BYTES[i]) return boxesErr('key_boxes_malformed', 'non sono chiavi di rotazione');
  if (bytes.length <= MAGIC_BYTES.length) return boxesErr('key_boxes_truncated');
  if (bytes[MAGIC_BYTES.length] !== KEY_BOXES_VERSION) return boxesErr('key_boxes_version', `versione ${String(bytes[MAGIC_BYTES.length])}`);
  if (bytes.length > KEY_BOXES_MAX_BYTES) return boxesErr('key_boxes_malformed', 'troppo lunghe');
  let read: ReturnType<typeof readBody>;
  try {
    read = readBody(bytes);
  } catch (e) {
    if (e instanceof Truncated) return boxesErr('key_boxes_truncated');
    if (e instanceof Malformed) return boxesErr('key_boxes_malformed', e.message);
    throw e;
  }
  const { boxes, signedLength, signature } = read;
  if (!ed25519Verify(boxes.signer, signedDigest(bytes.subarray(0, signedLength)), signature)) return boxesErr('key_boxes_signature');
  if (expected !== undefined && (
    !bytesEqual(expected.roomId, boxes.roomId) || expected.fromEpoch !== boxes.fromEpoch || expected.toEpoch !== boxes.toEpoch
  )) {
    return boxesErr('key_boxes_context', `stanza o epoche diverse da quelle del cambio (${boxes.fromEpoch}→${boxes.toEpoch})`);
  }
  return ok(boxes);
}

/** Whether the boxes hold one for the member with this roster (Ed25519) key. */
export function hasKeyBoxFor(boxes: KeyBoxes, signPublicKey: Uint8Array): boolean {
  return boxes.entries.some((e) => e.kind === 'membro' && bytesEqual(e.signPublicKey, signPublicKey));
}

function openSealed(boxes: KeyBoxes, sealed: Uint8Array, publicKey: Uint8Array, privateKey: Uint8Array): Result<Uint8Array, KeyBoxesErrorCode> {
  let plaintext: Uint8Array;
  try {
    plaintext = sodium().crypto_box_seal_open(sealed, publicKey, privateKey);
  } catch {
    return boxesErr('key_box_sealed');
  }
  try {
    if (plaintext.length !== KEY_BOX_PLAINTEXT_BYTES ||
        !bytesEqual(plaintext.subarray(0, ROOM_ID_BYTES), boxes.roomId) ||
        readU32(plaintext, ROOM_ID_BYTES) !== boxes.toEpoch) {
      return boxesErr('key_box_sealed', 'la chiave è di un’altra stanza o di un’altra epoca');
    }
    return ok(plaintext.slice(ROOM_ID_BYTES + 4));
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Opens this device's box: the entry naming both its Ed25519 and its X25519 key. Refusals:
 * `key_box_absent` (no box for this device: it was removed, or its X25519 key was not on the
 * rotator's roster), `key_box_sealed` (the box does not open, or names another room or epoch).
 */
export function openKeyBox(boxes: KeyBoxes, identity: DeviceIdentity): Result<Uint8Array, KeyBoxesErrorCode> {
  const entry = boxes.entries.find((e) => e.kind === 'membro' && bytesEqual(e.signPublicKey, identity.signPublicKey) && bytesEqual(e.boxPublicKey, identity.boxPublicKey));
  if (!entry) return boxesErr('key_box_absent');
  return openSealed(boxes, entry.sealed, identity.boxPublicKey, identity.boxPrivateKey);
}

/** Opens the recovery entry with the ente's recovery key pair (`key_box_absent` when there is none for it). */
export function openKeyBoxWithRecovery(
  boxes: KeyBoxes,
  pair: { readonly publicKey: Uint8Array; readonly privateKey: Uint8Array },
): Result<Uint8Array, KeyBoxesErrorCode> {
  const entry = boxes.entries.find((e) => e.kind === 'recupero' && bytesEqual(e.boxPublicKey, pair.publicKey));
  if (!entry) return boxesErr('key_box_absent');
  return openSealed(boxes, entry.sealed, pair.publicKey, pair.privateKey);
}
