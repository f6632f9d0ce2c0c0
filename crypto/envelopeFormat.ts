/**
 * @module crypto/envelopeFormat
 * Owns reading and writing the envelope's bytes (docs/ENVELOPE.md) without any key: the
 * relay imports this file to shape-check and identify every envelope it stores. Parsing
 * returns views into the input, never copies, because it runs on the relay's hot path.
 */
import { compareBytes, readU16, readU32, readU64, writeU16, writeU32, writeU64 } from './bytes';
import {
  COVERED_CLOCK_BYTES,
  ENVELOPE_AUTHOR_BYTES,
  ENVELOPE_BASE_HEADER_BYTES,
  ENVELOPE_COMMITMENT_BYTES,
  ENVELOPE_ID_BYTES,
  ENVELOPE_KIND_CODES,
  ENVELOPE_MIN_BYTES,
  ENVELOPE_NONCE_BYTES,
  ENVELOPE_OFFSETS as AT,
  ENVELOPE_SIGNATURE_BYTES,
  ENVELOPE_TAG_BYTES,
  ENVELOPE_VERSION,
  MAX_COVERED_CLOCKS,
  SNAPSHOT_HEADER_BYTES,
  SNAPSHOT_ID_BYTES,
} from './envelopeLayout';
import type { EnvelopeErrorCode, EnvelopeHeader, EnvelopeKind, ParsedEnvelope, SnapshotHeader } from './envelopeLayout';
import { blake2b } from './primitives';
import { err, ok } from './result';
import type { Result } from './result';
import { ROOM_ID_BYTES } from './roomId';
import type { RoomId } from './roomId';

export * from './envelopeLayout';
// The relay may import only a few crypto/ files directly (.dependency-cruiser.cjs); it needs
// these names too, so they are re-exported from here.
export { asRoomId, ROOM_ID_BYTES } from './roomId';
export type { RoomId } from './roomId';
export type { Result } from './result';

const KIND_BY_CODE: ReadonlyArray<EnvelopeKind | undefined> = [undefined, 'update', 'snapshot', 'ephemeral'];
/** Bytes after the header that every envelope has, with the smallest ciphertext. */
const MIN_BODY_BYTES = ENVELOPE_NONCE_BYTES + ENVELOPE_TAG_BYTES + ENVELOPE_COMMITMENT_BYTES + ENVELOPE_SIGNATURE_BYTES;

/** Header length H of an envelope of this kind with `coveredCount` covered-clock entries. */
export function envelopeHeaderLength(kind: EnvelopeKind, coveredCount = 0): number {
  return kind === 'snapshot' ? SNAPSHOT_HEADER_BYTES + COVERED_CLOCK_BYTES * coveredCount : ENVELOPE_BASE_HEADER_BYTES;
}

function requireBytes(value: Uint8Array, length: number, what: string): void {
  if (!(value instanceof Uint8Array) || value.length !== length) throw new RangeError(`${what} must be ${length} bytes`);
}

/**
 * Encodes a header (the AEAD additional data and the start of the signed bytes). Any version
 * byte 0..255 is written, so tests can build foreign versions; `sealEnvelope` always uses 1.
 * @throws RangeError on a header the format cannot express (programming errors): wrong
 * lengths, out-of-range integers, a snapshot part on a non-snapshot kind or missing on a
 * snapshot, a snapshot clock other than 0, covered authors not strictly ascending.
 */
export function encodeEnvelopeHeader(h: EnvelopeHeader): Uint8Array {
  const kindCode = ENVELOPE_KIND_CODES[h.kind] as number | undefined;
  if (kindCode === undefined) throw new RangeError(`unknown envelope kind: ${String(h.kind)}`);
  if (!Number.isInteger(h.version) || h.version < 0 || h.version > 0xff) throw new RangeError('version must be a u8');
  if ((h.kind === 'snapshot') !== (h.snapshot !== undefined)) {
    throw new RangeError('a snapshot header is required for, and only for, kind "snapshot"');
  }
  requireBytes(h.roomId, ROOM_ID_BYTES, 'room id');
  requireBytes(h.author, ENVELOPE_AUTHOR_BYTES, 'author');
  const covered = h.snapshot?.coveredClocks ?? [];
  if (covered.length > MAX_COVERED_CLOCKS) throw new RangeError(`at most ${MAX_COVERED_CLOCKS} covered clocks`);
  const out = new Uint8Array(envelopeHeaderLength(h.kind, covered.length));
  out[AT.version] = h.version;
  out[AT.kind] = kindCode;
  out.set(h.roomId, AT.roomId);
  writeU32(out, AT.epoch, h.epoch);
  out.set(h.author, AT.author);
  writeU64(out, AT.clock, h.clock);
  if (h.snapshot !== undefined) {
    if (h.clock !== 0) throw new RangeError('a snapshot has clock 0 (its covered clocks are in the header)');
    requireBytes(h.snapshot.id, SNAPSHOT_ID_BYTES, 'snapshot id');
    requireBytes(h.snapshot.parent, SNAPSHOT_ID_BYTES, 'parent snapshot id');
    let at = AT.kindSpecific;
    out.set(h.snapshot.id, at);
    out.set(h.snapshot.parent, (at += SNAPSHOT_ID_BYTES));
    writeU64(out, (at += SNAPSHOT_ID_BYTES), h.snapshot.covers);
    writeU16(out, (at += 8), covered.length);
    at += 2;
    let previous: Uint8Array | undefined;
    for (const entry of covered) {
      requireBytes(entry.author, ENVELOPE_AUTHOR_BYTES, 'covered author');
      if (previous !== undefined && compareBytes(previous, entry.author) >= 0) {
        throw new RangeError('covered authors must be strictly ascending');
      }
      out.set(entry.author, at);
      writeU64(out, at + ENVELOPE_AUTHOR_BYTES, entry.clock);
      previous = entry.author;
      at += COVERED_CLOCK_BYTES;
    }
  }
  return out;
}

