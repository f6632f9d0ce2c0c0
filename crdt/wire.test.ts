/**
 * Tests of the frame codec (crdt/wire.ts). Rule ids (W1…) refer to docs/PROTOCOL.md,
 * "Decoding rules". Fuzz properties print their seed on failure: keep a failing seed in
 * KEPT_FAILING_SEEDS so it runs forever after.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  DEFAULT_MAX_FRAME_BYTES,
  ErrorCode,
  FrameType,
  MAX_KEY_BOXES_BYTES,
  PROTOCOL_VERSION,
  ZERO_ID,
  decodeFrame,
  encodeEnvelopesFrame,
  encodeFrame,
  errorCodeName,
  errorFrame,
  maxEnvelopeBytes,
} from './wire';
import type { Frame, FrameErrorCode } from './wire';

const FUZZ_RUNS = 10_000;
/** Seeds of fuzz runs that once failed (fast-check prints the seed); each is replayed. */
const KEPT_FAILING_SEEDS: readonly number[] = [];

function assertFuzz(property: fc.IProperty<[unknown, ...unknown[]]>): void {
  fc.assert(property, { numRuns: FUZZ_RUNS });
  for (const seed of KEPT_FAILING_SEEDS) fc.assert(property, { numRuns: FUZZ_RUNS, seed });
}

