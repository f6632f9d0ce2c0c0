/**
 * @module crdt/wire/frame
 * Owns the vocabulary of the sync protocol: frame types and shapes, error and close codes, and
 * the sizes of the fixed fields. The definitions above the layout sizes are the fixed contract
 * the engine and the relay are written against (re-exported unchanged by crdt/wire.ts).
 */

/** Protocol version carried in `hello`. */
export const PROTOCOL_VERSION = 1;
/** Default maximum frame size accepted by the relay (bytes). */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

/** Frame type bytes (first byte of every frame). */
export const FrameType = {
  hello: 0x01,
  challenge: 0x02,
  auth: 0x03,
  create: 0x04,
  envelopes: 0x05,
  synced: 0x06,
  push: 0x07,
  ack: 0x08,
  ephemeral: 0x09,
  error: 0x0a,
  leave: 0x0b,
  snapshot: 0x0c,
  snapshotted: 0x0d,
  rotate: 0x0e,
  rotated: 0x0f,
  rotation: 0x10,
  history: 0x11,
  historyEnvelopes: 0x12,
  historyEnd: 0x13,
  escrow: 0x14,
  escrowed: 0x15,
  escrowHello: 0x16,
  escrowChallenge: 0x17,
  escrowList: 0x18,
  escrowItems: 0x19,
  escrowEnd: 0x1a,
  blobTicket: 0x1b,
  blobTicketed: 0x1c,
} as const;

/** 16-byte room id as raw bytes (validated length). */
export type RoomBytes = Uint8Array;

/** Stored envelope with its relay sequence number. */
export interface SeqEnvelope { readonly seq: number; readonly envelope: Uint8Array }
/** Acknowledgement of one pushed envelope: its id (BLAKE2b-128) and the seq it got. */
export interface AckEntry { readonly id: Uint8Array; readonly seq: number }
/**
 * One stored recovery escrow as listed (docs/PROTOCOL.md §4.11): the room, the room's key epoch
 * when it was deposited, when (relay clock, ms), and the opaque blob (sealed to the recovery key).
 */
export interface EscrowItem { readonly room: RoomBytes; readonly epoch: number; readonly storedAt: number; readonly blob: Uint8Array }

