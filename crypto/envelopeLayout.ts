/**
 * @module crypto/envelopeLayout
 * Owns the vocabulary of the envelope format (docs/ENVELOPE.md): sizes, offsets, kind codes,
 * the header types and the stable refusal codes. Data only, no code and no keys, so the
 * relay, the client and the tests all name the same numbers. Import it via envelopeFormat.
 */
import type { RoomId } from './roomId';

/** The only envelope version this code writes and accepts. */
export const ENVELOPE_VERSION = 1;
/** Envelope kinds as they appear in the API. */
export type EnvelopeKind = 'update' | 'snapshot' | 'ephemeral';
/** Kind byte of each kind (offset 1). */
export const ENVELOPE_KIND_CODES: Readonly<Record<EnvelopeKind, number>> = { update: 1, snapshot: 2, ephemeral: 3 };

/** Byte offsets of the fixed header fields. */
export const ENVELOPE_OFFSETS = {
  version: 0,
  kind: 1,
  roomId: 2,
  epoch: 18,
  author: 22,
  clock: 54,
  /** Start of the kind-specific header. */
  kindSpecific: 62,
} as const;

/** Author (Ed25519 public key) length. */
export const ENVELOPE_AUTHOR_BYTES = 32;
/** Header length of update and ephemeral envelopes. */
export const ENVELOPE_BASE_HEADER_BYTES = 62;
/** Snapshot id and parent id length. */
export const SNAPSHOT_ID_BYTES = 16;
/** Snapshot header length without covered-clock entries (62 + 16 + 16 + 8 + 2). */
export const SNAPSHOT_HEADER_BYTES = 104;
/** One covered-clock entry: 32 author | u64 clock. */
export const COVERED_CLOCK_BYTES = 40;
/** The entry count is a u16. */
export const MAX_COVERED_CLOCKS = 0xffff;
/** XChaCha20-Poly1305 nonce length. */
export const ENVELOPE_NONCE_BYTES = 24;
/** Poly1305 tag length: the ciphertext is at least this long. */
export const ENVELOPE_TAG_BYTES = 16;
/** Keyed BLAKE2b-256 commitment length. */
export const ENVELOPE_COMMITMENT_BYTES = 32;
/** Ed25519 signature length. */
export const ENVELOPE_SIGNATURE_BYTES = 64;
/** Smallest well-shaped envelope: 62 + 24 + 16 + 32 + 64. */
export const ENVELOPE_MIN_BYTES = 198;
/** Envelope id (BLAKE2b-128 of all bytes) length. */
export const ENVELOPE_ID_BYTES = 16;
/** Domain string hashed in front of the signed bytes. */
export const ENVELOPE_SIGNATURE_DOMAIN = 'cartella-envelope-v1';

/**
 * Why an envelope was refused. Stable: the relay sends these in error frames.
 * - `envelope_malformed`: wrong shape (too short, bad counts, clock > 2^53-1, unsorted
 *   covered authors, a snapshot with clock != 0).
 * - `envelope_version`: version byte is not 1 (no downgrade, no guessing at future layouts).
 * - `envelope_kind`: unknown kind byte.
 * - `envelope_signature`: the author's signature does not cover these bytes.
 * - `envelope_room`: signed for another room.
 * - `envelope_epoch`: no key held for its epoch.
 * - `envelope_commitment`: not committed under this part's key (wrong key or forged body).
 * - `envelope_decrypt`: authentication or padding failed despite a valid commitment.
 * - `envelope_clock_gap` / `envelope_clock_replay`: out-of-order or repeated clock.
 */
export type EnvelopeErrorCode =
  | 'envelope_malformed'
  | 'envelope_version'
  | 'envelope_kind'
  | 'envelope_signature'
  | 'envelope_room'
  | 'envelope_epoch'
  | 'envelope_commitment'
  | 'envelope_decrypt'
  | 'envelope_clock_gap'
  | 'envelope_clock_replay';

/** The kind-specific header of a snapshot envelope. */
export interface SnapshotHeader {
  /** Random 16-byte snapshot id. */
  id: Uint8Array;
  /** Id of the previous snapshot; all zero for the first snapshot of the room. */
  parent: Uint8Array;
  /** Relay seq up to which the snapshot includes everything. */
  covers: number;
  /** Last clock included per author; authors strictly ascending (bytewise). */
  coveredClocks: ReadonlyArray<{ author: Uint8Array; clock: number }>;
}

/** The signed, public header of an envelope (also the AEAD additional data). */
export interface EnvelopeHeader {
  version: number;
  kind: EnvelopeKind;
  roomId: RoomId;
  /** Key epoch of the part (u32, starts at 1). */
  epoch: number;
  /** Ed25519 public key of the signing device. */
  author: Uint8Array;
  /** Author clock (u64 <= 2^53-1); 0 for snapshots. */
  clock: number;
  /** Present exactly when `kind === 'snapshot'`. */
  snapshot?: SnapshotHeader;
}

/**
 * A shape-checked envelope. Every Uint8Array here (including those inside `header`) is a view
 * into `bytes`, not a copy: the relay parses every envelope it sees. Don't mutate `bytes`
 * while the result is in use; copy what you keep.
 */
export interface ParsedEnvelope {
  header: EnvelopeHeader;
  /** header[0..H): the AEAD additional data. */
  headerBytes: Uint8Array;
  nonce: Uint8Array;
  /** Ciphertext including the 16-byte tag. */
  ciphertext: Uint8Array;
  commitment: Uint8Array;
  signature: Uint8Array;
  /** Everything before the signature (what the signature digest covers after the domain). */
  signed: Uint8Array;
  /** The whole envelope. */
  bytes: Uint8Array;
}
