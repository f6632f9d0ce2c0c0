/**
 * @module crdt/wire/encode
 * Owns turning frames into bytes: one allocation of the exact size per frame, and a throw for a
 * field the layout cannot carry (a programming error, never untrusted input). Also the two
 * frames the relay builds on its hot path: fan-out `envelopes` (framed once) and `error`.
 */
import {
  BLOB_TICKET_REQUEST_BYTES,
  BLOB_TICKET_SECRET_BYTES,
  ENVELOPES_FRAME_HEADER_BYTES,
  ENVELOPES_ITEM_HEADER_BYTES,
  ErrorCode,
  ESCROW_ITEM_HEADER_BYTES,
  ESCROW_ITEMS_FRAME_HEADER_BYTES,
  ESCROW_PROOF_BYTES,
  FrameType,
  ID_BYTES,
  MAILBOX_BYTES,
  MAX_ESCROW_BLOB_BYTES,
  MAX_KEY_BOXES_BYTES,
  NONCE_BYTES,
  PUBLIC_KEY_BYTES,
  PUSH_FRAME_HEADER_BYTES,
  PUSH_ITEM_HEADER_BYTES,
  ROOM_BYTES,
  SIGNATURE_BYTES,
  ZERO_ID,
} from './frame';
import type { ErrorCodeName, EscrowItem, Frame, RoomBytes, SeqEnvelope } from './frame';

type FrameTypeByte = (typeof FrameType)[keyof typeof FrameType];
import { FrameWriter, utf8Length } from './writer';

/** Error messages longer than this (UTF-16 units) are cut by `errorFrame` (u16 length on the wire). */
const MAX_ERROR_MESSAGE_CHARS = 1024;

/**
 * Encodes a frame. Throws (programming error) on a field the layout cannot carry: a fixed-size
 * field of the wrong length, an integer out of range, an empty envelope, seqs not ascending.
 */