export type Frame =
  /** client → relay: open a room, stream what is after `since` (0 = from the latest snapshot). */
  | { type: 'hello'; protocolVersion: number; room: RoomBytes; since: number }
  /** relay → client: prove you hold the room's relay-auth key (or create the room). */
  | { type: 'challenge'; room: RoomBytes; nonce: Uint8Array; roomExists: boolean }
  /** client → relay: Ed25519 signature (relay-auth key) over the challenge. */
  | { type: 'auth'; room: RoomBytes; signature: Uint8Array }
  /** client → relay: create the room with its relay-auth public key; first writer wins. */
  | { type: 'create'; room: RoomBytes; epoch: number; relayAuthPublicKey: Uint8Array; signature: Uint8Array }
  /** relay → client: stored or live envelopes, in seq order. */
  | { type: 'envelopes'; room: RoomBytes; items: readonly SeqEnvelope[] }
  /** relay → client: catch-up done; `head` = highest seq; current snapshot id (16 zero bytes: none). */
  | { type: 'synced'; room: RoomBytes; head: number; snapshotId: Uint8Array; snapshotCovers: number }
  /** client → relay: envelopes to store (update or snapshot kinds). */
  | { type: 'push'; room: RoomBytes; envelopes: readonly Uint8Array[] }
  /** relay → client: these pushed envelopes are durably stored. Snapshots ack with seq = covers. */
  | { type: 'ack'; room: RoomBytes; items: readonly AckEntry[] }
  /** both ways: an ephemeral envelope (awareness), fanned out, never stored. */
  | { type: 'ephemeral'; room: RoomBytes; envelope: Uint8Array }
  /** relay → client: a refusal. room and envelopeId are 16 zero bytes when not applicable. */
  | { type: 'error'; room: RoomBytes; code: number; envelopeId: Uint8Array; message: string }
  /** client → relay: stop receiving this room on this socket. */
  | { type: 'leave'; room: RoomBytes }
  /** relay → client: the room's current snapshot envelope (catch-up of a new client, or after a CAS conflict). */
  | { type: 'snapshot'; room: RoomBytes; covers: number; envelope: Uint8Array }
  /** relay → client: a snapshot was accepted in this room (so the next CAS names it as parent). */
  | { type: 'snapshotted'; room: RoomBytes; snapshotId: Uint8Array; covers: number }
  /**
   * client → relay: move the room from `fromEpoch` to `toEpoch` (= fromEpoch + 1) under a new
   * relay-auth key; signed with the OLD key over the socket's challenge nonce. `keyBoxes` are
   * opaque to the relay (the new key sealed to each remaining member), 1..MAX_KEY_BOXES_BYTES.
   */
  | {
      type: 'rotate';
      room: RoomBytes;
      fromEpoch: number;
      toEpoch: number;
      newRelayAuthPublicKey: Uint8Array;
      signature: Uint8Array;
      keyBoxes: Uint8Array;
    }
  /** relay → client: your rotation won; the room is now at `epoch` and you stay joined in it. */
  | { type: 'rotated'; room: RoomBytes; epoch: number }
  /**
   * relay → client: a stored rotation record (to sockets whose key it made old, and after a
   * `rotate_conflict`). `nonce` and `signature` let a client check the old key signed it.
   */
  | {
      type: 'rotation';
      room: RoomBytes;
      fromEpoch: number;
      toEpoch: number;
      newRelayAuthPublicKey: Uint8Array;
      nonce: Uint8Array;
      signature: Uint8Array;
      keyBoxes: Uint8Array;
    }
  /** client → relay: stored envelopes of every epoch with seq >= fromSeq, at most `limit`. */
  | { type: 'history'; room: RoomBytes; fromSeq: number; limit: number }
  /** relay → client: one chunk of a history answer (layout of `envelopes`). */
  | { type: 'historyEnvelopes'; room: RoomBytes; items: readonly SeqEnvelope[] }
  /** relay → client: a history answer is complete; ask from `nextSeq` for more (none when nextSeq > head). */
  | { type: 'historyEnd'; room: RoomBytes; nextSeq: number; head: number }
  /**
   * client → relay: keep `blob` (a cartella's keys sealed to the ente's recovery key, opaque to
   * the relay, 1..MAX_ESCROW_BLOB_BYTES) for this room under `mailbox` (BLAKE2b-256 of the recovery
   * public key), replacing what was there. Only from a socket joined with the room's current key.
   */
  | { type: 'escrow'; room: RoomBytes; mailbox: Uint8Array; blob: Uint8Array }
  /** relay → client: the blob whose id (BLAKE2b-128 of its bytes) is `blobId` is durably stored. */
  | { type: 'escrowed'; room: RoomBytes; mailbox: Uint8Array; blobId: Uint8Array; storedAt: number }
  /** client → relay: I want to list `mailbox`; send me a challenge. */
  | { type: 'escrowHello'; protocolVersion: number; mailbox: Uint8Array }
  /** relay → client: a fresh X25519 public key; the list proof is a Diffie-Hellman with it. */
  | { type: 'escrowChallenge'; mailbox: Uint8Array; ephemeralPublicKey: Uint8Array }
  /**
   * client → relay: the escrows of `mailbox` with room >= `fromRoom` (byte order), at most `limit`,
   * with the proof that the sender holds the recovery private key (crypto/relayAuth.ts).
   */
  | { type: 'escrowList'; mailbox: Uint8Array; recoveryPublicKey: Uint8Array; proof: Uint8Array; fromRoom: RoomBytes; limit: number }
  /** relay → client: one chunk of a list answer, rooms strictly ascending. */
  | { type: 'escrowItems'; mailbox: Uint8Array; items: readonly EscrowItem[] }
  /** relay → client: a list answer is complete; unless `complete`, ask again from `nextRoom`. */
  | { type: 'escrowEnd'; mailbox: Uint8Array; nextRoom: RoomBytes; complete: boolean }
  /**
   * client → relay: a ticket for the attachment endpoints of this room (docs/PROTOCOL.md §4.12).
   * Only from a socket joined with the room's current key; a refusal names `requestId`.
   */
  | { type: 'blobTicket'; room: RoomBytes; requestId: Uint8Array }
  /**
   * relay → client: the ticket (bearer secret for `/blobs/<room>/…`, good until `expiresAt` and
   * while the socket stays joined with the current key), and the room's attachment limits.
   */
  | {
      type: 'blobTicketed';
      room: RoomBytes;
      requestId: Uint8Array;
      ticket: Uint8Array;
      expiresAt: number;
      maxFileBytes: number;
      quotaBytes: number;
      usedBytes: number;
    };

export type FrameErrorCode = 'frame_malformed' | 'frame_unknown_type' | 'frame_too_large';

