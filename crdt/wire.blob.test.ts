/**
 * The attachment side of the codec (docs/PROTOCOL.md §4.12 and §5 0x1b–0x1c, docs/ATTACHMENTS.md):
 * the ticket frames byte for byte, the manifest and blob id, the live set, the relay's size bound
 * against the sealing code, and the parsers of the relay's JSON answers. Round trips and fuzzing
 * of the frames are in wire.test.ts with every other frame.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { attachmentBlobBytes, initSodium } from '../crypto';
import {
  BLOB_CHUNK_MAX_BYTES,
  BLOB_MAX_CHUNKS,
  blobBytesForFile,
  blobChunkHash,
  blobIdFromText,
  blobIdOf,
  blobIdToText,
  decodeBlobManifest,
  decodeFrame,
  decodeLiveSet,
  encodeFrame,
  encodeLiveSet,
  manifestOfChunks,
  parseBlobRefusalBody,
  parseBlobStatusBody,
  parseLiveSetAnswerBody,
} from './wire';

beforeAll(initSodium);

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const filled = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);
const ROOM_HEX = '00112233445566778899aabbccddeeff';
const ROOM = Uint8Array.from(Buffer.from(ROOM_HEX, 'hex'));

describe('ticket frames (docs/PROTOCOL.md §5)', () => {
  it('lays out blobTicket and blobTicketed byte for byte', () => {
    expect(toHex(encodeFrame({ type: 'blobTicket', room: ROOM, requestId: filled(16, 0x01) }))).toBe(`1b${ROOM_HEX}${'01'.repeat(16)}`);
    const ticketed = encodeFrame({
      type: 'blobTicketed',
      room: ROOM,
      requestId: filled(16, 0x01),
      ticket: filled(32, 0x02),
      expiresAt: 0x0102030405,
      maxFileBytes: 20 * 1024 * 1024,
      quotaBytes: 512 * 1024 * 1024,
      usedBytes: 7,
    });
    expect(ticketed.length).toBe(97);
    expect(toHex(ticketed)).toBe(
      ['1c', ROOM_HEX, '01'.repeat(16), '02'.repeat(32), '0000000102030405', '0000000001400000', '0000000020000000', '0000000000000007'].join(''),
    );
  });

  it('refuses truncated and over-long ticket frames (W2, W3)', () => {
    const bytes = encodeFrame({ type: 'blobTicket', room: ROOM, requestId: filled(16, 1) });
    expect(decodeFrame(bytes.subarray(0, 32))).toMatchObject({ ok: false, code: 'frame_malformed' });
    expect(decodeFrame(Uint8Array.of(...bytes, 0))).toMatchObject({ ok: false, code: 'frame_malformed' });
  });
});

describe('manifest and blob id', () => {
  it('lists each chunk as u32 length and BLAKE2b-256, and names the blob by the hash of that list under its domain', () => {
    const chunks = [filled(5, 0xaa), filled(3, 0xbb)];
    const m = manifestOfChunks(chunks);
    expect(toHex(m.encoded)).toBe(['00000002', '00000005', toHex(blobChunkHash(chunks[0]!)), '00000003', toHex(blobChunkHash(chunks[1]!))].join(''));
    expect(m.bytes).toBe(8);
    expect(toHex(m.id)).toBe(toHex(blobIdOf(m.encoded)));
    const parsed = decodeBlobManifest(m.encoded);
    expect(parsed.ok && toHex(parsed.value.id)).toBe(toHex(m.id));
    expect(parsed.ok && parsed.value.entries.map((e) => e.length)).toEqual([5, 3]);
  });

  it('gives different ids to blobs that differ in one byte or in how they are cut', () => {
    const a = manifestOfChunks([filled(6, 1)]).id;
    const b = manifestOfChunks([Uint8Array.of(1, 1, 1, 1, 1, 2)]).id;
    const c = manifestOfChunks([filled(3, 1), filled(3, 1)]).id;
    expect(new Set([toHex(a), toHex(b), toHex(c)]).size).toBe(3);
  });

  it('refuses manifests that are empty, truncated, too long, of zero chunks or too many, or with a chunk of 0 or too many bytes', () => {
    const good = manifestOfChunks([filled(5, 1)]).encoded;
    const bad: Uint8Array[] = [
      new Uint8Array(0),
      good.subarray(0, good.length - 1),
      Uint8Array.of(...good, 0),
      Uint8Array.of(0, 0, 0, 0),
      Uint8Array.from(Buffer.from((BLOB_MAX_CHUNKS + 1).toString(16).padStart(8, '0'), 'hex')),
      Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 0, ...filled(32, 1)),
      Uint8Array.of(0, 0, 0, 1, ...Buffer.from((BLOB_CHUNK_MAX_BYTES + 1).toString(16).padStart(8, '0'), 'hex'), ...filled(32, 1)),
    ];
    for (const bytes of bad) expect(decodeBlobManifest(bytes)).toMatchObject({ ok: false, code: 'blob_request_malformed' });
  });

  it('writes ids as 43 base64url characters and reads back only that form', () => {
    const id = filled(32, 0xfb);
    const text = blobIdToText(id);
    expect(text).toHaveLength(43);
    expect(blobIdFromText(text)).toMatchObject({ ok: true });
    for (const t of [text.slice(1), `${text}=`, text.replace(/.$/, '+'), '']) expect(blobIdFromText(t).ok).toBe(false);
  });
});

describe('size bound', () => {
  it('predicts the size of every sealed attachment exactly as crypto/attachmentsFormat.ts does', () => {
    for (let n = 0; n < 64 * 1024 * 1024; n = Math.floor(n * 1.21) + 3001) expect(blobBytesForFile(n)).toBe(attachmentBlobBytes(n));
  });
});

describe('live set', () => {
  it('encodes u64 covers, u32 count and the ids, and reads them back', () => {
    const bytes = encodeLiveSet({ covers: 300, ids: [filled(32, 1), filled(32, 2)] });
    expect(toHex(bytes.subarray(0, 12))).toBe('000000000000012c00000002');
    const parsed = decodeLiveSet(bytes);
    expect(parsed.ok && parsed.value.covers).toBe(300);
    expect(parsed.ok && parsed.value.ids.map(toHex)).toEqual([toHex(filled(32, 1)), toHex(filled(32, 2))]);
  });

  it('refuses a live set whose length does not match its count, or whose covers is above 2^53 - 1', () => {
    const bytes = encodeLiveSet({ covers: 1, ids: [filled(32, 1)] });
    expect(decodeLiveSet(bytes.subarray(0, bytes.length - 1)).ok).toBe(false);
    expect(decodeLiveSet(bytes.subarray(0, 11)).ok).toBe(false);
    const huge = bytes.slice();
    huge.set(filled(8, 0xff), 0);
    expect(decodeLiveSet(huge).ok).toBe(false);
  });
});

describe('JSON answers of the relay (untrusted)', () => {
  it('accepts a consistent status and refuses one whose fields contradict each other or are missing', () => {
    expect(parseBlobStatusBody({ state: 'partial', chunks: 3, stored: 1, bytes: 10 })).toMatchObject({ ok: true });
    for (const bad of [
      null,
      [],
      { state: 'partial', chunks: 3, stored: 4, bytes: 10 },
      { state: 'complete', chunks: 3, stored: 2, bytes: 10 },
      { state: 'absent', chunks: 1, stored: 0, bytes: 0 },
      { state: 'gone', chunks: 0, stored: 0, bytes: 0 },
      { state: 'partial', chunks: 3, stored: -1, bytes: 10 },
      { state: 'partial', chunks: 3, stored: 1 },
    ]) {
      expect(parseBlobStatusBody(bad).ok).toBe(false);
    }
  });

  it('reads a refusal\'s code and limits, and treats an unknown code or a non-object as internal', () => {
    expect(parseBlobRefusalBody({ code: 'blob_quota', message: 'pieno', quotaBytes: 10, usedBytes: 9, extra: 'x' })).toEqual({
      code: 'blob_quota',
      message: 'pieno',
      quotaBytes: 10,
      usedBytes: 9,
    });
    expect(parseBlobRefusalBody({ code: 'nuovo_codice', message: 3 })).toEqual({ code: 'internal', message: '' });
    expect(parseBlobRefusalBody('errore')).toMatchObject({ code: 'internal' });
    expect(parseBlobRefusalBody(JSON.parse('{"__proto__": {"code": "blob_quota"}}'))).toMatchObject({ code: 'internal' });
  });

  it('reads a live-set answer and refuses one whose missing ids are not blob ids', () => {
    const id = blobIdToText(filled(32, 3));
    expect(parseLiveSetAnswerBody({ covers: 4, missing: [id] })).toEqual({ ok: true, value: { covers: 4, missing: [id] } });
    expect(parseLiveSetAnswerBody({ covers: 4, missing: ['abc'] }).ok).toBe(false);
    expect(parseLiveSetAnswerBody({ covers: -1, missing: [] }).ok).toBe(false);
  });
});
