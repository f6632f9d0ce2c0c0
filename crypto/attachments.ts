/**
 * @module crypto/attachments
 * Owns sealing and opening an attachment (docs/ATTACHMENTS.md, format `CRTALLG1`): a file is
 * encrypted on the device, in 1 MiB chunks, under a key derived from its part's key K, so the
 * relay stores opaque chunks. Each file has its own key (from a random salt), so two blobs of
 * the same plaintext never look alike, within a cartella or across cartelle.
 *
 * Chunks use the STREAM construction over XChaCha20-Poly1305-IETF: the nonce of chunk i is
 * (i, final flag), and every chunk authenticates the whole header (room, epoch, salt, chunk
 * count) as additional data. So a changed byte, chunks swapped, a chunk from another file, a
 * header moved to another room or a missing tail are all refused, never decrypted wrongly.
 */
import {
  ATTACHMENT_CHUNK_BYTES,
  ATTACHMENT_HEADER_BYTES,
  ATTACHMENT_LENGTH_BYTES,
  ATTACHMENT_SALT_BYTES,
  ATTACHMENT_TAG_BYTES,
  attachmentChunkCount,
  attachmentChunkNonce,
  attachmentPaddedLength,
  encodeAttachmentHeader,
  parseAttachmentHeader,
} from './attachmentsFormat';
import type { AttachmentErrorCode } from './attachmentsFormat';
import { bytesEqual, readU64, writeU64 } from './bytes';
import { KDF_CONTEXT, PART_KEY_BYTES } from './keys';
import { aeadDecrypt, aeadEncrypt, blake2b } from './primitives';
import { randomBytes } from './random';
import { err, ok } from './result';
import type { Result } from './result';
import { ROOM_ID_BYTES } from './roomId';
import { sodium } from './sodium';

export * from './attachmentsFormat';

/** `crypto_kdf_derive_from_key` id of the attachment subkey (1–4 are the envelope's, keys.ts). */
export const ATTACHMENT_SUBKEY_ID = 5;
/** Domain of the per-file key: BLAKE2b-256(key = attachment subkey, domain | salt). */
export const ATTACHMENT_FILE_KEY_DOMAIN = 'cartella-allegato-v1';

const FILE_KEY_DOMAIN = new TextEncoder().encode(ATTACHMENT_FILE_KEY_DOMAIN);

/**
 * The attachment subkey of a part key K (one per part and epoch): subkey id 5 of
 * `crypto_kdf_derive_from_key(32, 5, "cartella", K)`.
 * @throws RangeError if `partKey` is not 32 bytes (a programming error).
 */
export function deriveAttachmentKey(partKey: Uint8Array): Uint8Array {
  if (!(partKey instanceof Uint8Array) || partKey.length !== PART_KEY_BYTES) {
    throw new RangeError(`a part key is ${PART_KEY_BYTES} bytes`);
  }
  return sodium().crypto_kdf_derive_from_key(32, ATTACHMENT_SUBKEY_ID, KDF_CONTEXT, partKey);
}

function fileKey(attachmentKey: Uint8Array, salt: Uint8Array): Uint8Array {
  const message = new Uint8Array(FILE_KEY_DOMAIN.length + salt.length);
  message.set(FILE_KEY_DOMAIN, 0);
  message.set(salt, FILE_KEY_DOMAIN.length);
  return blake2b(32, message, attachmentKey);
}

/** What `sealAttachment` needs. */
export interface SealAttachmentInput {
  /** The file's bytes (already checked by the caller: type, size). */
  readonly file: Uint8Array;
  /** The room of the part the attachment belongs to (admin for checklist documents, prof for the diary). */
  readonly roomId: Uint8Array;
  /** The part's current key epoch. */
  readonly epoch: number;
  /** `deriveAttachmentKey(K)` of that part and epoch. */
  readonly attachmentKey: Uint8Array;
}

/**
 * Seals a file into its transfer chunks (chunk 0 starts with the header). The bytes to store
 * and upload are these chunks, concatenated in order.
 * @throws RangeError on a key, room or epoch the format cannot carry (programming errors).
 */
export function sealAttachment(input: SealAttachmentInput): Uint8Array[] {
  const { file } = input;
  if (input.attachmentKey.length !== 32) throw new RangeError('an attachment key is 32 bytes');
  if (input.roomId.length !== ROOM_ID_BYTES) throw new RangeError(`a room id is ${ROOM_ID_BYTES} bytes`);
  const padded = attachmentPaddedLength(file.length);
  const chunkCount = attachmentChunkCount(padded);
  const salt = randomBytes(ATTACHMENT_SALT_BYTES);
  const header = encodeAttachmentHeader({ roomId: input.roomId, epoch: input.epoch, salt, chunkBytes: ATTACHMENT_CHUNK_BYTES, chunkCount });
  const key = fileKey(input.attachmentKey, salt);
  const prefix = new Uint8Array(ATTACHMENT_LENGTH_BYTES);
  writeU64(prefix, 0, file.length);
  const chunks: Uint8Array[] = [];
  try {
    for (let i = 0; i < chunkCount; i++) {
      const start = i * ATTACHMENT_CHUNK_BYTES;
      const plain = streamSlice(prefix, file, start, Math.min(padded, start + ATTACHMENT_CHUNK_BYTES));
      const sealed = aeadEncrypt(key, attachmentChunkNonce(i, i === chunkCount - 1), plain, header);
      if (i === 0) {
        const first = new Uint8Array(ATTACHMENT_HEADER_BYTES + sealed.length);
        first.set(header, 0);
        first.set(sealed, ATTACHMENT_HEADER_BYTES);
        chunks.push(first);
      } else {
        chunks.push(sealed);
      }
    }
  } finally {
    key.fill(0);
  }
  return chunks;
}