/** Stable numeric error codes carried by `error` frames (docs/ERRORS.md is the reference). */
export const ErrorCode = {
  frame_malformed: 1,
  frame_too_large: 2,
  frame_unknown_type: 3,
  protocol_version: 4,
  rate_limited: 5,
  backpressure: 6,
  too_many_rooms: 7,
  room_not_found: 20,
  room_exists: 21,
  auth_failed: 22,
  not_authenticated: 23,
  no_challenge: 24,
  key_rotated: 25,
  rotate_conflict: 26,
  rotate_invalid: 27,
  envelope_malformed: 40,
  envelope_version: 41,
  envelope_signature: 42,
  envelope_room: 43,
  envelope_epoch: 44,
  envelope_clock_gap: 45,
  envelope_clock_replay: 46,
  envelope_kind: 48,
  snapshot_conflict: 49,
  snapshot_invalid: 50,
  escrow_full: 60,
  escrow_auth_failed: 61,
  internal: 90,
  shutting_down: 91,
} as const;
export type ErrorCodeName = keyof typeof ErrorCode;

/** WebSocket close codes the relay uses (the client reconnects after 1012 and 1013). */
export const CloseCode = { protocolError: 1002, policy: 1008, tooLarge: 1009, restart: 1012, tryAgainLater: 1013 } as const;

/** Sizes of the fixed fields of the frame layouts (docs/PROTOCOL.md). */
export const ROOM_BYTES = 16;
export const ID_BYTES = 16;
export const NONCE_BYTES = 32;
export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

/** Bytes of an `envelopes` frame before its items: type, room, u32 count. */
export const ENVELOPES_FRAME_HEADER_BYTES = 1 + ROOM_BYTES + 4;
/** Bytes each item adds to an `envelopes` frame besides the envelope itself: u64 seq, u32 len. */
export const ENVELOPES_ITEM_HEADER_BYTES = 8 + 4;
/** Bytes of a `push` frame before its items: type, room, u32 count. */
export const PUSH_FRAME_HEADER_BYTES = 1 + ROOM_BYTES + 4;
/** Bytes each item adds to a `push` frame besides the envelope itself: u32 len. */
export const PUSH_ITEM_HEADER_BYTES = 4;
/**
 * Largest `keyBoxes` field of `rotate` and `rotation` (256 KiB): the new key sealed to a few
 * hundred members fits many times over, and a rotation frame always fits in a 1 MiB frame.
 */
export const MAX_KEY_BOXES_BYTES = 256 * 1024;

/** An escrow mailbox id: BLAKE2b-256 of the ente's recovery public key (crypto/relayAuth.ts). */
export const MAILBOX_BYTES = 32;
/** The escrow list proof (crypto/relayAuth.ts). */
export const ESCROW_PROOF_BYTES = 32;
/**
 * Largest escrow blob (64 KiB): twice the largest recovery blob crypto/recovery.ts can make
 * (32,825 bytes: 256 epochs in each part), so the format may grow once without a protocol change.
 */
export const MAX_ESCROW_BLOB_BYTES = 64 * 1024;
/** Bytes of an `escrowItems` frame before its items: type, mailbox, u32 count. */
export const ESCROW_ITEMS_FRAME_HEADER_BYTES = 1 + MAILBOX_BYTES + 4;
/** Bytes each item adds to an `escrowItems` frame besides the blob: room, u32 epoch, u64 storedAt, u32 len. */
export const ESCROW_ITEM_HEADER_BYTES = ROOM_BYTES + 4 + 8 + 4;
/** The request id of `blobTicket` / `blobTicketed` (names a refusal in `envelopeId`). */
export const BLOB_TICKET_REQUEST_BYTES = 16;
/** The ticket of `blobTicketed`: 32 random bytes. */
export const BLOB_TICKET_SECRET_BYTES = 32;

/**
 * The largest envelope that fits in every frame that carries one under `maxFrameBytes`. The
 * tightest is an `envelopes` frame with that single envelope, so a relay that accepted bigger
 * envelopes could store one it can never send back.
 */
export function maxEnvelopeBytes(maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES): number {
  return maxFrameBytes - ENVELOPES_FRAME_HEADER_BYTES - ENVELOPES_ITEM_HEADER_BYTES;
}

/**
 * 16 zero bytes: the room or envelope id of an `error` frame when none applies, and the
 * snapshot id meaning "no snapshot yet". Shared: never write into it.
 */
export const ZERO_ID: Readonly<Uint8Array> = new Uint8Array(ID_BYTES);

const ERROR_CODE_NAMES = new Map<number, ErrorCodeName>(
  (Object.keys(ErrorCode) as ErrorCodeName[]).map((name) => [ErrorCode[name], name]),
);

/** The name of a numeric error code, or undefined for a code this version does not know. */
export function errorCodeName(code: number): ErrorCodeName | undefined {
  return ERROR_CODE_NAMES.get(code);
}
