/**
 * The recovery escrow frames of the codec (docs/PROTOCOL.md §4.11, §5 0x14–0x1a): their byte
 * layouts, and the decoding rules that concern them (W5, W8, W10, W12, W13). Round trips and
 * fuzzing of every frame type, these included, are in wire.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { RECOVERY_MAX_BYTES } from '../crypto/recovery';
import {
  DEFAULT_MAX_FRAME_BYTES,
  ESCROW_ITEM_HEADER_BYTES,
  ESCROW_ITEMS_FRAME_HEADER_BYTES,
  MAX_ESCROW_BLOB_BYTES,
  ZERO_ID,
  decodeFrame,
  encodeFrame,
} from './wire';
import type { Frame, FrameErrorCode } from './wire';

const fromHex = (...parts: string[]): Uint8Array =>
  Uint8Array.from((parts.join('').match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const filled = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

const ROOM_HEX = '00112233445566778899aabbccddeeff';
const ROOM = fromHex(ROOM_HEX);
const MAILBOX_HEX = '10'.repeat(32);
const MAILBOX = fromHex(MAILBOX_HEX);
const u32Hex = (n: number): string => n.toString(16).padStart(8, '0');

function expectRefused(bytes: Uint8Array, code: FrameErrorCode): string {
  const result = decodeFrame(bytes);
  expect(result.ok).toBe(false);
  if (result.ok) return '';
  expect(result.code).toBe(code);
  return result.message;
}

/** An escrowItems frame by hand: items as [room hex, blob hex]. */
function itemsFrame(count: number, items: ReadonlyArray<readonly [string, string]>): Uint8Array {
  return fromHex(
    '19',
    MAILBOX_HEX,
    u32Hex(count),
    ...items.map(([room, blob]) => room + '00000001' + '0000000000000005' + u32Hex(blob.length / 2) + blob),
  );
}

describe('escrow frame layouts (docs/PROTOCOL.md §5)', () => {
  it('lays out escrow, escrowed, escrowHello, escrowChallenge, escrowList and escrowEnd byte for byte', () => {
    expect(toHex(encodeFrame({ type: 'escrow', room: ROOM, mailbox: MAILBOX, blob: filled(3, 0xab) }))).toBe(
      ['14', ROOM_HEX, MAILBOX_HEX, '00000003', 'ababab'].join(''),
    );
    expect(toHex(encodeFrame({ type: 'escrowed', room: ROOM, mailbox: MAILBOX, blobId: filled(16, 0xcd), storedAt: 7 }))).toBe(
      ['15', ROOM_HEX, MAILBOX_HEX, 'cd'.repeat(16), '0000000000000007'].join(''),
    );
    expect(toHex(encodeFrame({ type: 'escrowHello', protocolVersion: 1, mailbox: MAILBOX }))).toBe(`160001${MAILBOX_HEX}`);
    expect(toHex(encodeFrame({ type: 'escrowChallenge', mailbox: MAILBOX, ephemeralPublicKey: filled(32, 0xee) }))).toBe(
      `17${MAILBOX_HEX}${'ee'.repeat(32)}`,
    );
    const list = encodeFrame({
      type: 'escrowList',
      mailbox: MAILBOX,
      recoveryPublicKey: filled(32, 0x21),
      proof: filled(32, 0x22),
      fromRoom: ROOM,
      limit: 1024,
    });
    expect(toHex(list)).toBe(['18', MAILBOX_HEX, '21'.repeat(32), '22'.repeat(32), ROOM_HEX, '00000400'].join(''));
    expect(list.length).toBe(117);
    expect(toHex(encodeFrame({ type: 'escrowEnd', mailbox: MAILBOX, nextRoom: ROOM, complete: false }))).toBe(`1a${MAILBOX_HEX}${ROOM_HEX}00`);
  });

  it('lays out escrowItems as mailbox, count, then room | epoch | storedAt | len | blob per item', () => {
    const second = 'ff'.repeat(16);
    const frame: Frame = {
      type: 'escrowItems',
      mailbox: MAILBOX,
      items: [
        { room: ROOM, epoch: 1, storedAt: 5, blob: filled(2, 0xaa) },
        { room: fromHex(second), epoch: 1, storedAt: 5, blob: filled(1, 0xbb) },
      ],
    };
    const bytes = encodeFrame(frame);
    expect(toHex(bytes)).toBe(toHex(itemsFrame(2, [[ROOM_HEX, 'aaaa'], [second, 'bb']])));
    expect(bytes.length).toBe(ESCROW_ITEMS_FRAME_HEADER_BYTES + 2 * ESCROW_ITEM_HEADER_BYTES + 3);
    expect(decodeFrame(bytes)).toEqual({ ok: true, value: frame });
  });
});

