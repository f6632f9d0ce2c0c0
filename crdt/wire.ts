/**
 * @module crdt/wire
 * The binary frame codec shared by the sync engine and the relay: one WebSocket binary message
 * is one frame. It knows bytes only — no Yjs, no keys — and its decoder never throws on bad
 * input: it returns a typed error. The byte layout is specified in docs/PROTOCOL.md.
 *
 * This file is the one entry point (the relay may import only crdt/wire.ts). TYPES ARE FIXED
 * (engine and relay are written against them; new frames and codes are only ever added); they
 * live in crdt/wire/frame.ts so the encoder and decoder can use them without an import cycle:
 *   crdt/wire/frame.ts   frame shapes, FrameType, ErrorCode, CloseCode, field sizes
 *   crdt/wire/encode.ts  encodeFrame, encodeEnvelopesFrame, errorFrame
 *   crdt/wire/decode.ts  decodeFrame
 *   crdt/wire/blob.ts    attachment blobs: manifest and blob id, live set, HTTP bodies (no keys)
 *   crdt/wire/reader.ts, crdt/wire/writer.ts  bounds-checked byte cursors
 *
 * Zero copy: every byte field of a decoded frame (room, ids, signatures, envelopes) is a view of
 * the input, so the relay can forward envelopes without copying. The caller must not mutate the
 * input after decoding (and must copy a field it keeps if it reuses the input buffer).
 */
export {
  BLOB_TICKET_REQUEST_BYTES,
  BLOB_TICKET_SECRET_BYTES,
  CloseCode,
  DEFAULT_MAX_FRAME_BYTES,
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
  PROTOCOL_VERSION,
  PUBLIC_KEY_BYTES,
  PUSH_FRAME_HEADER_BYTES,
  PUSH_ITEM_HEADER_BYTES,
  ROOM_BYTES,
  SIGNATURE_BYTES,
  ZERO_ID,
  errorCodeName,
  maxEnvelopeBytes,
} from './wire/frame';
export type { AckEntry, ErrorCodeName, EscrowItem, Frame, FrameErrorCode, RoomBytes, SeqEnvelope } from './wire/frame';
export { encodeEnvelopesFrame, encodeFrame, errorFrame } from './wire/encode';
export { decodeFrame } from './wire/decode';
export {
  BLOB_CHUNK_MAX_BYTES,
  BLOB_ID_BYTES,
  BLOB_ID_DOMAIN,
  BLOB_MANIFEST_ENTRY_BYTES,
  BLOB_MAX_CHUNKS,
  BLOB_REFUSAL_CODES,
  LIVE_SET_MAX_IDS,
  blobBytesForFile,
  blobChunkHash,
  blobIdFromText,
  blobIdOf,
  blobIdToText,
  decodeBlobManifest,
  decodeLiveSet,
  encodeLiveSet,
  manifestOfChunks,
  parseBlobRefusalBody,
  parseBlobStatusBody,
  parseLiveSetAnswerBody,
} from './wire/blob';
export type { BlobChunkEntry, BlobManifest, BlobRefusalBody, BlobRefusalCode, BlobState, BlobStatusBody, LiveSet, LiveSetAnswerBody } from './wire/blob';
