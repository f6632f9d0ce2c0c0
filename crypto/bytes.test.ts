import { beforeAll, describe, expect, it } from 'vitest';
import {
  bytesEqual,
  compareBytes,
  concatBytes,
  fromBase64Url,
  readU16,
  readU32,
  readU64,
  toBase64Url,
  toHex,
  writeU16,
  writeU32,
  writeU64,
} from './bytes';
import { initSodium } from './sodium';

// bytes.ts is pure JavaScript; initialised anyway so every crypto test file starts the same way.
beforeAll(initSodium);

const b = (...xs: number[]): Uint8Array => new Uint8Array(xs);

describe('concatBytes, bytesEqual, compareBytes, toHex', () => {
  it('concatenates in order', () => {
    expect(toHex(concatBytes(b(1), b(), b(2, 3)))).toBe('010203');
  });
  it('compares by content and length', () => {
    expect(bytesEqual(b(1, 2), b(1, 2))).toBe(true);
    expect(bytesEqual(b(1, 2), b(1, 3))).toBe(false);
    expect(bytesEqual(b(1), b(1, 0))).toBe(false);
  });
  it('orders bytewise with a proper prefix first', () => {
    expect(compareBytes(b(1, 2), b(1, 3))).toBe(-1);
    expect(compareBytes(b(0xff), b(0x00, 0x00))).toBe(1);
    expect(compareBytes(b(1), b(1, 0))).toBe(-1);
    expect(compareBytes(b(1, 0), b(1))).toBe(1);
    expect(compareBytes(b(), b())).toBe(0);
  });
});

describe('base64url', () => {
  it('round-trips every length 0..40 and matches Node\'s encoder', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 97 + n) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      const back = fromBase64Url(text);
      expect(back.ok && toHex(back.value)).toBe(toHex(bytes));
    }
  });

  it.each(['AA==', 'a+b/', 'AAA A', 'A', 'AAAAA', 'AB', 'AAB', '€€'])('refuses %j as base64_malformed', (text) => {
    expect(fromBase64Url(text)).toMatchObject({ ok: false, code: 'base64_malformed' });
  });

  it('accepts the canonical forms of one and two trailing bytes', () => {
    expect(fromBase64Url('AA')).toMatchObject({ ok: true });
    expect(fromBase64Url('AAA')).toMatchObject({ ok: true });
    expect(fromBase64Url('_w')).toMatchObject({ ok: true });
  });
});

describe('big-endian integers', () => {
  it('writes and reads u16, u32 and u64 big-endian at an offset', () => {
    const buf = new Uint8Array(16);
    writeU16(buf, 0, 0x1234);
    writeU32(buf, 2, 0xdeadbeef);
    writeU64(buf, 6, 2 ** 40 + 5);
    expect(toHex(buf.subarray(0, 14))).toBe('1234' + 'deadbeef' + '0000010000000005');
    expect(readU16(buf, 0)).toBe(0x1234);
    expect(readU32(buf, 2)).toBe(0xdeadbeef);
    expect(readU64(buf, 6)).toBe(2 ** 40 + 5);
  });

  it('reads u64 up to 2^53-1 and returns undefined above it', () => {
    const buf = new Uint8Array(8);
    writeU64(buf, 0, Number.MAX_SAFE_INTEGER);
    expect(toHex(buf)).toBe('001fffffffffffff');
    expect(readU64(buf, 0)).toBe(Number.MAX_SAFE_INTEGER);
    buf[1] = 0x20;
    expect(readU64(buf, 0)).toBeUndefined();
    expect(readU64(new Uint8Array(8).fill(0xff), 0)).toBeUndefined();
  });

  it('reads through a view at an offset inside a larger buffer', () => {
    const big = new Uint8Array([9, 9, 0, 0, 0, 7]);
    expect(readU32(big.subarray(2), 0)).toBe(7);
  });

  it('throws on values that do not fit and on reads past the end', () => {
    const buf = new Uint8Array(8);
    expect(() => writeU16(buf, 0, 0x10000)).toThrow(RangeError);
    expect(() => writeU32(buf, 0, -1)).toThrow(RangeError);
    expect(() => writeU64(buf, 0, 2 ** 53)).toThrow(RangeError);
    expect(() => writeU64(buf, 0, 1.5)).toThrow(RangeError);
    expect(() => readU32(buf, 6)).toThrow(RangeError);
  });
});
