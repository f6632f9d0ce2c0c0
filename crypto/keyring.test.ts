/**
 * The sealed keyring: round trip, passphrase handling (wrong, NFC, change), re-sealing with a
 * kept wrap, the Argon2 parameter window, and the byte layout of docs/KEYRING.md. Most tests
 * use the smallest parameters (FAST_PARAMS); one uses the defaults.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bytesEqual, readU32, toHex, writeU32 } from './bytes';
import {
  changeKeyringPassphrase,
  defaultKeyringParams,
  deriveKeyringWrap,
  KEYRING_HEADER_BYTES,
  KEYRING_MEMLIMIT_KIB_MAX,
  KEYRING_MIN_BYTES,
  keyringParamsAllowed,
  openKeyring,
  parseKeyringHeader,
  sealKeyring,
  wipeKeyringWrap,
} from './keyring';
import type { KeyringWrap } from './keyring';
import { encodeKeyringData } from './keyringData';
import type { KeyringData } from './keyringData';
import { padBucket } from './padding';
import { aeadDecrypt } from './primitives';
import { initSodium, sodium } from './sodium';
import { countArgon2, FAST_PARAMS, makeKeyringData } from './testkit/keyringFixtures';

beforeAll(initSodium);
afterEach(() => {
  vi.restoreAllMocks();
});

const PASS = 'cavallo batteria graffetta';

function expectSameData(actual: KeyringData, expected: KeyringData): void {
  expect(toHex(encodeKeyringData(actual))).toBe(toHex(encodeKeyringData(expected)));
}

function sealed(data = makeKeyringData(), passphrase = PASS): { bytes: Uint8Array; wrap: KeyringWrap; data: KeyringData } {
  const wrap = deriveKeyringWrap(passphrase, FAST_PARAMS);
  return { bytes: sealKeyring(data, wrap), wrap, data };
}

describe('sealKeyring / openKeyring', () => {
  it('round-trips the data and returns a wrap that re-derives to the same key', () => {
    const { bytes, wrap, data } = sealed();
    const opened = openKeyring(bytes, PASS);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expectSameData(opened.value.data, data);
    expect(bytesEqual(opened.value.wrap.key, wrap.key)).toBe(true);
    expect(bytesEqual(opened.value.wrap.salt, wrap.salt)).toBe(true);
    expect(opened.value.wrap).toMatchObject({ opslimit: 1, memlimitKiB: 8192 });
  });

  it('round-trips with the default parameters (INTERACTIVE: opslimit 2, 64 MiB), which are written in the header', () => {
    const params = defaultKeyringParams();
    expect(params).toEqual({ opslimit: sodium().crypto_pwhash_OPSLIMIT_INTERACTIVE, memlimitKiB: 65536 });
    const data = makeKeyringData();
    const wrap = deriveKeyringWrap(PASS);
    const bytes = sealKeyring(data, wrap);
    expect(readU32(bytes, 10)).toBe(2);
    expect(readU32(bytes, 14)).toBe(65536);
    const opened = openKeyring(bytes, PASS);
    expect(opened.ok && opened.value.wrap.opslimit === 2 && opened.value.wrap.memlimitKiB === 65536).toBe(true);
    if (opened.ok) expectSameData(opened.value.data, data);
  });

  it('refuses a wrong passphrase as keyring_passphrase', () => {
    const { bytes } = sealed();
    for (const wrong of ['cavallo batteria graffette', '', 'Cavallo batteria graffetta', `${PASS} `]) {
      const opened = openKeyring(bytes, wrong);
      expect(opened.ok ? 'ok' : opened.code).toBe('keyring_passphrase');
    }
  });

  it('normalises the passphrase to NFC: "è" as one code point or as e + combining accent opens the same file', () => {
    const composed = 'perché è così difficile';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const { bytes } = sealed(makeKeyringData(), decomposed);
    expect(openKeyring(bytes, composed).ok).toBe(true);
  });

  it('re-sealing with the same wrap gives a different file (fresh nonce) that opens with the passphrase', () => {
    const { bytes, wrap, data } = sealed();
    const again = sealKeyring(data, wrap);
    expect(again.length).toBe(bytes.length);
    expect(bytesEqual(again.subarray(34, 58), bytes.subarray(34, 58))).toBe(false); // nonce
    expect(bytesEqual(again.subarray(58), bytes.subarray(58))).toBe(false); // ciphertext
    expect(bytesEqual(again.subarray(0, 34), bytes.subarray(0, 34))).toBe(true); // magic..salt
    const opened = openKeyring(again, PASS);
    expect(opened.ok).toBe(true);
    if (opened.ok) expectSameData(opened.value.data, data);
  });

  it('re-seals a changed keyring with the wrap returned by openKeyring, without the passphrase', () => {
    const { bytes } = sealed();
    const opened = openKeyring(bytes, PASS);
    if (!opened.ok) throw new Error(opened.message);
    const changed: KeyringData = { ...opened.value.data, settings: { ...opened.value.data.settings, lockAfterMinutes: 60 } };
    const resealed = openKeyring(sealKeyring(changed, opened.value.wrap), PASS);
    expect(resealed.ok && resealed.value.data.settings.lockAfterMinutes).toBe(60);
  });

  it('refuses to seal data the parser would refuse, so an unopenable keyring is never written', () => {
    const { wrap, data } = sealed();
    expect(() => sealKeyring({ ...data, settings: { lockAfterMinutes: 0 } }, wrap)).toThrow(RangeError);
    expect(() => sealKeyring({ ...data, profile: { ...data.profile, nome: '' } }, wrap)).toThrow(/nome/);
  });

  it('refuses to seal with a wrap deriveKeyringWrap could not have made', () => {
    const { wrap, data } = sealed();
    expect(() => sealKeyring(data, { ...wrap, key: new Uint8Array(31) })).toThrow(RangeError);
    expect(() => sealKeyring(data, { ...wrap, salt: new Uint8Array(15) })).toThrow(RangeError);
    expect(() => sealKeyring(data, { ...wrap, opslimit: 11 })).toThrow(RangeError);
    expect(() => sealKeyring(data, { ...wrap, memlimitKiB: 4096 })).toThrow(RangeError);
  });

  it('wipeKeyringWrap zeroes the key, after which the wrap no longer seals a file the passphrase opens', () => {
    const { wrap, data } = sealed();
    wipeKeyringWrap(wrap);
    expect(sodium().is_zero(wrap.key)).toBe(true);
    const opened = openKeyring(sealKeyring(data, wrap), PASS);
    expect(opened.ok ? 'ok' : opened.code).toBe('keyring_passphrase');
  });

  it('never throws on arguments of the wrong type', () => {
    const { bytes } = sealed();
    expect(openKeyring(null as unknown as Uint8Array, PASS)).toMatchObject({ ok: false, code: 'keyring_malformed' });
    expect(openKeyring([...bytes] as unknown as Uint8Array, PASS)).toMatchObject({ ok: false, code: 'keyring_malformed' });
    expect(openKeyring(bytes, undefined as unknown as string)).toMatchObject({ ok: false, code: 'keyring_passphrase' });
  });
});

describe('byte layout (docs/KEYRING.md)', () => {
  it('writes magic, version, kdf, params, salt, nonce, then the padded ciphertext with the header as additional data', () => {
    const { bytes, wrap, data } = sealed();
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('CRTKEYR1');
    expect(bytes[8]).toBe(1);
    expect(bytes[9]).toBe(1);
    expect(readU32(bytes, 10)).toBe(1);
    expect(readU32(bytes, 14)).toBe(8192);
    expect(toHex(bytes.subarray(18, 34))).toBe(toHex(wrap.salt));
    expect(KEYRING_HEADER_BYTES).toBe(58);
    const plainLength = encodeKeyringData(data).length;
    expect(bytes.length).toBe(58 + padBucket(plainLength) + 16);
    // Decrypt by hand with ad = bytes 0..58 (magic through nonce).
    const padded = aeadDecrypt(wrap.key, bytes.subarray(34, 58), bytes.subarray(58), bytes.subarray(0, 58));
    expect(padded.ok).toBe(true);
    if (padded.ok) expect(toHex(sodium().unpad(padded.value, padded.value.length))).toBe(toHex(encodeKeyringData(data)));
  });

  it('derives the key as crypto_pwhash(32, NFC passphrase as UTF-8, salt, opslimit, memlimit × 1024, Argon2id13)', () => {
    const s = sodium();
    const salt = new Uint8Array(16).fill(7);
    const wrap = deriveKeyringWrap('città', FAST_PARAMS, salt);
    const expected = s.crypto_pwhash(32, new TextEncoder().encode('città'), salt, 1, 8 * 1024 * 1024, s.crypto_pwhash_ALG_ARGON2ID13);
    expect(toHex(wrap.key)).toBe(toHex(expected));
    expect(wrap.salt).not.toBe(salt); // copied
  });

  it('draws a fresh random salt when none is given', () => {
    const a = deriveKeyringWrap(PASS, FAST_PARAMS);
    const b = deriveKeyringWrap(PASS, FAST_PARAMS);
    expect(bytesEqual(a.salt, b.salt)).toBe(false);
    expect(bytesEqual(a.key, b.key)).toBe(false);
  });

  it('the smallest file is 58 + 64 + 16 bytes', () => {
    expect(KEYRING_MIN_BYTES).toBe(138);
  });
});

describe('Argon2 parameter window (a crafted file cannot make the device hash for minutes)', () => {
  function withParams(bytes: Uint8Array, opslimit: number, memlimitKiB: number): Uint8Array {
    const out = bytes.slice();
    writeU32(out, 10, opslimit);
    writeU32(out, 14, memlimitKiB);
    return out;
  }

  it('refuses a file claiming memlimit 4 GiB or opslimit 1000 as keyring_params, without running Argon2', () => {
    const { bytes } = sealed();
    const argon2 = countArgon2();
    const cases: Array<[number, number]> = [
      [1, 4 * 1024 * 1024], // 4 GiB
      [1000, 8192],
      [0xffffffff, 0xffffffff],
      [1, KEYRING_MEMLIMIT_KIB_MAX + 1], // 1 GiB + 1 KiB
      [11, 8192],
      [0, 8192],
      [1, 8191],
      [1, 0],
    ];
    for (const [ops, mem] of cases) {
      const opened = openKeyring(withParams(bytes, ops, mem), PASS);
      expect(opened.ok ? 'ok' : opened.code, `opslimit ${ops}, memlimit ${mem} KiB`).toBe('keyring_params');
    }
    expect(argon2).not.toHaveBeenCalled();
  });

  it('accepts exactly the window opslimit 1..10, memlimit 8 MiB..1 GiB', () => {
    expect(keyringParamsAllowed({ opslimit: 1, memlimitKiB: 8192 })).toBe(true);
    expect(keyringParamsAllowed({ opslimit: 10, memlimitKiB: 1024 * 1024 })).toBe(true);
    expect(keyringParamsAllowed({ opslimit: 0, memlimitKiB: 8192 })).toBe(false);
    expect(keyringParamsAllowed({ opslimit: 11, memlimitKiB: 8192 })).toBe(false);
    expect(keyringParamsAllowed({ opslimit: 1, memlimitKiB: 8191 })).toBe(false);
    expect(keyringParamsAllowed({ opslimit: 1, memlimitKiB: 1024 * 1024 + 1 })).toBe(false);
    expect(keyringParamsAllowed({ opslimit: 1.5, memlimitKiB: 8192 })).toBe(false);
  });

  it('refuses an unknown KDF id as keyring_params without running Argon2', () => {
    const { bytes } = sealed();
    const argon2 = countArgon2();
    for (const kdf of [0, 2, 255]) {
      const tampered = bytes.slice();
      tampered[9] = kdf;
      expect(parseKeyringHeader(tampered)).toMatchObject({ ok: false, code: 'keyring_params' });
      expect(openKeyring(tampered, PASS)).toMatchObject({ ok: false, code: 'keyring_params' });
    }
    expect(argon2).not.toHaveBeenCalled();
  });

  it('runs Argon2 exactly once for an accepted header', () => {
    const { bytes } = sealed();
    const argon2 = countArgon2();
    expect(openKeyring(bytes, 'not the passphrase')).toMatchObject({ ok: false, code: 'keyring_passphrase' });
    expect(argon2).toHaveBeenCalledTimes(1);
  });

  it('reports keyring_params (never throws) if libsodium cannot hash with accepted parameters', () => {
    const { bytes } = sealed();
    vi.spyOn(sodium(), 'crypto_pwhash').mockImplementation(() => {
      throw new Error('Cannot enlarge memory');
    });
    expect(openKeyring(bytes, PASS)).toMatchObject({ ok: false, code: 'keyring_params' });
  });

  it('deriveKeyringWrap throws RangeError on parameters outside the window and on a bad salt', () => {
    expect(() => deriveKeyringWrap(PASS, { opslimit: 1000, memlimitKiB: 8192 })).toThrow(RangeError);
    expect(() => deriveKeyringWrap(PASS, { opslimit: 1, memlimitKiB: 4 * 1024 * 1024 })).toThrow(RangeError);
    expect(() => deriveKeyringWrap(PASS, FAST_PARAMS, new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('changeKeyringPassphrase', () => {
  it('re-seals under the new passphrase with a fresh salt; the old passphrase no longer opens it', () => {
    const { bytes, data, wrap } = sealed();
    const changed = changeKeyringPassphrase(bytes, PASS, 'una frase tutta nuova 42');
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    expect(bytesEqual(changed.value.wrap.salt, wrap.salt)).toBe(false);
    expect(openKeyring(changed.value.bytes, PASS)).toMatchObject({ ok: false, code: 'keyring_passphrase' });
    const opened = openKeyring(changed.value.bytes, 'una frase tutta nuova 42');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expectSameData(opened.value.data, data);
    expect(bytesEqual(opened.value.wrap.key, changed.value.wrap.key)).toBe(true);
  });

  it('keeps the file’s parameters unless new ones are given', () => {
    const { bytes } = sealed();
    const kept = changeKeyringPassphrase(bytes, PASS, 'nuova frase lunga');
    expect(kept.ok && [kept.value.wrap.opslimit, kept.value.wrap.memlimitKiB]).toEqual([1, 8192]);
    const raised = changeKeyringPassphrase(bytes, PASS, 'nuova frase lunga', { opslimit: 2, memlimitKiB: 16384 });
    expect(raised.ok && [readU32(raised.value.bytes, 10), readU32(raised.value.bytes, 14)]).toEqual([2, 16384]);
  });

  it('refuses a wrong old passphrase and a damaged file with the openKeyring codes', () => {
    const { bytes } = sealed();
    expect(changeKeyringPassphrase(bytes, 'sbagliata', 'nuova frase lunga')).toMatchObject({ ok: false, code: 'keyring_passphrase' });
    expect(changeKeyringPassphrase(bytes.subarray(0, 40), PASS, 'nuova frase lunga')).toMatchObject({ ok: false, code: 'keyring_malformed' });
  });
});