function malformed(message: string): Result<never, EnvelopeErrorCode> {
  return err('envelope_malformed', message);
}

/** Reads the snapshot part at offset 62; returns it and the header length H. */
function parseSnapshotHeader(bytes: Uint8Array): Result<{ snapshot: SnapshotHeader; headerLength: number }, EnvelopeErrorCode> {
  if (bytes.length < SNAPSHOT_HEADER_BYTES + MIN_BODY_BYTES) return malformed('too short for a snapshot');
  let at = AT.kindSpecific;
  const id = bytes.subarray(at, (at += SNAPSHOT_ID_BYTES));
  const parent = bytes.subarray(at, (at += SNAPSHOT_ID_BYTES));
  const covers = readU64(bytes, at);
  if (covers === undefined) return malformed('snapshot covers exceeds 2^53-1');
  const count = readU16(bytes, (at += 8));
  at += 2;
  const headerLength = SNAPSHOT_HEADER_BYTES + COVERED_CLOCK_BYTES * count;
  if (bytes.length < headerLength + MIN_BODY_BYTES) return malformed('covered-clock count overruns the envelope');
  const coveredClocks: Array<{ author: Uint8Array; clock: number }> = [];
  let previous: Uint8Array | undefined;
  for (let i = 0; i < count; i++, at += COVERED_CLOCK_BYTES) {
    const author = bytes.subarray(at, at + ENVELOPE_AUTHOR_BYTES);
    // Sorted and unique, so each author has one clock and one encoding of the header exists.
    if (previous !== undefined && compareBytes(previous, author) >= 0) {
      return malformed('covered authors are not strictly ascending');
    }
    const clock = readU64(bytes, at + ENVELOPE_AUTHOR_BYTES);
    if (clock === undefined) return malformed('covered clock exceeds 2^53-1');
    coveredClocks.push({ author, clock });
    previous = author;
  }
  return ok({ snapshot: { id, parent, covers, coveredClocks }, headerLength });
}

/**
 * Splits an envelope into its fields. Never throws. Checks, in order: the minimum shape
 * (a Uint8Array of at least 198 bytes), the version byte, the kind byte, then the rest of the
 * layout that version and kind define (clock <= 2^53-1, snapshot clock 0, covered clocks that
 * fit and are sorted, a ciphertext of at least 16 bytes). No signature or key check.
 */
export function parseEnvelope(bytes: Uint8Array): Result<ParsedEnvelope, EnvelopeErrorCode> {
  if (!(bytes instanceof Uint8Array)) return malformed('an envelope is a Uint8Array');
  if (bytes.length < ENVELOPE_MIN_BYTES) return malformed(`an envelope is at least ${ENVELOPE_MIN_BYTES} bytes`);
  const version = bytes[AT.version] as number;
  if (version !== ENVELOPE_VERSION) return err('envelope_version', `unsupported envelope version ${version}`);
  const kindCode = bytes[AT.kind] as number;
  const kind = KIND_BY_CODE[kindCode];
  if (kind === undefined) return err('envelope_kind', `unknown envelope kind ${kindCode}`);
  const clock = readU64(bytes, AT.clock);
  if (clock === undefined) return malformed('clock exceeds 2^53-1');
  let headerLength = ENVELOPE_BASE_HEADER_BYTES;
  let snapshot: SnapshotHeader | undefined;
  if (kind === 'snapshot') {
    if (clock !== 0) return malformed('a snapshot has clock 0');
    const parsed = parseSnapshotHeader(bytes);
    if (!parsed.ok) return parsed;
    ({ snapshot, headerLength } = parsed.value);
  }
  const signatureAt = bytes.length - ENVELOPE_SIGNATURE_BYTES;
  const commitmentAt = signatureAt - ENVELOPE_COMMITMENT_BYTES;
  const ciphertextAt = headerLength + ENVELOPE_NONCE_BYTES;
  if (commitmentAt - ciphertextAt < ENVELOPE_TAG_BYTES) return malformed('ciphertext shorter than the AEAD tag');
  const header: EnvelopeHeader = {
    version,
    kind,
    roomId: bytes.subarray(AT.roomId, AT.roomId + ROOM_ID_BYTES) as RoomId,
    epoch: readU32(bytes, AT.epoch),
    author: bytes.subarray(AT.author, AT.author + ENVELOPE_AUTHOR_BYTES),
    clock,
  };
  if (snapshot !== undefined) header.snapshot = snapshot;
  return ok({
    header,
    headerBytes: bytes.subarray(0, headerLength),
    nonce: bytes.subarray(headerLength, ciphertextAt),
    ciphertext: bytes.subarray(ciphertextAt, commitmentAt),
    commitment: bytes.subarray(commitmentAt, signatureAt),
    signature: bytes.subarray(signatureAt),
    signed: bytes.subarray(0, signatureAt),
    bytes,
  });
}

/** Envelope id: unkeyed BLAKE2b-128 of all the bytes (pushes are idempotent on it). */
export function envelopeId(bytes: Uint8Array): Uint8Array {
  return blake2b(ENVELOPE_ID_BYTES, bytes);
}
