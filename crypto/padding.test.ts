import { beforeAll, describe, expect, it } from 'vitest';
import { padBucket, padPlaintext, unpadPlaintext } from './padding';
import { initSodium, sodium } from './sodium';

beforeAll(initSodium);

describe('padBucket', () => {
  it('pads everything under 64 bytes, including nothing, to 64', () => {
    expect(padBucket(0)).toBe(64);
    expect(padBucket(63)).toBe(64);
  });

  it('uses the smallest power of two above the length (room for the 0x80 marker) up to 65,536', () => {
    expect(padBucket(64)).toBe(128);
    expect(padBucket(127)).toBe(128);
    expect(padBucket(128)).toBe(256);
    expect(padBucket(1000)).toBe(1024);
    expect(padBucket(65_535)).toBe(65_536);
  });

  it('uses the next multiple of 65,536 beyond that', () => {
    expect(padBucket(65_536)).toBe(131_072);
    expect(padBucket(70_000)).toBe(131_072);
    expect(padBucket(131_071)).toBe(131_072);
    expect(padBucket(131_072)).toBe(196_608);
  });

  it('throws on a negative or fractional length', () => {
    expect(() => padBucket(-1)).toThrow(RangeError);
    expect(() => padBucket(1.5)).toThrow(RangeError);
  });
});

describe('padPlaintext / unpadPlaintext', () => {
  it.each([0, 1, 63, 64, 100, 65_535, 65_536, 70_000])('round-trips %i bytes through its bucket', (length) => {
    const plaintext = new Uint8Array(length).fill(0x80); // the marker byte itself, to test the scan
    const padded = padPlaintext(plaintext);
    expect(padded.length).toBe(padBucket(length));
    const back = unpadPlaintext(padded);
    expect(back.ok && back.value.length).toBe(length);
  });

  it('refuses a buffer with no padding marker', () => {
    expect(unpadPlaintext(new Uint8Array(64))).toMatchObject({ ok: false, code: 'padding_invalid' });
  });

  it('refuses buffers shorter than the smallest bucket', () => {
    expect(unpadPlaintext(new Uint8Array(0))).toMatchObject({ ok: false, code: 'padding_invalid' });
    expect(unpadPlaintext(sodium().pad(new Uint8Array(3), 16))).toMatchObject({ ok: false, code: 'padding_invalid' });
  });

  it('refuses valid padding to a size that is not the canonical bucket', () => {
    expect(unpadPlaintext(sodium().pad(new Uint8Array(10), 128))).toMatchObject({ ok: false, code: 'padding_invalid' });
    expect(unpadPlaintext(sodium().pad(new Uint8Array(10), 96))).toMatchObject({ ok: false, code: 'padding_invalid' });
  });
});
