/**
 * @module crypto/attachmentsFormat
 * Owns the byte layout of an encrypted attachment (a scanned or photographed document), format
 * `CRTALLG1` (docs/ATTACHMENTS.md): the 69-byte header, the padded plaintext stream, the chunk
 * sizes, and the refusal codes of its parser. Key-free: it reads and writes layouts only.
 *
 * ```
 * header (69 bytes): "CRTALLG1" | u8 version 1 | 16 room | u32 epoch | 32 salt
 *                    | u32 chunkBytes (1 MiB) | u32 chunkCount n
 * transfer chunk 0 : header | ciphertext of plaintext chunk 0
 * transfer chunk i : ciphertext of plaintext chunk i (i = 1 … n - 1)
 * ```
 * The plaintext stream is `u64 file length | file | zero bytes`, padded to
 * {@link attachmentPaddedLength}, cut into chunks of `chunkBytes` (the last one shorter).
 */
import { readU32, writeU32 } from './bytes';
import { err, ok } from './result';
import type { Result } from './result';
import { ROOM_ID_BYTES } from './roomId';

/** The first 8 bytes of every attachment blob. */
export const ATTACHMENT_MAGIC = 'CRTALLG1';
/** The only version this code writes and reads. */
export const ATTACHMENT_VERSION = 1;
/** Random per-file salt from which the file key is derived. */
export const ATTACHMENT_SALT_BYTES = 32;
/** Bytes of the header at the start of transfer chunk 0. */
export const ATTACHMENT_HEADER_BYTES = 8 + 1 + ROOM_ID_BYTES + 4 + ATTACHMENT_SALT_BYTES + 4 + 4;
/** Plaintext bytes per chunk (the last chunk may be shorter). */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;
/** Poly1305 tag added to every chunk. */
export const ATTACHMENT_TAG_BYTES = 16;
/** Bytes of the plaintext length prefix of the stream. */
export const ATTACHMENT_LENGTH_BYTES = 8;
/** The smallest padding step: every padded stream is a multiple of 64 KiB. */
export const ATTACHMENT_PAD_STEP_BYTES = 64 * 1024;
/** Upper bound on chunks the parser accepts (4 GiB of plaintext; relays enforce far less). */
export const ATTACHMENT_MAX_CHUNKS = 4096;

const MAGIC = new TextEncoder().encode(ATTACHMENT_MAGIC);

/** Why an attachment could not be opened (docs/ERRORS.md, "Attachments"). */
export type AttachmentErrorCode =
  | 'attachment_malformed'
  | 'attachment_version'
  | 'attachment_room'
  | 'attachment_epoch'
  | 'attachment_truncated'
  | 'attachment_decrypt'
  | 'attachment_padding';

/** The header of an attachment blob. */
export interface AttachmentHeader {
  readonly roomId: Uint8Array;
  readonly epoch: number;
  readonly salt: Uint8Array;
  readonly chunkBytes: number;
  readonly chunkCount: number;
}

/**
 * The padded length of the plaintext stream of a file of `fileBytes` bytes: x = 8 + fileBytes
 * rounded up to a multiple of max(64 KiB, 2^(E − S)), where E = ⌊log2 x⌋ and S = ⌊log2 E⌋ + 1
 * (Padmé, Nikitin et al. 2019, with a 64 KiB floor). The relay sees only this size: it learns
 * at most O(log log) bits of the file's length, for at most one 64 KiB step of overhead up to
 * 2 MiB and under 3.2 % above.
 * @throws RangeError on a negative or fractional length.
 */
export function attachmentPaddedLength(fileBytes: number): number {
  if (!Number.isSafeInteger(fileBytes) || fileBytes < 0) throw new RangeError(`invalid file length: ${fileBytes}`);
  const x = ATTACHMENT_LENGTH_BYTES + fileBytes;
  const e = Math.floor(Math.log2(x));
  const s = Math.floor(Math.log2(e)) + 1;
  const step = Math.max(ATTACHMENT_PAD_STEP_BYTES, 2 ** Math.max(0, e - s));
  return Math.ceil(x / step) * step;
}

/** Number of chunks of a padded stream of `paddedBytes`. */
export function attachmentChunkCount(paddedBytes: number): number {
  return Math.ceil(paddedBytes / ATTACHMENT_CHUNK_BYTES);
}

/** The exact size of the blob (header + every chunk's ciphertext) of a file of `fileBytes`. */
export function attachmentBlobBytes(fileBytes: number): number {
  const padded = attachmentPaddedLength(fileBytes);
  return ATTACHMENT_HEADER_BYTES + padded + ATTACHMENT_TAG_BYTES * attachmentChunkCount(padded);
}

/** Encodes a header. @throws RangeError on fields the layout cannot carry. */
export function encodeAttachmentHeader(h: AttachmentHeader): Uint8Array {
  if (h.roomId.length !== ROOM_ID_BYTES) throw new RangeError(`room id must be ${ROOM_ID_BYTES} bytes`);
  if (h.salt.length !== ATTACHMENT_SALT_BYTES) throw new RangeError(`salt must be ${ATTACHMENT_SALT_BYTES} bytes`);
  if (h.chunkCount < 1 || h.chunkCount > ATTACHMENT_MAX_CHUNKS) throw new RangeError(`chunk count out of range: ${h.chunkCount}`);
  const out = new Uint8Array(ATTACHMENT_HEADER_BYTES);
  out.set(MAGIC, 0);
  out[8] = ATTACHMENT_VERSION;
  out.set(h.roomId, 9);
  writeU32(out, 25, h.epoch);
  out.set(h.salt, 29);
  writeU32(out, 61, h.chunkBytes);
  writeU32(out, 65, h.chunkCount);
  return out;
}

/**
 * Parses the header at the start of transfer chunk 0 (untrusted bytes). Never throws. Byte
 * fields are views of `chunk0`. Checks magic, version, the v1 chunk size and the chunk count.
 */
export function parseAttachmentHeader(chunk0: Uint8Array): Result<AttachmentHeader, AttachmentErrorCode> {
  if (!(chunk0 instanceof Uint8Array) || chunk0.length < ATTACHMENT_HEADER_BYTES) {
    return err('attachment_malformed', 'shorter than an attachment header');
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (chunk0[i] !== MAGIC[i]) return err('attachment_malformed', 'not an attachment (magic)');
  }
  if (chunk0[8] !== ATTACHMENT_VERSION) return err('attachment_version', `attachment version ${chunk0[8]} is not supported`);
  const chunkBytes = readU32(chunk0, 61);
  const chunkCount = readU32(chunk0, 65);
  if (chunkBytes !== ATTACHMENT_CHUNK_BYTES) return err('attachment_malformed', `chunk size ${chunkBytes} is not ${ATTACHMENT_CHUNK_BYTES}`);
  if (chunkCount < 1 || chunkCount > ATTACHMENT_MAX_CHUNKS) return err('attachment_malformed', `chunk count ${chunkCount} out of range`);
  return ok({
    roomId: chunk0.subarray(9, 25),
    epoch: readU32(chunk0, 25),
    salt: chunk0.subarray(29, 61),
    chunkBytes,
    chunkCount,
  });
}

/** The 24-byte nonce of chunk `index`: u32 index | u8 final | 19 zero bytes (STREAM construction). */
export function attachmentChunkNonce(index: number, final: boolean): Uint8Array {
  const nonce = new Uint8Array(24);
  writeU32(nonce, 0, index);
  nonce[4] = final ? 1 : 0;
  return nonce;
}
