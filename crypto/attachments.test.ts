/**
 * Attachments (format CRTALLG1, docs/ATTACHMENTS.md): round trips across the chunk and padding
 * boundaries, the layout byte for byte, and every way a blob can be damaged or forged — a flipped
 * byte anywhere in the header or a chunk, chunks reordered, dropped, duplicated or borrowed from
 * another file, a header moved to another room, a forged stream with bad padding — each refused
 * with the code the verification order predicts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_FILE_KEY_DOMAIN, deriveAttachmentKey, openAttachment, sealAttachment } from './attachments';
import {
  ATTACHMENT_CHUNK_BYTES,
  ATTACHMENT_HEADER_BYTES,
  ATTACHMENT_PAD_STEP_BYTES,
  attachmentBlobBytes,
  attachmentChunkNonce,
  attachmentPaddedLength,
  encodeAttachmentHeader,
  parseAttachmentHeader,
} from './attachmentsFormat';
import { concatBytes, toHex, writeU64 } from './bytes';
import { derivePartSubkeys, generatePartKey, generateRoomId } from './keys';
import { aeadEncrypt, blake2b } from './primitives';
import { initSodium } from './sodium';

beforeAll(initSodium);

const MiB = 1024 * 1024;

function world(epoch = 3) {
  const partKey = generatePartKey();
  const roomId = generateRoomId();
  const attachmentKey = deriveAttachmentKey(partKey);
  const keys = new Map<number, Uint8Array>([[epoch, attachmentKey]]);
  const open = (chunks: readonly Uint8Array[], room: Uint8Array = roomId) =>
    openAttachment(chunks, { roomId: room, keyForEpoch: (e) => keys.get(e) });
  const seal = (file: Uint8Array) => sealAttachment({ file, roomId, epoch, attachmentKey });
  return { partKey, roomId, attachmentKey, keys, open, seal, epoch };
}

/** A file of `n` bytes with a recognisable, position-dependent pattern. */
function pattern(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function expectCode(result: { ok: boolean; code?: string }, code: string): void {
  expect(result.ok).toBe(false);
  expect(result.code).toBe(code);
}

describe('attachment round trip', () => {
  it.each([0, 1, 1000, ATTACHMENT_PAD_STEP_BYTES - 8, ATTACHMENT_PAD_STEP_BYTES - 7, MiB - 8, MiB - 7, MiB, 2 * MiB + 12_345])(
    'opens a sealed file of %i bytes to the same bytes, in the exact size the format predicts',
    (n) => {
      const w = world();
      const file = pattern(n);
      const chunks = w.seal(file);
      expect(chunks.reduce((s, c) => s + c.length, 0)).toBe(attachmentBlobBytes(n));
      const opened = w.open(chunks);
      expect(opened.ok).toBe(true);
      if (!opened.ok) return;
      expect(opened.value.epoch).toBe(w.epoch);
      expect(Buffer.from(opened.value.file).equals(Buffer.from(file))).toBe(true);
    },
  );

  it('cuts the stream into 1 MiB chunks, the header in front of the first', () => {
    const w = world();
    const chunks = w.seal(pattern(2 * MiB + 100));
    const padded = attachmentPaddedLength(2 * MiB + 100);
    expect(chunks.map((c) => c.length)).toEqual([
      ATTACHMENT_HEADER_BYTES + MiB + 16,
      MiB + 16,
      padded - 2 * MiB + 16,
    ]);
    const header = parseAttachmentHeader(chunks[0]!);
    expect(header.ok && header.value.chunkCount).toBe(3);
  });

  it('seals the same file twice into unrelated bytes (the relay cannot tell equal files apart)', () => {
    const w = world();
    const file = pattern(70_000);
    const a = concatBytes(...w.seal(file));
    const b = concatBytes(...w.seal(file));
    expect(a.length).toBe(b.length);
    let same = 0;
    for (let i = ATTACHMENT_HEADER_BYTES; i < a.length; i++) if (a[i] === b[i]) same++;
    expect(same / (a.length - ATTACHMENT_HEADER_BYTES)).toBeLessThan(0.01);
  });

  it('holds no plaintext: a marker in the file does not appear in the sealed bytes', () => {
    const w = world();
    const marker = new TextEncoder().encode('MARCATORE-SEGRETO-ROSSI-MARIO');
    const file = concatBytes(new TextEncoder().encode('%PDF-1.7\n'), marker, pattern(5000));
    const sealed = Buffer.from(concatBytes(...w.seal(file)));
    expect(sealed.indexOf(Buffer.from(marker))).toBe(-1);
  });

  it('lays out the header as docs/ATTACHMENTS.md says', () => {
    const header = encodeAttachmentHeader({
      roomId: new Uint8Array(16).fill(0x11),
      epoch: 2,
      salt: new Uint8Array(32).fill(0x22),
      chunkBytes: ATTACHMENT_CHUNK_BYTES,
      chunkCount: 3,
    });
    expect(toHex(header)).toBe(
      toHex(new TextEncoder().encode('CRTALLG1')) + '01' + '11'.repeat(16) + '00000002' + '22'.repeat(32) + '00100000' + '00000003',
    );
    expect(header.length).toBe(69);
  });

  it('derives the attachment key as subkey 5 of K, unlike the four envelope subkeys', () => {
    const k = generatePartKey();
    const sub = derivePartSubkeys(k);
    const key = deriveAttachmentKey(k);
    for (const other of [sub.content, sub.awareness, sub.commitment]) expect(toHex(key)).not.toBe(toHex(other));
    expect(toHex(deriveAttachmentKey(k))).toBe(toHex(key));
  });
});

describe('padding buckets', () => {
  it('pads to a multiple of 64 KiB that holds the length field and the file, with at most 12.5 % overhead above 1 MiB', () => {
    for (let n = 0; n < 40 * MiB; n = Math.floor(n * 1.37) + 977) {
      const p = attachmentPaddedLength(n);
      expect(p % ATTACHMENT_PAD_STEP_BYTES).toBe(0);
      expect(p).toBeGreaterThanOrEqual(n + 8);
      if (n > MiB) expect(p / (n + 8)).toBeLessThan(1.125);
    }
  });

  it('puts files of nearby sizes in one bucket (the relay learns the bucket, not the size)', () => {
    expect(attachmentPaddedLength(15 * MiB + 1)).toBe(attachmentPaddedLength(15 * MiB + 200_000));
    expect(attachmentPaddedLength(10)).toBe(attachmentPaddedLength(60_000));
  });
});

describe('tampering, reordering and truncation are refused', () => {
  const w0 = beforeAllWorld();

  function beforeAllWorld() {
    let value: { w: ReturnType<typeof world>; chunks: Uint8Array[] } | undefined;
    beforeAll(() => {
      const w = world();
      value = { w, chunks: w.seal(pattern(2 * MiB + 70_000)) };
    });
    return () => {
      if (value === undefined) throw new Error('not ready');
      return value;
    };
  }

  const copy = (chunks: readonly Uint8Array[]) => chunks.map((c) => c.slice());

  it.each([
    [0, 'attachment_malformed'],
    [7, 'attachment_malformed'],
    [8, 'attachment_version'],
    [9, 'attachment_room'],
    [24, 'attachment_room'],
    [25, 'attachment_epoch'],
    [28, 'attachment_epoch'],
    [29, 'attachment_decrypt'],
    [60, 'attachment_decrypt'],
    [61, 'attachment_malformed'],
    [64, 'attachment_malformed'],
    [68, 'attachment_malformed'],
  ])('refuses a header whose byte %i was changed, with %s', (index, code) => {
    const { w, chunks } = w0();
    const bad = copy(chunks);
    flipByte(bad[0]!, index, 0x01);
    expectCode(w.open(bad), code);
  });

  it('refuses a flipped byte anywhere in the ciphertext of any chunk (sampled every 4 KiB and at both ends)', () => {
    const { w, chunks } = w0();
    for (let c = 0; c < chunks.length; c++) {
      const start = c === 0 ? ATTACHMENT_HEADER_BYTES : 0;
      const length = chunks[c]!.length;
      const positions = [start, start + 1, length - 17, length - 16, length - 1];
      for (let i = start; i < length; i += 4096) positions.push(i);
      for (const i of positions) {
        const bad = copy(chunks);
        flipByte(bad[c]!, i, 0x80);
        expectCode(w.open(bad), 'attachment_decrypt');
      }
    }
  });

  it('refuses chunks in another order', () => {
    const { w, chunks } = w0();
    expectCode(w.open([chunks[0]!, chunks[2]!, chunks[1]!]), 'attachment_malformed');
    const sameSize = w.seal(pattern(3 * MiB + 500_000));
    expectCode(w.open([sameSize[0]!, sameSize[2]!, sameSize[1]!, sameSize[3]!]), 'attachment_decrypt');
  });

  it('refuses a missing tail, an extra chunk and a duplicated chunk', () => {
    const { w, chunks } = w0();
    expectCode(w.open(chunks.slice(0, 2)), 'attachment_truncated');
    expectCode(w.open([]), 'attachment_truncated');
    expectCode(w.open([...chunks, chunks[2]!]), 'attachment_malformed');
    expectCode(w.open([chunks[0]!, chunks[1]!, chunks[1]!]), 'attachment_decrypt');
  });

  it('refuses a tail cut short by a header that claims fewer chunks (the header is authenticated)', () => {
    const { w, chunks } = w0();
    const bad = copy(chunks.slice(0, 2));
    bad[0]![68] = 2;
    expectCode(w.open(bad), 'attachment_decrypt');
  });

  it('refuses a chunk cut short or extended', () => {
    const { w, chunks } = w0();
    expectCode(w.open([chunks[0]!, chunks[1]!, chunks[2]!.subarray(0, chunks[2]!.length - 1)]), 'attachment_decrypt');
    expectCode(w.open([chunks[0]!, chunks[1]!.subarray(1), chunks[2]!]), 'attachment_malformed');
    expectCode(w.open([chunks[0]!.subarray(0, ATTACHMENT_HEADER_BYTES)]), 'attachment_truncated');
    expectCode(w.open([chunks[0]!.subarray(0, 40)]), 'attachment_malformed');
  });

  it('refuses a chunk of another file sealed with the same key at the same position', () => {
    const { w, chunks } = w0();
    const other = w.seal(pattern(2 * MiB + 70_000, 99));
    expectCode(w.open([chunks[0]!, other[1]!, chunks[2]!]), 'attachment_decrypt');
  });

  it('refuses a blob opened for another room, and one whose room field was rewritten to match', () => {
    const { w, chunks } = w0();
    const elsewhere = generateRoomId();
    expectCode(w.open(chunks, elsewhere), 'attachment_room');
    const moved = copy(chunks);
    moved[0]!.set(elsewhere, 9);
    expectCode(w.open(moved, elsewhere), 'attachment_decrypt');
  });

  it('refuses a blob sealed under another key of the same epoch', () => {
    const { chunks } = w0();
    const stranger = world();
    expectCode(openAttachment(chunks, { roomId: parseRoom(chunks[0]!), keyForEpoch: () => stranger.attachmentKey }), 'attachment_decrypt');
  });

  it('refuses, without throwing, blobs forged by a key holder with a bad length field or non-zero padding', () => {
    const w = world();
    const forge = (stream: Uint8Array) => {
      const salt = new Uint8Array(32).fill(5);
      const header = encodeAttachmentHeader({ roomId: w.roomId, epoch: w.epoch, salt, chunkBytes: ATTACHMENT_CHUNK_BYTES, chunkCount: 1 });
      const fileKey = blake2b(32, concatBytes(new TextEncoder().encode(ATTACHMENT_FILE_KEY_DOMAIN), salt), w.attachmentKey);
      return [concatBytes(header, aeadEncrypt(fileKey, attachmentChunkNonce(0, true), stream, header))];
    };
    const stream = new Uint8Array(ATTACHMENT_PAD_STEP_BYTES);
    writeU64(stream, 0, 100);
    expect(w.open(forge(stream)).ok).toBe(true);
    const nonZero = stream.slice();
    nonZero[500] = 1;
    expectCode(w.open(forge(nonZero)), 'attachment_padding');
    const tooLong = stream.slice();
    writeU64(tooLong, 0, ATTACHMENT_CHUNK_BYTES);
    expectCode(w.open(forge(tooLong)), 'attachment_padding');
    const wrongBucket = new Uint8Array(2 * ATTACHMENT_PAD_STEP_BYTES);
    writeU64(wrongBucket, 0, 100);
    expectCode(w.open(forge(wrongBucket)), 'attachment_padding');
    expectCode(w.open(forge(new Uint8Array(4))), 'attachment_padding');
  });
});

function parseRoom(chunk0: Uint8Array): Uint8Array {
  const h = parseAttachmentHeader(chunk0);
  if (!h.ok) throw new Error(h.message);
  return h.value.roomId;
}

function flipByte(bytes: Uint8Array, index: number, mask: number): void {
  bytes[index] = (bytes[index] as number) ^ mask;
}