const fromHex = (...parts: string[]): Uint8Array =>
  Uint8Array.from((parts.join('').match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const filled = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

const ROOM_HEX = '00112233445566778899aabbccddeeff';
const ROOM = fromHex(ROOM_HEX);

type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;

// ---- arbitraries -------------------------------------------------------------------------

const fixed = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
const room = fixed(16);
const id = fixed(16);
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.oneof(fc.constantFrom(0, 1, 0xffff_ffff), fc.integer({ min: 0, max: 0xffff_ffff }));
const u64 = fc.oneof(fc.constantFrom(0, 1, 2 ** 32, Number.MAX_SAFE_INTEGER), fc.maxSafeNat());
const envelope = fc.uint8Array({ minLength: 1, maxLength: 300 });
const keyBoxes = fc.uint8Array({ minLength: 1, maxLength: 300 });
const blob = fc.uint8Array({ minLength: 1, maxLength: 300 });
const escrowItems = fc
  .uniqueArray(fc.record({ room, epoch: u32, storedAt: u64, blob }), { selector: (item) => Buffer.from(item.room).toString('hex'), maxLength: 5 })
  .map((items) => [...items].sort((a, b) => Buffer.compare(Buffer.from(a.room), Buffer.from(b.room))));
const seqEnvelopes = fc
  .uniqueArray(fc.record({ seq: u64, envelope }), { selector: (item) => item.seq, maxLength: 6 })
  .map((items) => [...items].sort((a, b) => a.seq - b.seq));

const frameArbitraries: { [T in Frame['type']]: fc.Arbitrary<FrameOf<T>> } = {
  hello: fc.record({ type: fc.constant('hello'), protocolVersion: u16, room, since: u64 }),
  challenge: fc.record({ type: fc.constant('challenge'), room, nonce: fixed(32), roomExists: fc.boolean() }),
  auth: fc.record({ type: fc.constant('auth'), room, signature: fixed(64) }),
  create: fc.record({
    type: fc.constant('create'),
    room,
    epoch: u32,
    relayAuthPublicKey: fixed(32),
    signature: fixed(64),
  }),
  envelopes: fc.record({ type: fc.constant('envelopes'), room, items: seqEnvelopes }),
  synced: fc.record({ type: fc.constant('synced'), room, head: u64, snapshotId: id, snapshotCovers: u64 }),
  push: fc.record({ type: fc.constant('push'), room, envelopes: fc.array(envelope, { maxLength: 6 }) }),
  ack: fc.record({ type: fc.constant('ack'), room, items: fc.array(fc.record({ id, seq: u64 }), { maxLength: 6 }) }),
  ephemeral: fc.record({ type: fc.constant('ephemeral'), room, envelope }),
  error: fc.record({
    type: fc.constant('error'),
    room,
    code: u16,
    envelopeId: id,
    message: fc.string({ unit: 'binary', maxLength: 120 }),
  }),
  leave: fc.record({ type: fc.constant('leave'), room }),
  snapshot: fc.record({ type: fc.constant('snapshot'), room, covers: u64, envelope }),
  snapshotted: fc.record({ type: fc.constant('snapshotted'), room, snapshotId: id, covers: u64 }),
  rotate: fc.record({
    type: fc.constant('rotate'),
    room,
    fromEpoch: u32,
    toEpoch: u32,
    newRelayAuthPublicKey: fixed(32),
    signature: fixed(64),
    keyBoxes,
  }),
  rotated: fc.record({ type: fc.constant('rotated'), room, epoch: u32 }),
  rotation: fc.record({
    type: fc.constant('rotation'),
    room,
    fromEpoch: u32,
    toEpoch: u32,
    newRelayAuthPublicKey: fixed(32),
    nonce: fixed(32),
    signature: fixed(64),
    keyBoxes,
  }),
  history: fc.record({ type: fc.constant('history'), room, fromSeq: u64, limit: u32 }),
  historyEnvelopes: fc.record({ type: fc.constant('historyEnvelopes'), room, items: seqEnvelopes }),
  historyEnd: fc.record({ type: fc.constant('historyEnd'), room, nextSeq: u64, head: u64 }),
  escrow: fc.record({ type: fc.constant('escrow'), room, mailbox: fixed(32), blob }),
  escrowed: fc.record({ type: fc.constant('escrowed'), room, mailbox: fixed(32), blobId: id, storedAt: u64 }),
  escrowHello: fc.record({ type: fc.constant('escrowHello'), protocolVersion: u16, mailbox: fixed(32) }),
  escrowChallenge: fc.record({ type: fc.constant('escrowChallenge'), mailbox: fixed(32), ephemeralPublicKey: fixed(32) }),
  escrowList: fc.record({
    type: fc.constant('escrowList'),
    mailbox: fixed(32),
    recoveryPublicKey: fixed(32),
    proof: fixed(32),
    fromRoom: room,
    limit: u32,
  }),
  escrowItems: fc.record({ type: fc.constant('escrowItems'), mailbox: fixed(32), items: escrowItems }),
  escrowEnd: fc.record({ type: fc.constant('escrowEnd'), mailbox: fixed(32), nextRoom: room, complete: fc.boolean() }),
  blobTicket: fc.record({ type: fc.constant('blobTicket'), room, requestId: id }),
  blobTicketed: fc.record({
    type: fc.constant('blobTicketed'),
    room,
    requestId: id,
    ticket: fixed(32),
    expiresAt: u64,
    maxFileBytes: u64,
    quotaBytes: u64,
    usedBytes: u64,
  }),
};
const frameTypes = Object.keys(frameArbitraries) as Frame['type'][];
const anyFrame: fc.Arbitrary<Frame> = fc.oneof(...frameTypes.map((type) => frameArbitraries[type] as fc.Arbitrary<Frame>));

/** One valid frame of each type, for the hand-written cases. */
const samples: Frame[] = [
  { type: 'hello', protocolVersion: PROTOCOL_VERSION, room: ROOM, since: 7 },
  { type: 'challenge', room: ROOM, nonce: filled(32, 0xa5), roomExists: true },
  { type: 'auth', room: ROOM, signature: filled(64, 1) },
  { type: 'create', room: ROOM, epoch: 1, relayAuthPublicKey: filled(32, 2), signature: filled(64, 3) },
  { type: 'envelopes', room: ROOM, items: [{ seq: 1, envelope: filled(3, 4) }, { seq: 2, envelope: filled(2, 5) }] },
  { type: 'synced', room: ROOM, head: 2, snapshotId: ZERO_ID, snapshotCovers: 0 },
  { type: 'push', room: ROOM, envelopes: [filled(3, 6)] },
  { type: 'ack', room: ROOM, items: [{ id: filled(16, 7), seq: 3 }] },
  { type: 'ephemeral', room: ROOM, envelope: filled(5, 8) },
  { type: 'error', room: ROOM, code: ErrorCode.auth_failed, envelopeId: ZERO_ID, message: 'firma non valida' },
  { type: 'leave', room: ROOM },
  { type: 'snapshot', room: ROOM, covers: 9, envelope: filled(4, 9) },
  { type: 'snapshotted', room: ROOM, snapshotId: filled(16, 10), covers: 9 },
  { type: 'rotate', room: ROOM, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: filled(32, 11), signature: filled(64, 12), keyBoxes: filled(7, 13) },
  { type: 'rotated', room: ROOM, epoch: 2 },
  {
    type: 'rotation',
    room: ROOM,
    fromEpoch: 1,
    toEpoch: 2,
    newRelayAuthPublicKey: filled(32, 11),
    nonce: filled(32, 14),
    signature: filled(64, 12),
    keyBoxes: filled(7, 13),
  },
  { type: 'history', room: ROOM, fromSeq: 1, limit: 100 },
  { type: 'historyEnvelopes', room: ROOM, items: [{ seq: 1, envelope: filled(3, 15) }] },
  { type: 'historyEnd', room: ROOM, nextSeq: 2, head: 2 },
  { type: 'escrow', room: ROOM, mailbox: filled(32, 16), blob: filled(9, 17) },
  { type: 'escrowed', room: ROOM, mailbox: filled(32, 16), blobId: filled(16, 18), storedAt: 1_700_000_000_000 },
  { type: 'escrowHello', protocolVersion: PROTOCOL_VERSION, mailbox: filled(32, 16) },
  { type: 'escrowChallenge', mailbox: filled(32, 16), ephemeralPublicKey: filled(32, 19) },
  { type: 'escrowList', mailbox: filled(32, 16), recoveryPublicKey: filled(32, 20), proof: filled(32, 21), fromRoom: ZERO_ID, limit: 100 },
  { type: 'escrowItems', mailbox: filled(32, 16), items: [{ room: ROOM, epoch: 2, storedAt: 5, blob: filled(9, 17) }] },
  { type: 'escrowEnd', mailbox: filled(32, 16), nextRoom: ZERO_ID, complete: true },
  { type: 'blobTicket', room: ROOM, requestId: filled(16, 22) },
  {
    type: 'blobTicketed',
    room: ROOM,
    requestId: filled(16, 22),
    ticket: filled(32, 23),
    expiresAt: 1_700_000_600_000,
    maxFileBytes: 20 * 1024 * 1024,
    quotaBytes: 512 * 1024 * 1024,
    usedBytes: 0,
  },
];

function expectRefused(bytes: Uint8Array, code: FrameErrorCode, maxBytes?: number): string {
  const result = decodeFrame(bytes, maxBytes);
  expect(result.ok).toBe(false);
  if (result.ok) return '';
  expect(result.code).toBe(code);
  return result.message;
}

// ---- round trip ------------------------------------------------------------------------

describe('round trip', () => {
  it.each(frameTypes)('decodes every encoded %s frame to an equal frame', (type) => {
    const arbitrary = frameArbitraries[type] as fc.Arbitrary<Frame>;
    fc.assert(
      fc.property(arbitrary, (frame) => {
        const bytes = encodeFrame(frame);
        expect(bytes[0]).toBe(FrameType[type]);
        expect(decodeFrame(bytes)).toEqual({ ok: true, value: frame });
      }),
      { numRuns: 300 },
    );
  });

  it('encodes into one allocation of exactly the frame size', () => {
    fc.assert(
      fc.property(anyFrame, (frame) => {
        const bytes = encodeFrame(frame);
        expect(bytes.byteOffset).toBe(0);
        expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      }),
    );
  });

  it('returns byte fields as views of the input, not copies (zero copy)', () => {
    const bytes = encodeFrame({ type: 'push', room: ROOM, envelopes: [filled(3, 1), filled(4, 2)] });
    const result = decodeFrame(bytes);
    if (!result.ok || result.value.type !== 'push') throw new Error('expected a push frame');
    expect(result.value.room.buffer).toBe(bytes.buffer);
    for (const env of result.value.envelopes) expect(env.buffer).toBe(bytes.buffer);
    expect(result.value.envelopes[1]?.byteOffset).toBe(1 + 16 + 4 + 4 + 3 + 4);
  });

  it('decodes a frame that sits at an offset inside a larger buffer (a Node Buffer slice)', () => {
    const frame = encodeFrame(samples[4] as Frame);
    const pool = new Uint8Array(frame.length + 10);
    pool.set(frame, 7);
    expect(decodeFrame(pool.subarray(7, 7 + frame.length))).toEqual({ ok: true, value: samples[4] });
  });

  it('keeps a leading byte-order mark in an error message', () => {
    const frame: Frame = { type: 'error', room: ROOM, code: 1, envelopeId: ZERO_ID, message: '\ufeffciao' };
    expect(decodeFrame(encodeFrame(frame))).toEqual({ ok: true, value: frame });
  });
});

// ---- fuzz ------------------------------------------------------------------------------

describe('fuzz: the decoder returns a Result and never throws', () => {
  /** An accepted input must re-encode to the same bytes: the layout has one encoding per frame. */
  function checkDecode(bytes: Uint8Array): void {
    const result = decodeFrame(bytes);
    if (result.ok) expect(toHex(encodeFrame(result.value))).toBe(toHex(bytes));
    else expect(['frame_malformed', 'frame_unknown_type', 'frame_too_large']).toContain(result.code);
  }

  it('handles random bytes', () => {
    assertFuzz(fc.property(fc.uint8Array({ maxLength: 400 }), checkDecode));
  });

  it('handles random bodies behind every known type byte', () => {
    assertFuzz(
      fc.property(fc.integer({ min: 0x01, max: 0x1a }), fc.uint8Array({ maxLength: 200 }), (type, body) => {
        checkDecode(Uint8Array.of(type, ...body));
      }),
    );
  });

  it('refuses every truncation of a valid frame as frame_malformed (W2)', () => {
    assertFuzz(
      fc.property(anyFrame, fc.nat(), (frame, cut) => {
        const bytes = encodeFrame(frame);
        expectRefused(bytes.subarray(0, cut % bytes.length), 'frame_malformed');
      }),
    );
  });

  it('handles a bit flip anywhere in a valid frame', () => {
    assertFuzz(
      fc.property(anyFrame, fc.nat(), fc.integer({ min: 0, max: 7 }), (frame, at, bit) => {
        const bytes = encodeFrame(frame);
        const index = at % bytes.length;
        bytes[index] = (bytes[index] as number) ^ (1 << bit);
        checkDecode(bytes);
      }),
    );
  });

  it('refuses a valid frame followed by random extra bytes (W3)', () => {
    assertFuzz(
      fc.property(anyFrame, fc.uint8Array({ minLength: 1, maxLength: 40 }), (frame, extra) => {
        const bytes = encodeFrame(frame);
        const longer = new Uint8Array(bytes.length + extra.length);
        longer.set(bytes);
        longer.set(extra, bytes.length);
        expectRefused(longer, 'frame_malformed');
      }),
    );
  });
});

// ---- specific refusals -----------------------------------------------------------------

describe('decoding rules', () => {
  it('refuses an empty input as frame_malformed (W2)', () => {
    expectRefused(new Uint8Array(0), 'frame_malformed');
  });

  it.each(samples.map((frame) => [frame.type, frame] as const))('refuses the %s frame with one trailing byte (W3)', (_, frame) => {
    const bytes = encodeFrame(frame);
    expect(decodeFrame(bytes).ok).toBe(true);
    const message = expectRefused(Uint8Array.of(...bytes, 0), 'frame_malformed');
    expect(message).toMatch(/trailing/);
  });

  it('has one sample per frame type', () => {
    expect(samples.map((f) => f.type).sort()).toEqual([...frameTypes].sort());
  });

  it.each(['00', '1d', '7f', 'ff'])('answers frame_unknown_type for type byte 0x%s (W4)', (type) => {
    expectRefused(fromHex(type, ROOM_HEX), 'frame_unknown_type');
  });

  it('answers frame_too_large above maxBytes, before looking at the type (W1)', () => {
    expectRefused(new Uint8Array(DEFAULT_MAX_FRAME_BYTES + 1).fill(0xff), 'frame_too_large');
    expectRefused(encodeFrame({ type: 'leave', room: ROOM }), 'frame_too_large', 16);
    expect(decodeFrame(encodeFrame({ type: 'leave', room: ROOM }), 17).ok).toBe(true);
  });

  it('accepts a frame of exactly the default limit', () => {
    const envelopeBytes = DEFAULT_MAX_FRAME_BYTES - (1 + 16 + 4);
    const bytes = encodeFrame({ type: 'ephemeral', room: ROOM, envelope: new Uint8Array(envelopeBytes) });
    expect(bytes.length).toBe(DEFAULT_MAX_FRAME_BYTES);
    expect(decodeFrame(bytes).ok).toBe(true);
  });

  it.each([
    ['envelopes', '05'],
    ['push', '07'],
    ['ack', '08'],
    ['historyEnvelopes', '12'],
  ])('refuses the %s count that cannot fit in the frame, before allocating (W5)', (_, type) => {
    const message = expectRefused(fromHex(type, ROOM_HEX, 'ffffffff', '00'.repeat(40)), 'frame_malformed');
    expect(message).toMatch(/count 4294967295/);
  });

  it('refuses an ack frame whose count is one more than its entries (W5)', () => {
    const bytes = encodeFrame({ type: 'ack', room: ROOM, items: [{ id: filled(16, 1), seq: 1 }] });
    bytes[1 + 16 + 3] = 2;
    expectRefused(bytes, 'frame_malformed');
  });

  it('refuses an envelope length that runs past the end of the frame', () => {
    expectRefused(fromHex('09', ROOM_HEX, '00000005', 'aabbcc'), 'frame_malformed');
  });

  it.each([
    ['equal', '0000000000000002', '0000000000000002'],
    ['descending', '0000000000000005', '0000000000000004'],
  ])('refuses envelopes whose seqs are %s, not strictly ascending (W7)', (_, first, second) => {
    for (const type of ['05', '12']) {
      const bytes = fromHex(type, ROOM_HEX, '00000002', first, '00000001', 'aa', second, '00000001', 'bb');
      expect(expectRefused(bytes, 'frame_malformed')).toMatch(/seq/);
    }
  });

  it.each([
    ['envelopes', fromHex('05', ROOM_HEX, '00000001', '0000000000000001', '00000000', 'aa')],
    ['push', fromHex('07', ROOM_HEX, '00000001', '00000000', 'aa')],
    ['ephemeral', fromHex('09', ROOM_HEX, '00000000')],
    ['snapshot', fromHex('0c', ROOM_HEX, '0000000000000003', '00000000')],
    ['historyEnvelopes', fromHex('12', ROOM_HEX, '00000001', '0000000000000001', '00000000', 'aa')],
  ])('refuses a zero-length envelope in the %s frame (W6)', (_, bytes) => {
    expect(expectRefused(bytes, 'frame_malformed')).toMatch(/length 0/);
  });

  it('refuses a u64 above 2^53 - 1 and accepts 2^53 - 1 (W8)', () => {
    expectRefused(fromHex('01', '0001', ROOM_HEX, '0020000000000000'), 'frame_malformed');
    expectRefused(fromHex('01', '0001', ROOM_HEX, 'ffffffffffffffff'), 'frame_malformed');
    expect(decodeFrame(fromHex('01', '0001', ROOM_HEX, '001fffffffffffff'))).toEqual({
      ok: true,
      value: { type: 'hello', protocolVersion: 1, room: ROOM, since: Number.MAX_SAFE_INTEGER },
    });
  });

  it('refuses a u64 above 2^53 - 1 in every u64 field (W8)', () => {
    const big = '0020000000000000';
    const id16 = '00'.repeat(16);
    for (const bytes of [
      fromHex('05', ROOM_HEX, '00000001', big, '00000001', 'aa'),
      fromHex('06', ROOM_HEX, big, id16, '0000000000000000'),
      fromHex('06', ROOM_HEX, '0000000000000000', id16, big),
      fromHex('08', ROOM_HEX, '00000001', id16, big),
      fromHex('0c', ROOM_HEX, big, '00000001', 'aa'),
      fromHex('0d', ROOM_HEX, id16, big),
      fromHex('11', ROOM_HEX, big, '00000001'),
      fromHex('12', ROOM_HEX, '00000001', big, '00000001', 'aa'),
      fromHex('13', ROOM_HEX, big, '0000000000000000'),
      fromHex('13', ROOM_HEX, '0000000000000000', big),
    ]) {
      expect(expectRefused(bytes, 'frame_malformed')).toMatch(/2\^53/);
    }
  });

  it.each([
    ['a 0xff byte', 'ff'],
    ['an overlong encoding', 'c080'],
    ['an encoded surrogate', 'eda080'],
    ['a truncated sequence', 'e282'],
  ])('refuses an error message with %s as invalid UTF-8 (W9)', (_, bad) => {
    const bytes = fromHex('0a', ROOM_HEX, '0016', '00'.repeat(16), (bad.length / 2).toString(16).padStart(4, '0'), bad);
    expect(expectRefused(bytes, 'frame_malformed')).toMatch(/UTF-8/);
  });

  it.each([2, 0xff])('refuses a challenge whose roomExists byte is %i (W10)', (value) => {
    expectRefused(fromHex('02', ROOM_HEX, 'aa'.repeat(32), value.toString(16).padStart(2, '0')), 'frame_malformed');
  });

  const rotateHead = (length: string): Uint8Array =>
    fromHex('0e', ROOM_HEX, '00000001', '00000002', 'aa'.repeat(32), 'bb'.repeat(64), length);
  const rotationHead = (length: string): Uint8Array =>
    fromHex('10', ROOM_HEX, '00000001', '00000002', 'aa'.repeat(32), 'cc'.repeat(32), 'bb'.repeat(64), length);

  it.each([
    ['rotate', rotateHead],
    ['rotation', rotationHead],
  ])('refuses empty key boxes in a %s frame (W11)', (_, head) => {
    expect(expectRefused(head('00000000'), 'frame_malformed')).toMatch(/keyBoxes .* length 0/);
  });

  it.each([
    ['rotate', rotateHead],
    ['rotation', rotationHead],
  ])('refuses key boxes above MAX_KEY_BOXES_BYTES in a %s frame before reading them (W11)', (_, head) => {
    const over = (MAX_KEY_BOXES_BYTES + 1).toString(16).padStart(8, '0');
    const header = head(over);
    const bytes = new Uint8Array(header.length + MAX_KEY_BOXES_BYTES + 1);
    bytes.set(header);
    expect(expectRefused(bytes, 'frame_malformed')).toMatch(/keyBoxes .* length 262145/);
    expect(expectRefused(head('ffffffff'), 'frame_malformed')).toMatch(/keyBoxes/);
  });

  it('accepts key boxes of exactly MAX_KEY_BOXES_BYTES, and the frame fits the default limit', () => {
    const frame: Frame = {
      type: 'rotation',
      room: ROOM,
      fromEpoch: 4,
      toEpoch: 5,
      newRelayAuthPublicKey: filled(32, 1),
      nonce: filled(32, 2),
      signature: filled(64, 3),
      keyBoxes: new Uint8Array(MAX_KEY_BOXES_BYTES).fill(4),
    };
    const bytes = encodeFrame(frame);
    expect(bytes.length).toBe(157 + MAX_KEY_BOXES_BYTES);
    expect(decodeFrame(bytes)).toEqual({ ok: true, value: frame });
  });

  it('lays out rotate, rotated, history and historyEnd as docs/PROTOCOL.md §5 says', () => {
    expect(toHex(encodeFrame(samples.find((f) => f.type === 'rotate') as Frame))).toBe(
      ['0e', ROOM_HEX, '00000001', '00000002', '0b'.repeat(32), '0c'.repeat(64), '00000007', '0d'.repeat(7)].join(''),
    );
    expect(toHex(encodeFrame({ type: 'rotated', room: ROOM, epoch: 2 }))).toBe(`0f${ROOM_HEX}00000002`);
    expect(toHex(encodeFrame({ type: 'history', room: ROOM, fromSeq: 1, limit: 100 }))).toBe(`11${ROOM_HEX}000000000000000100000064`);
    expect(toHex(encodeFrame({ type: 'historyEnd', room: ROOM, nextSeq: 2, head: 9 }))).toBe(
      `13${ROOM_HEX}00000000000000020000000000000009`,
    );
  });

  it('accepts an error code this version does not know (forward compatibility)', () => {
    const result = decodeFrame(fromHex('0a', '00'.repeat(16), 'beef', '00'.repeat(16), '0000'));
    expect(result).toEqual({ ok: true, value: { type: 'error', room: ZERO_ID, code: 0xbeef, envelopeId: ZERO_ID, message: '' } });
    expect(errorCodeName(0xbeef)).toBeUndefined();
  });
});

// ---- encoder refusals (programming errors) ---------------------------------------------

describe('encoder', () => {
  const cases: Array<[string, Frame]> = [
    ['a 15-byte room', { type: 'leave', room: new Uint8Array(15) }],
    ['a 17-byte room', { type: 'leave', room: new Uint8Array(17) }],
    ['a 31-byte nonce', { type: 'challenge', room: ROOM, nonce: new Uint8Array(31), roomExists: false }],
    ['a 63-byte signature', { type: 'auth', room: ROOM, signature: new Uint8Array(63) }],
    ['a 33-byte public key', { type: 'create', room: ROOM, epoch: 1, relayAuthPublicKey: new Uint8Array(33), signature: new Uint8Array(64) }],
    ['an epoch of 2^32', { type: 'create', room: ROOM, epoch: 2 ** 32, relayAuthPublicKey: new Uint8Array(32), signature: new Uint8Array(64) }],
    ['a 15-byte ack id', { type: 'ack', room: ROOM, items: [{ id: new Uint8Array(15), seq: 1 }] }],
    ['a since of 2^53', { type: 'hello', protocolVersion: 1, room: ROOM, since: 2 ** 53 }],
    ['a negative seq', { type: 'ack', room: ROOM, items: [{ id: new Uint8Array(16), seq: -1 }] }],
    ['a fractional head', { type: 'synced', room: ROOM, head: 1.5, snapshotId: ZERO_ID, snapshotCovers: 0 }],
    ['a protocol version of 65536', { type: 'hello', protocolVersion: 65536, room: ROOM, since: 0 }],
    ['an error code of 65536', { type: 'error', room: ROOM, code: 65536, envelopeId: ZERO_ID, message: '' }],
    ['an error message over 65535 bytes', { type: 'error', room: ROOM, code: 1, envelopeId: ZERO_ID, message: 'é'.repeat(40_000) }],
    ['an empty pushed envelope', { type: 'push', room: ROOM, envelopes: [new Uint8Array(0)] }],
    ['an empty ephemeral envelope', { type: 'ephemeral', room: ROOM, envelope: new Uint8Array(0) }],
    ['seqs not ascending', { type: 'envelopes', room: ROOM, items: [{ seq: 2, envelope: filled(1, 1) }, { seq: 2, envelope: filled(1, 1) }] }],
    ['history seqs not ascending', { type: 'historyEnvelopes', room: ROOM, items: [{ seq: 3, envelope: filled(1, 1) }, { seq: 1, envelope: filled(1, 1) }] }],
    ['empty key boxes', { type: 'rotate', room: ROOM, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: filled(32, 1), signature: filled(64, 1), keyBoxes: new Uint8Array(0) }],
    [
      'key boxes above MAX_KEY_BOXES_BYTES',
      { type: 'rotate', room: ROOM, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: filled(32, 1), signature: filled(64, 1), keyBoxes: new Uint8Array(MAX_KEY_BOXES_BYTES + 1) },
    ],
    ['a 31-byte rotation nonce', { type: 'rotation', room: ROOM, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: filled(32, 1), nonce: filled(31, 1), signature: filled(64, 1), keyBoxes: filled(1, 1) }],
    ['a history limit of 2^32', { type: 'history', room: ROOM, fromSeq: 1, limit: 2 ** 32 }],
    ['a rotated epoch of 2^32', { type: 'rotated', room: ROOM, epoch: 2 ** 32 }],
  ];

  it.each(cases)('throws on %s', (_, frame) => {
    expect(() => encodeFrame(frame)).toThrow(RangeError);
  });

  it('throws on an unknown frame type', () => {
    expect(() => encodeFrame({ type: 'nope' } as unknown as Frame)).toThrow(TypeError);
  });

  it('encodes a lone surrogate in an error message as U+FFFD instead of throwing', () => {
    const result = decodeFrame(encodeFrame({ type: 'error', room: ROOM, code: 1, envelopeId: ZERO_ID, message: 'a\ud800b' }));
    expect(result.ok && result.value.type === 'error' && result.value.message).toBe('a\ufffdb');
  });
});

// ---- helpers for the relay -------------------------------------------------------------

describe('relay helpers', () => {
  it('encodeEnvelopesFrame gives the same bytes as encodeFrame', () => {
    fc.assert(
      fc.property(frameArbitraries.envelopes, (frame) => {
        expect(toHex(encodeEnvelopesFrame(frame.room, frame.items))).toBe(toHex(encodeFrame(frame)));
      }),
    );
  });

  it('errorFrame carries the numeric code, and ZERO_ID when no envelope applies', () => {
    expect(decodeFrame(errorFrame(ZERO_ID, 'frame_malformed', 'bad'))).toEqual({
      ok: true,
      value: { type: 'error', room: ZERO_ID, code: 1, envelopeId: ZERO_ID, message: 'bad' },
    });
    const envelopeId = filled(16, 0xee);
    const result = decodeFrame(errorFrame(ROOM, 'snapshot_conflict', 'parent is not current', envelopeId));
    expect(result).toEqual({
      ok: true,
      value: { type: 'error', room: ROOM, code: 49, envelopeId, message: 'parent is not current' },
    });
  });

  it('errorFrame cuts a very long message instead of throwing', () => {
    const result = decodeFrame(errorFrame(ROOM, 'internal', '€'.repeat(100_000)));
    expect(result.ok && result.value.type === 'error' && result.value.message.length).toBe(1024);
  });

  it('errorCodeName maps every code back to its name', () => {
    for (const [name, code] of Object.entries(ErrorCode)) expect(errorCodeName(code)).toBe(name);
    expect(errorCodeName(47)).toBeUndefined();
    expect(errorCodeName(0)).toBeUndefined();
  });

  it('ZERO_ID is 16 zero bytes', () => {
    expect(toHex(ZERO_ID)).toBe('00'.repeat(16));
  });

  it('maxEnvelopeBytes is the largest envelope every envelope-carrying frame can hold', () => {
    const largest = new Uint8Array(maxEnvelopeBytes());
    const envelopes = encodeEnvelopesFrame(ROOM, [{ seq: Number.MAX_SAFE_INTEGER, envelope: largest }]);
    expect(envelopes.length).toBe(DEFAULT_MAX_FRAME_BYTES);
    for (const frame of [
      encodeFrame({ type: 'push', room: ROOM, envelopes: [largest] }),
      encodeFrame({ type: 'snapshot', room: ROOM, covers: 1, envelope: largest }),
      encodeFrame({ type: 'ephemeral', room: ROOM, envelope: largest }),
      encodeFrame({ type: 'historyEnvelopes', room: ROOM, items: [{ seq: Number.MAX_SAFE_INTEGER, envelope: largest }] }),
      envelopes,
    ]) {
      expect(decodeFrame(frame).ok).toBe(true);
    }
    expectRefused(encodeEnvelopesFrame(ROOM, [{ seq: 1, envelope: new Uint8Array(maxEnvelopeBytes() + 1) }]), 'frame_too_large');
  });
});

// ---- the documents agree with the code --------------------------------------------------

describe('docs', () => {
  const errorsDoc = readFileSync(new URL('../docs/ERRORS.md', import.meta.url), 'utf8');
  const protocolDoc = readFileSync(new URL('../docs/PROTOCOL.md', import.meta.url), 'utf8');

  it.each(Object.entries(ErrorCode))('docs/ERRORS.md has a table row for %s', (name, code) => {
    expect(errorsDoc).toMatch(new RegExp(`^\\|\\s*${code}\\s*\\|\\s*\`${name}\`\\s*\\|`, 'm'));
  });

  it.each(['envelope_commitment', 'envelope_decrypt', 'frame_malformed', 'frame_unknown_type', 'frame_too_large'])(
    'docs/ERRORS.md documents the code %s that is not an error-frame number',
    (name: string) => {
      expect(errorsDoc).toMatch(new RegExp(`^\\|[^|\\n]*\\|\\s*\`${name}\`\\s*\\|`, 'm'));
    },
  );

  it.each(Object.entries(CloseCode))('docs/PROTOCOL.md and docs/ERRORS.md name close code %s', (_, code) => {
    expect(protocolDoc).toContain(String(code));
    expect(errorsDoc).toContain(String(code));
  });

  it.each(Object.entries(FrameType))('docs/PROTOCOL.md lays out the %s frame', (name, type) => {
    expect(protocolDoc).toContain(`0x${type.toString(16).padStart(2, '0')} \`${name}\``);
  });

  it('docs/PROTOCOL.md worked example bytes are what the encoder produces', () => {
    const compact = protocolDoc.replace(/\s+/g, '');
    const hello = encodeFrame({ type: 'hello', protocolVersion: 1, room: ROOM, since: 0 });
    const nonce = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    const challenge = encodeFrame({ type: 'challenge', room: ROOM, nonce, roomExists: false });
    const error = errorFrame(ROOM, 'room_not_found', 'no such room');
    for (const bytes of [hello, challenge, error]) expect(compact).toContain(toHex(bytes));
  });
});