/** Bytes [start, end) of the stream `prefix | file | zeros` as a new array. */
function streamSlice(prefix: Uint8Array, file: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  for (let at = start; at < Math.min(end, prefix.length); at++) out[at - start] = prefix[at] as number;
  const fileStart = Math.max(start, prefix.length) - prefix.length;
  const fileEnd = Math.min(end - prefix.length, file.length);
  if (fileEnd > fileStart) out.set(file.subarray(fileStart, fileEnd), Math.max(start, prefix.length) - start);
  return out;
}

/** What `openAttachment` needs. */
export interface OpenAttachmentInput {
  /** The room the blob was fetched from: a blob sealed for another room is refused. */
  readonly roomId: Uint8Array;
  /** The attachment key of an epoch of that part, or undefined when this device lacks it. */
  readonly keyForEpoch: (epoch: number) => Uint8Array | undefined;
}

/** An opened attachment. */
export interface OpenedAttachment {
  readonly file: Uint8Array;
  /** The key epoch it was sealed under. */
  readonly epoch: number;
}

/**
 * Opens the transfer chunks of a blob (untrusted bytes). Never throws. Checks, in order: the
 * header (magic, version, chunk size, count), the room, the epoch's key, the number and sizes of
 * the chunks, each chunk's authentication (index, final flag, header), then the length field and
 * that the padding is canonical and zero.
 */
export function openAttachment(chunks: readonly Uint8Array[], input: OpenAttachmentInput): Result<OpenedAttachment, AttachmentErrorCode> {
  const first = chunks[0];
  if (first === undefined) return err('attachment_truncated', 'no chunk');
  const parsed = parseAttachmentHeader(first);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  if (!bytesEqual(h.roomId, input.roomId)) return err('attachment_room', 'the attachment was sealed for another room');
  const attachmentKey = input.keyForEpoch(h.epoch);
  if (attachmentKey === undefined) return err('attachment_epoch', `no key for epoch ${h.epoch}`);
  if (chunks.length < h.chunkCount) return err('attachment_truncated', `${chunks.length} of ${h.chunkCount} chunks`);
  if (chunks.length > h.chunkCount) return err('attachment_malformed', `${chunks.length} chunks for a header of ${h.chunkCount}`);
  const header = first.subarray(0, ATTACHMENT_HEADER_BYTES);
  const key = fileKey(attachmentKey, h.salt);
  try {
    let padded = 0;
    let file: Uint8Array | undefined;
    let fileLength = 0;
    let zeroTail = true;
    for (let i = 0; i < h.chunkCount; i++) {
      const chunk = chunks[i] as Uint8Array;
      const sealed = i === 0 ? chunk.subarray(ATTACHMENT_HEADER_BYTES) : chunk;
      const plainLength = sealed.length - ATTACHMENT_TAG_BYTES;
      const last = i === h.chunkCount - 1;
      if (plainLength < 1 || plainLength > ATTACHMENT_CHUNK_BYTES || (!last && plainLength !== ATTACHMENT_CHUNK_BYTES)) {
        return err('attachment_malformed', `chunk ${i} has ${sealed.length} bytes`);
      }
      const opened = aeadDecrypt(key, attachmentChunkNonce(i, last), sealed, header);
      if (!opened.ok) return err('attachment_decrypt', `chunk ${i} does not authenticate (tampered, reordered, or another key)`);
      const plain = opened.value;
      const start = padded;
      padded += plain.length;
      if (i === 0) {
        if (plain.length < ATTACHMENT_LENGTH_BYTES) return err('attachment_padding', 'no length field');
        const length = readU64(plain, 0);
        if (length === undefined || length > h.chunkCount * ATTACHMENT_CHUNK_BYTES - ATTACHMENT_LENGTH_BYTES) {
          return err('attachment_padding', 'impossible file length');
        }
        fileLength = length;
        file = new Uint8Array(fileLength);
      }
      // Stream bytes [start, padded) hold file bytes [start - 8, padded - 8), then zeros.
      const fileFrom = Math.max(0, start - ATTACHMENT_LENGTH_BYTES);
      const fileTo = Math.min(fileLength, padded - ATTACHMENT_LENGTH_BYTES);
      const offset = fileFrom + ATTACHMENT_LENGTH_BYTES - start;
      if (fileTo > fileFrom) file?.set(plain.subarray(offset, offset + (fileTo - fileFrom)), fileFrom);
      const tailFrom = Math.max(0, fileLength + ATTACHMENT_LENGTH_BYTES - start);
      for (let at = tailFrom; at < plain.length && zeroTail; at++) if (plain[at] !== 0) zeroTail = false;
    }
    if (file === undefined) return err('attachment_truncated', 'no chunk');
    if (attachmentPaddedLength(fileLength) !== padded) return err('attachment_padding', 'the padded length is not the bucket of the file length');
    if (!zeroTail) return err('attachment_padding', 'non-zero padding');
    return ok({ file, epoch: h.epoch });
  } finally {
    key.fill(0);
  }
}
