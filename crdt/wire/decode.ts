/**
 * @module crdt/wire/decode
 * Owns turning untrusted bytes into frames. It never throws: every refusal is a `Result` with a
 * `FrameErrorCode`. Lengths are checked before anything is read or allocated, and byte fields
 * are views of the input (zero copy: the relay forwards envelopes as they came).
 */
import { err, ok } from '../../crypto/result';
import type { Result } from '../../crypto/result';
import {
  BLOB_TICKET_REQUEST_BYTES,
  BLOB_TICKET_SECRET_BYTES,
  DEFAULT_MAX_FRAME_BYTES,
  ENVELOPES_ITEM_HEADER_BYTES,
  ESCROW_ITEM_HEADER_BYTES,
  ESCROW_PROOF_BYTES,
  FrameType,
  ID_BYTES,
  MAILBOX_BYTES,
  MAX_ESCROW_BLOB_BYTES,
  MAX_KEY_BOXES_BYTES,
  NONCE_BYTES,
  PUBLIC_KEY_BYTES,
  PUSH_ITEM_HEADER_BYTES,
  ROOM_BYTES,
  SIGNATURE_BYTES,
} from './frame';
import type { AckEntry, EscrowItem, Frame, FrameErrorCode, SeqEnvelope } from './frame';
import { FrameReader } from './reader';

/**
 * Decodes one frame of untrusted bytes. Never throws: a refusal is `frame_too_large` (checked
 * before anything is parsed), `frame_unknown_type` or `frame_malformed` (empty, truncated,
 * trailing bytes, a count that cannot fit, a u64 above 2^53 - 1, an empty envelope, seqs not
 * ascending, invalid UTF-8, key boxes empty or above MAX_KEY_BOXES_BYTES, an escrow blob empty or
 * above MAX_ESCROW_BLOB_BYTES, escrow rooms not ascending). Byte fields are views of `bytes`: do not
 * mutate it afterwards.
 * Envelopes are not parsed here (crypto's envelope parser does that).
 */
export function decodeFrame(
  bytes: Uint8Array,
  maxBytes: number = DEFAULT_MAX_FRAME_BYTES,
): Result<Frame, FrameErrorCode> {
  if (bytes.length > maxBytes) {
    return err('frame_too_large', `frame of ${bytes.length} bytes is above the limit of ${maxBytes}`);
  }
  const type = bytes[0];
  if (type === undefined) return err('frame_malformed', 'empty frame');
  const reader = new FrameReader(bytes, 1);
  const frame = readFrame(type, reader);
  if (frame === undefined) return err('frame_unknown_type', `unknown frame type 0x${type.toString(16).padStart(2, '0')}`);
  reader.end();
  if (reader.failure !== undefined) return err('frame_malformed', `${frame.type} frame: ${reader.failure}`);
  return ok(frame);
}