describe('escrow decoding rules', () => {
  it('refuses an empty escrow blob in escrow and escrowItems (W12)', () => {
    expect(expectRefused(fromHex('14', ROOM_HEX, MAILBOX_HEX, '00000000'), 'frame_malformed')).toMatch(/blob .* length 0/);
    // Two items, so that the count still fits (W5) and the empty first blob is what is refused.
    expect(expectRefused(itemsFrame(2, [[ROOM_HEX, ''], ['ff'.repeat(16), 'aaaa']]), 'frame_malformed')).toMatch(/blob .* length 0/);
  });

  it('refuses a blob above MAX_ESCROW_BLOB_BYTES before reading it, and accepts exactly that size (W12)', () => {
    const over = fromHex('14', ROOM_HEX, MAILBOX_HEX, u32Hex(MAX_ESCROW_BLOB_BYTES + 1));
    const bytes = new Uint8Array(over.length + MAX_ESCROW_BLOB_BYTES + 1);
    bytes.set(over);
    expect(expectRefused(bytes, 'frame_malformed')).toMatch(/blob .* length 65537/);
    expect(expectRefused(fromHex('14', ROOM_HEX, MAILBOX_HEX, 'ffffffff'), 'frame_malformed')).toMatch(/blob/);
    const largest: Frame = { type: 'escrow', room: ROOM, mailbox: MAILBOX, blob: new Uint8Array(MAX_ESCROW_BLOB_BYTES).fill(3) };
    expect(decodeFrame(encodeFrame(largest))).toEqual({ ok: true, value: largest });
  });

  it.each([
    ['equal', ROOM_HEX, ROOM_HEX],
    ['descending', 'ff'.repeat(16), ROOM_HEX],
  ])('refuses escrowItems whose rooms are %s, not strictly ascending (W13)', (_, first, second) => {
    expect(expectRefused(itemsFrame(2, [[first, 'aa'], [second, 'bb']]), 'frame_malformed')).toMatch(/room of item 1/);
  });

  it('refuses an escrowItems count that cannot fit in the frame, before allocating (W5)', () => {
    expect(expectRefused(fromHex('19', MAILBOX_HEX, 'ffffffff', '00'.repeat(40)), 'frame_malformed')).toMatch(/count 4294967295/);
    expect(expectRefused(itemsFrame(2, [[ROOM_HEX, 'aa']]), 'frame_malformed')).toMatch(/count 2/);
  });

  it.each([2, 0xff])('refuses an escrowEnd whose complete byte is %i (W10)', (value) => {
    expectRefused(fromHex('1a', MAILBOX_HEX, ROOM_HEX, value.toString(16).padStart(2, '0')), 'frame_malformed');
  });

  it('refuses a storedAt above 2^53 - 1 in escrowed and escrowItems (W8)', () => {
    const big = '0020000000000000';
    expect(expectRefused(fromHex('15', ROOM_HEX, MAILBOX_HEX, '00'.repeat(16), big), 'frame_malformed')).toMatch(/2\^53/);
    expect(expectRefused(fromHex('19', MAILBOX_HEX, '00000001', ROOM_HEX, '00000001', big, '00000001', 'aa'), 'frame_malformed')).toMatch(/2\^53/);
  });

  it('decodes an empty list answer: zero items, and an end with ZERO_ID and complete', () => {
    expect(decodeFrame(fromHex('19', MAILBOX_HEX, '00000000'))).toEqual({ ok: true, value: { type: 'escrowItems', mailbox: MAILBOX, items: [] } });
    expect(decodeFrame(fromHex('1a', MAILBOX_HEX, '00'.repeat(16), '01'))).toEqual({
      ok: true,
      value: { type: 'escrowEnd', mailbox: MAILBOX, nextRoom: ZERO_ID, complete: true },
    });
  });
});

describe('escrow sizes', () => {
  it('holds the largest recovery blob crypto/recovery.ts can make', () => {
    expect(RECOVERY_MAX_BYTES).toBeLessThanOrEqual(MAX_ESCROW_BLOB_BYTES);
  });

  it('fits an escrow and a one-item escrowItems frame with the largest blob in the default frame size', () => {
    const blob = new Uint8Array(MAX_ESCROW_BLOB_BYTES);
    const escrow = encodeFrame({ type: 'escrow', room: ROOM, mailbox: MAILBOX, blob });
    const items = encodeFrame({ type: 'escrowItems', mailbox: MAILBOX, items: [{ room: ROOM, epoch: 1, storedAt: 1, blob }] });
    expect(escrow.length).toBe(53 + MAX_ESCROW_BLOB_BYTES);
    expect(items.length).toBe(ESCROW_ITEMS_FRAME_HEADER_BYTES + ESCROW_ITEM_HEADER_BYTES + MAX_ESCROW_BLOB_BYTES);
    expect(items.length).toBeLessThan(DEFAULT_MAX_FRAME_BYTES);
  });
});

describe('escrow encoder refusals (programming errors)', () => {
  const cases: Array<[string, Frame]> = [
    ['a 31-byte mailbox', { type: 'escrow', room: ROOM, mailbox: new Uint8Array(31), blob: filled(1, 1) }],
    ['an empty blob', { type: 'escrow', room: ROOM, mailbox: MAILBOX, blob: new Uint8Array(0) }],
    ['a blob above MAX_ESCROW_BLOB_BYTES', { type: 'escrow', room: ROOM, mailbox: MAILBOX, blob: new Uint8Array(MAX_ESCROW_BLOB_BYTES + 1) }],
    ['a 15-byte blob id', { type: 'escrowed', room: ROOM, mailbox: MAILBOX, blobId: new Uint8Array(15), storedAt: 1 }],
    ['a 31-byte proof', { type: 'escrowList', mailbox: MAILBOX, recoveryPublicKey: filled(32, 1), proof: filled(31, 1), fromRoom: ROOM, limit: 1 }],
    [
      'escrow rooms not ascending',
      {
        type: 'escrowItems',
        mailbox: MAILBOX,
        items: [
          { room: filled(16, 2), epoch: 1, storedAt: 1, blob: filled(1, 1) },
          { room: filled(16, 1), epoch: 1, storedAt: 1, blob: filled(1, 1) },
        ],
      },
    ],
    ['an escrow epoch of 2^32', { type: 'escrowItems', mailbox: MAILBOX, items: [{ room: ROOM, epoch: 2 ** 32, storedAt: 1, blob: filled(1, 1) }] }],
  ];

  it.each(cases)('throws on %s', (_, frame) => {
    expect(() => encodeFrame(frame)).toThrow(RangeError);
  });
});