export function encodeFrame(frame: Frame): Uint8Array {
  switch (frame.type) {
    case 'hello': {
      const w = new FrameWriter(1 + 2 + ROOM_BYTES + 8, FrameType.hello);
      w.u16(frame.protocolVersion, 'protocolVersion');
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u64(frame.since, 'since');
      return w.finish();
    }
    case 'challenge': {
      const w = new FrameWriter(1 + ROOM_BYTES + NONCE_BYTES + 1, FrameType.challenge);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.fixed(frame.nonce, NONCE_BYTES, 'nonce');
      w.u8(frame.roomExists ? 1 : 0, 'roomExists');
      return w.finish();
    }
    case 'auth': {
      const w = new FrameWriter(1 + ROOM_BYTES + SIGNATURE_BYTES, FrameType.auth);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.fixed(frame.signature, SIGNATURE_BYTES, 'signature');
      return w.finish();
    }
    case 'create': {
      const w = new FrameWriter(1 + ROOM_BYTES + 4 + PUBLIC_KEY_BYTES + SIGNATURE_BYTES, FrameType.create);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u32(frame.epoch, 'epoch');
      w.fixed(frame.relayAuthPublicKey, PUBLIC_KEY_BYTES, 'relayAuthPublicKey');
      w.fixed(frame.signature, SIGNATURE_BYTES, 'signature');
      return w.finish();
    }
    case 'envelopes':
      return encodeEnvelopesFrame(frame.room, frame.items);
    case 'synced': {
      const w = new FrameWriter(1 + ROOM_BYTES + 8 + ID_BYTES + 8, FrameType.synced);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u64(frame.head, 'head');
      w.fixed(frame.snapshotId, ID_BYTES, 'snapshotId');
      w.u64(frame.snapshotCovers, 'snapshotCovers');
      return w.finish();
    }
    case 'push': {
      let size = PUSH_FRAME_HEADER_BYTES;
      for (const envelope of frame.envelopes) size += PUSH_ITEM_HEADER_BYTES + envelope.length;
      const w = new FrameWriter(size, FrameType.push);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u32(frame.envelopes.length, 'count');
      for (const envelope of frame.envelopes) w.envelope(envelope, 'envelope');
      return w.finish();
    }
    case 'ack': {
      const w = new FrameWriter(1 + ROOM_BYTES + 4 + frame.items.length * (ID_BYTES + 8), FrameType.ack);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u32(frame.items.length, 'count');
      for (const item of frame.items) {
        w.fixed(item.id, ID_BYTES, 'id');
        w.u64(item.seq, 'seq');
      }
      return w.finish();
    }
    case 'ephemeral': {
      const w = new FrameWriter(1 + ROOM_BYTES + 4 + frame.envelope.length, FrameType.ephemeral);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.envelope(frame.envelope, 'envelope');
      return w.finish();
    }
    case 'error': {
      const messageBytes = utf8Length(frame.message);
      const w = new FrameWriter(1 + ROOM_BYTES + 2 + ID_BYTES + 2 + messageBytes, FrameType.error);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u16(frame.code, 'code');
      w.fixed(frame.envelopeId, ID_BYTES, 'envelopeId');
      w.utf8(frame.message, messageBytes, 'message');
      return w.finish();
    }
    case 'leave': {
      const w = new FrameWriter(1 + ROOM_BYTES, FrameType.leave);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      return w.finish();
    }
    case 'snapshot': {
      const w = new FrameWriter(1 + ROOM_BYTES + 8 + 4 + frame.envelope.length, FrameType.snapshot);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u64(frame.covers, 'covers');
      w.envelope(frame.envelope, 'envelope');
      return w.finish();
    }
    case 'snapshotted': {
      const w = new FrameWriter(1 + ROOM_BYTES + ID_BYTES + 8, FrameType.snapshotted);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.fixed(frame.snapshotId, ID_BYTES, 'snapshotId');
      w.u64(frame.covers, 'covers');
      return w.finish();
    }
    case 'rotate': {
      const w = new FrameWriter(
        1 + ROOM_BYTES + 4 + 4 + PUBLIC_KEY_BYTES + SIGNATURE_BYTES + 4 + frame.keyBoxes.length,
        FrameType.rotate,
      );
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u32(frame.fromEpoch, 'fromEpoch');
      w.u32(frame.toEpoch, 'toEpoch');
      w.fixed(frame.newRelayAuthPublicKey, PUBLIC_KEY_BYTES, 'newRelayAuthPublicKey');
      w.fixed(frame.signature, SIGNATURE_BYTES, 'signature');
      w.boundedBytes(frame.keyBoxes, MAX_KEY_BOXES_BYTES, 'keyBoxes');
      return w.finish();
    }
    case 'rotated': {
      const w = new FrameWriter(1 + ROOM_BYTES + 4, FrameType.rotated);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u32(frame.epoch, 'epoch');
      return w.finish();
    }
    case 'rotation': {
      const w = new FrameWriter(
        1 + ROOM_BYTES + 4 + 4 + PUBLIC_KEY_BYTES + NONCE_BYTES + SIGNATURE_BYTES + 4 + frame.keyBoxes.length,
        FrameType.rotation,
      );
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u32(frame.fromEpoch, 'fromEpoch');
      w.u32(frame.toEpoch, 'toEpoch');
      w.fixed(frame.newRelayAuthPublicKey, PUBLIC_KEY_BYTES, 'newRelayAuthPublicKey');
      w.fixed(frame.nonce, NONCE_BYTES, 'nonce');
      w.fixed(frame.signature, SIGNATURE_BYTES, 'signature');
      w.boundedBytes(frame.keyBoxes, MAX_KEY_BOXES_BYTES, 'keyBoxes');
      return w.finish();
    }
    case 'history': {
      const w = new FrameWriter(1 + ROOM_BYTES + 8 + 4, FrameType.history);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u64(frame.fromSeq, 'fromSeq');
      w.u32(frame.limit, 'limit');
      return w.finish();
    }
    case 'historyEnvelopes':
      return encodeSeqEnvelopes(FrameType.historyEnvelopes, frame.room, frame.items);
    case 'historyEnd': {
      const w = new FrameWriter(1 + ROOM_BYTES + 8 + 8, FrameType.historyEnd);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.u64(frame.nextSeq, 'nextSeq');
      w.u64(frame.head, 'head');
      return w.finish();
    }
    case 'escrow': {
      const w = new FrameWriter(1 + ROOM_BYTES + MAILBOX_BYTES + 4 + frame.blob.length, FrameType.escrow);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.fixed(frame.mailbox, MAILBOX_BYTES, 'mailbox');
      w.boundedBytes(frame.blob, MAX_ESCROW_BLOB_BYTES, 'blob');
      return w.finish();
    }
    case 'escrowed': {
      const w = new FrameWriter(1 + ROOM_BYTES + MAILBOX_BYTES + ID_BYTES + 8, FrameType.escrowed);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.fixed(frame.mailbox, MAILBOX_BYTES, 'mailbox');
      w.fixed(frame.blobId, ID_BYTES, 'blobId');
      w.u64(frame.storedAt, 'storedAt');
      return w.finish();
    }
    case 'escrowHello': {
      const w = new FrameWriter(1 + 2 + MAILBOX_BYTES, FrameType.escrowHello);
      w.u16(frame.protocolVersion, 'protocolVersion');
      w.fixed(frame.mailbox, MAILBOX_BYTES, 'mailbox');
      return w.finish();
    }
    case 'escrowChallenge': {
      const w = new FrameWriter(1 + MAILBOX_BYTES + PUBLIC_KEY_BYTES, FrameType.escrowChallenge);
      w.fixed(frame.mailbox, MAILBOX_BYTES, 'mailbox');
      w.fixed(frame.ephemeralPublicKey, PUBLIC_KEY_BYTES, 'ephemeralPublicKey');
      return w.finish();
    }
    case 'escrowList': {
      const w = new FrameWriter(1 + MAILBOX_BYTES + PUBLIC_KEY_BYTES + ESCROW_PROOF_BYTES + ROOM_BYTES + 4, FrameType.escrowList);
      w.fixed(frame.mailbox, MAILBOX_BYTES, 'mailbox');
      w.fixed(frame.recoveryPublicKey, PUBLIC_KEY_BYTES, 'recoveryPublicKey');
      w.fixed(frame.proof, ESCROW_PROOF_BYTES, 'proof');
      w.fixed(frame.fromRoom, ROOM_BYTES, 'fromRoom');
      w.u32(frame.limit, 'limit');
      return w.finish();
    }
    case 'escrowItems':
      return encodeEscrowItems(frame.mailbox, frame.items);
    case 'escrowEnd': {
      const w = new FrameWriter(1 + MAILBOX_BYTES + ROOM_BYTES + 1, FrameType.escrowEnd);
      w.fixed(frame.mailbox, MAILBOX_BYTES, 'mailbox');
      w.fixed(frame.nextRoom, ROOM_BYTES, 'nextRoom');
      w.u8(frame.complete ? 1 : 0, 'complete');
      return w.finish();
    }
    case 'blobTicket': {
      const w = new FrameWriter(1 + ROOM_BYTES + BLOB_TICKET_REQUEST_BYTES, FrameType.blobTicket);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.fixed(frame.requestId, BLOB_TICKET_REQUEST_BYTES, 'requestId');
      return w.finish();
    }
    case 'blobTicketed': {
      const w = new FrameWriter(1 + ROOM_BYTES + BLOB_TICKET_REQUEST_BYTES + BLOB_TICKET_SECRET_BYTES + 4 * 8, FrameType.blobTicketed);
      w.fixed(frame.room, ROOM_BYTES, 'room');
      w.fixed(frame.requestId, BLOB_TICKET_REQUEST_BYTES, 'requestId');
      w.fixed(frame.ticket, BLOB_TICKET_SECRET_BYTES, 'ticket');
      w.u64(frame.expiresAt, 'expiresAt');
      w.u64(frame.maxFileBytes, 'maxFileBytes');
      w.u64(frame.quotaBytes, 'quotaBytes');
      w.u64(frame.usedBytes, 'usedBytes');
      return w.finish();
    }
    default: {
      const unknown: never = frame;
      throw new TypeError(`unknown frame type ${String((unknown as { type?: unknown }).type)}`);
    }
  }
}