/** Reads the body of a frame of type `type` (object fields are read in layout order). */
function readFrame(type: number, r: FrameReader): Frame | undefined {
  switch (type) {
    case FrameType.hello:
      return { type: 'hello', protocolVersion: r.u16('protocolVersion'), room: r.bytes(ROOM_BYTES, 'room'), since: r.u64('since') };
    case FrameType.challenge:
      return { type: 'challenge', room: r.bytes(ROOM_BYTES, 'room'), nonce: r.bytes(NONCE_BYTES, 'nonce'), roomExists: r.flag('roomExists') };
    case FrameType.auth:
      return { type: 'auth', room: r.bytes(ROOM_BYTES, 'room'), signature: r.bytes(SIGNATURE_BYTES, 'signature') };
    case FrameType.create:
      return {
        type: 'create',
        room: r.bytes(ROOM_BYTES, 'room'),
        epoch: r.u32('epoch'),
        relayAuthPublicKey: r.bytes(PUBLIC_KEY_BYTES, 'relayAuthPublicKey'),
        signature: r.bytes(SIGNATURE_BYTES, 'signature'),
      };
    case FrameType.envelopes:
      return { type: 'envelopes', room: r.bytes(ROOM_BYTES, 'room'), items: readSeqEnvelopes(r) };
    case FrameType.synced:
      return {
        type: 'synced',
        room: r.bytes(ROOM_BYTES, 'room'),
        head: r.u64('head'),
        snapshotId: r.bytes(ID_BYTES, 'snapshotId'),
        snapshotCovers: r.u64('snapshotCovers'),
      };
    case FrameType.push: {
      const room = r.bytes(ROOM_BYTES, 'room');
      const count = r.count(PUSH_ITEM_HEADER_BYTES + 1, 'count');
      const envelopes: Uint8Array[] = [];
      for (let i = 0; i < count && r.failure === undefined; i++) envelopes.push(r.envelope('envelope'));
      return { type: 'push', room, envelopes };
    }
    case FrameType.ack: {
      const room = r.bytes(ROOM_BYTES, 'room');
      const count = r.count(ID_BYTES + 8, 'count');
      const items: AckEntry[] = [];
      for (let i = 0; i < count && r.failure === undefined; i++) {
        items.push({ id: r.bytes(ID_BYTES, 'id'), seq: r.u64('seq') });
      }
      return { type: 'ack', room, items };
    }
    case FrameType.ephemeral:
      return { type: 'ephemeral', room: r.bytes(ROOM_BYTES, 'room'), envelope: r.envelope('envelope') };
    case FrameType.error:
      return {
        type: 'error',
        room: r.bytes(ROOM_BYTES, 'room'),
        code: r.u16('code'),
        envelopeId: r.bytes(ID_BYTES, 'envelopeId'),
        message: r.utf8('message'),
      };
    case FrameType.leave:
      return { type: 'leave', room: r.bytes(ROOM_BYTES, 'room') };
    case FrameType.snapshot:
      return { type: 'snapshot', room: r.bytes(ROOM_BYTES, 'room'), covers: r.u64('covers'), envelope: r.envelope('envelope') };
    case FrameType.snapshotted:
      return { type: 'snapshotted', room: r.bytes(ROOM_BYTES, 'room'), snapshotId: r.bytes(ID_BYTES, 'snapshotId'), covers: r.u64('covers') };
    case FrameType.rotate:
      return {
        type: 'rotate',
        room: r.bytes(ROOM_BYTES, 'room'),
        fromEpoch: r.u32('fromEpoch'),
        toEpoch: r.u32('toEpoch'),
        newRelayAuthPublicKey: r.bytes(PUBLIC_KEY_BYTES, 'newRelayAuthPublicKey'),
        signature: r.bytes(SIGNATURE_BYTES, 'signature'),
        keyBoxes: r.boundedBytes(MAX_KEY_BOXES_BYTES, 'keyBoxes'),
      };
    case FrameType.rotated:
      return { type: 'rotated', room: r.bytes(ROOM_BYTES, 'room'), epoch: r.u32('epoch') };
    case FrameType.rotation:
      return {
        type: 'rotation',
        room: r.bytes(ROOM_BYTES, 'room'),
        fromEpoch: r.u32('fromEpoch'),
        toEpoch: r.u32('toEpoch'),
        newRelayAuthPublicKey: r.bytes(PUBLIC_KEY_BYTES, 'newRelayAuthPublicKey'),
        nonce: r.bytes(NONCE_BYTES, 'nonce'),
        signature: r.bytes(SIGNATURE_BYTES, 'signature'),
        keyBoxes: r.boundedBytes(MAX_KEY_BOXES_BYTES, 'keyBoxes'),
      };
    case FrameType.history:
      return { type: 'history', room: r.bytes(ROOM_BYTES, 'room'), fromSeq: r.u64('fromSeq'), limit: r.u32('limit') };
    case FrameType.historyEnvelopes:
      return { type: 'historyEnvelopes', room: r.bytes(ROOM_BYTES, 'room'), items: readSeqEnvelopes(r) };
    case FrameType.historyEnd:
      return { type: 'historyEnd', room: r.bytes(ROOM_BYTES, 'room'), nextSeq: r.u64('nextSeq'), head: r.u64('head') };
    case FrameType.escrow:
      return {
        type: 'escrow',
        room: r.bytes(ROOM_BYTES, 'room'),
        mailbox: r.bytes(MAILBOX_BYTES, 'mailbox'),
        blob: r.boundedBytes(MAX_ESCROW_BLOB_BYTES, 'blob'),
      };
    case FrameType.escrowed:
      return {
        type: 'escrowed',
        room: r.bytes(ROOM_BYTES, 'room'),
        mailbox: r.bytes(MAILBOX_BYTES, 'mailbox'),
        blobId: r.bytes(ID_BYTES, 'blobId'),
        storedAt: r.u64('storedAt'),
      };
    case FrameType.escrowHello:
      return { type: 'escrowHello', protocolVersion: r.u16('protocolVersion'), mailbox: r.bytes(MAILBOX_BYTES, 'mailbox') };
    case FrameType.escrowChallenge:
      return {
        type: 'escrowChallenge',
        mailbox: r.bytes(MAILBOX_BYTES, 'mailbox'),
        ephemeralPublicKey: r.bytes(PUBLIC_KEY_BYTES, 'ephemeralPublicKey'),
      };
    case FrameType.escrowList:
      return {
        type: 'escrowList',
        mailbox: r.bytes(MAILBOX_BYTES, 'mailbox'),
        recoveryPublicKey: r.bytes(PUBLIC_KEY_BYTES, 'recoveryPublicKey'),
        proof: r.bytes(ESCROW_PROOF_BYTES, 'proof'),
        fromRoom: r.bytes(ROOM_BYTES, 'fromRoom'),
        limit: r.u32('limit'),
      };
    case FrameType.escrowItems:
      return { type: 'escrowItems', mailbox: r.bytes(MAILBOX_BYTES, 'mailbox'), items: readEscrowItems(r) };
    case FrameType.escrowEnd:
      return {
        type: 'escrowEnd',
        mailbox: r.bytes(MAILBOX_BYTES, 'mailbox'),
        nextRoom: r.bytes(ROOM_BYTES, 'nextRoom'),
        complete: r.flag('complete'),
      };
    case FrameType.blobTicket:
      return { type: 'blobTicket', room: r.bytes(ROOM_BYTES, 'room'), requestId: r.bytes(BLOB_TICKET_REQUEST_BYTES, 'requestId') };
    case FrameType.blobTicketed:
      return {
        type: 'blobTicketed',
        room: r.bytes(ROOM_BYTES, 'room'),
        requestId: r.bytes(BLOB_TICKET_REQUEST_BYTES, 'requestId'),
        ticket: r.bytes(BLOB_TICKET_SECRET_BYTES, 'ticket'),
        expiresAt: r.u64('expiresAt'),
        maxFileBytes: r.u64('maxFileBytes'),
        quotaBytes: r.u64('quotaBytes'),
        usedBytes: r.u64('usedBytes'),
      };
    default:
      return undefined;
  }
}

/** The items of an `envelopes` or `historyEnvelopes` frame: u32 count, then strictly ascending seqs. */
function readSeqEnvelopes(r: FrameReader): SeqEnvelope[] {
  const count = r.count(ENVELOPES_ITEM_HEADER_BYTES + 1, 'count');
  const items: SeqEnvelope[] = [];
  let previous = -1;
  for (let i = 0; i < count && r.failure === undefined; i++) {
    const seq = r.u64('seq');
    if (seq <= previous) r.fail(`seq ${seq} of item ${i} does not follow ${previous}`);
    previous = seq;
    items.push({ seq, envelope: r.envelope('envelope') });
  }
  return items;
}

/** The items of an `escrowItems` frame: u32 count, then rooms strictly ascending in byte order (W13). */
function readEscrowItems(r: FrameReader): EscrowItem[] {
  const count = r.count(ESCROW_ITEM_HEADER_BYTES + 1, 'count');
  const items: EscrowItem[] = [];
  let previous: Uint8Array | undefined;
  for (let i = 0; i < count && r.failure === undefined; i++) {
    const room = r.bytes(ROOM_BYTES, 'room');
    if (previous !== undefined && r.failure === undefined && !ascending(previous, room)) r.fail(`room of item ${i} does not follow the previous one`);
    previous = room;
    items.push({ room, epoch: r.u32('epoch'), storedAt: r.u64('storedAt'), blob: r.boundedBytes(MAX_ESCROW_BLOB_BYTES, 'blob') });
  }
  return items;
}

/** Whether `a` < `b` in byte order (both ROOM_BYTES long). */
function ascending(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y;
  }
  return false;
}