/**
 * Encodes an `envelopes` frame straight from stored items, so the relay frames a fan-out once
 * and sends the same bytes to every socket. Items must have strictly ascending seqs.
 */
export function encodeEnvelopesFrame(room: RoomBytes, items: readonly SeqEnvelope[]): Uint8Array {
  return encodeSeqEnvelopes(FrameType.envelopes, room, items);
}

/** The shared layout of `envelopes` and `historyEnvelopes`: room, u32 count, (u64 seq, envelope)…. */
function encodeSeqEnvelopes(type: FrameTypeByte, room: RoomBytes, items: readonly SeqEnvelope[]): Uint8Array {
  let size = ENVELOPES_FRAME_HEADER_BYTES;
  for (const item of items) size += ENVELOPES_ITEM_HEADER_BYTES + item.envelope.length;
  const w = new FrameWriter(size, type);
  w.fixed(room, ROOM_BYTES, 'room');
  w.u32(items.length, 'count');
  let previous = -1;
  for (const { seq, envelope } of items) {
    if (seq <= previous) throw new RangeError(`seq ${seq} does not follow ${previous}: seqs must ascend`);
    previous = seq;
    w.u64(seq, 'seq');
    w.envelope(envelope, 'envelope');
  }
  return w.finish();
}

/** The `escrowItems` layout: mailbox, u32 count, (room, u32 epoch, u64 storedAt, blob)…, rooms ascending. */
function encodeEscrowItems(mailbox: Uint8Array, items: readonly EscrowItem[]): Uint8Array {
  let size = ESCROW_ITEMS_FRAME_HEADER_BYTES;
  for (const item of items) size += ESCROW_ITEM_HEADER_BYTES + item.blob.length;
  const w = new FrameWriter(size, FrameType.escrowItems);
  w.fixed(mailbox, MAILBOX_BYTES, 'mailbox');
  w.u32(items.length, 'count');
  let previous: Uint8Array | undefined;
  for (const item of items) {
    if (previous !== undefined && !roomsAscend(previous, item.room)) throw new RangeError('escrow rooms must ascend in byte order');
    previous = item.room;
    w.fixed(item.room, ROOM_BYTES, 'room');
    w.u32(item.epoch, 'epoch');
    w.u64(item.storedAt, 'storedAt');
    w.boundedBytes(item.blob, MAX_ESCROW_BLOB_BYTES, 'blob');
  }
  return w.finish();
}

function roomsAscend(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y;
  }
  return a.length < b.length;
}

/**
 * Encodes the relay's answer to a refusal. `room` and `envelopeId` are ZERO_ID when none
 * applies; a message longer than 1024 characters is cut (messages are for logs).
 */
export function errorFrame(
  room: RoomBytes,
  codeName: ErrorCodeName,
  message: string,
  envelopeId: Uint8Array = ZERO_ID,
): Uint8Array {
  const text = message.length > MAX_ERROR_MESSAGE_CHARS ? message.slice(0, MAX_ERROR_MESSAGE_CHARS) : message;
  return encodeFrame({ type: 'error', room, code: ErrorCode[codeName], envelopeId, message: text });
}
