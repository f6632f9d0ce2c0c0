/**
 * The one-time passphrase file and its QR text: passphrase generation and typing, round trip,
 * wrong passphrase, the Argon2 window checked before any hashing, every header byte changed,
 * truncation at every length.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CROCKFORD_ALPHABET } from './base32';
import { toHex, writeU32 } from './bytes';
import { createShareBundle } from './shareBundle';
import {
  defaultShareFileParams,
  generateOneTimePassphrase,
  normalizeOneTimePassphrase,
  parseWrappedBundleText,
  SHARE_QR_PREFIX,
  unwrapBundleWithPassphrase,
  wrapBundleWithPassphrase,
  wrappedBundleToText,
} from './sharePassphrase';
import { initSodium } from './sodium';
import { countArgon2, FAST_PARAMS } from './testkit/keyringFixtures';
import { makeShareSetup } from './testkit/shareFixtures';
import type { ShareSetup } from './testkit/shareFixtures';

beforeAll(initSodium);
afterEach(() => {
  vi.restoreAllMocks();
});

let setup: ShareSetup;
let bundle: Uint8Array;
let passphrase: string;
let file: Uint8Array;
beforeAll(() => {
  setup = makeShareSetup();
  const made = createShareBundle({
    cartella: setup.cartella, role: 'equipe', issuer: setup.issuer, issuerNome: 'Giulia Bianchi',
    handover: { consenso: false, motivo: 'Disposizione del tribunale per i minorenni' }, now: setup.now,
  });
  if (!made.ok) throw new Error(made.message);
  bundle = made.value.bytes;
  passphrase = generateOneTimePassphrase();
  file = wrapBundleWithPassphrase(bundle, passphrase, FAST_PARAMS);
});

function code(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '?');
}

const now = (): { now: number } => ({ now: setup.now });

describe('one-time passphrase', () => {
  it('is 16 Crockford symbols (80 bits) in four groups, different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateOneTimePassphrase();
      expect(p).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('uses every symbol of the alphabet (no bias towards a subset)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++) for (const c of generateOneTimePassphrase().replace(/-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe([...CROCKFORD_ALPHABET].sort().join(''));
  });

  it('normalises what a person types: case, spaces, hyphens, O/I/L', () => {
    expect(normalizeOneTimePassphrase(' k7qm 2xpa-9rtd\nfwh3 ')).toEqual({ ok: true, value: 'K7QM2XPA9RTDFWH3' });
    expect(normalizeOneTimePassphrase('O0Il-0000-0000-0000')).toEqual({ ok: true, value: '0011000000000000' });
    for (const bad of ['K7QM-2XPA-9RTD', 'K7QM-2XPA-9RTD-FWH3-A', 'K7QM-2XPA-9RTD-FWHU', 'frase segreta qualsiasi', '']) {
      expect(code(normalizeOneTimePassphrase(bad)), bad).toBe('bundle_passphrase_format');
    }
  });
});

describe('wrapBundleWithPassphrase / unwrapBundleWithPassphrase', () => {
  it('round-trips the bundle, whatever form the passphrase is typed in', () => {
    for (const typed of [passphrase, passphrase.toLowerCase(), passphrase.replace(/-/g, ' ')]) {
      const opened = unwrapBundleWithPassphrase(file, typed, now());
      expect(opened.ok, typed).toBe(true);
      if (opened.ok) expect(opened.value.handover.motivo).toBe('Disposizione del tribunale per i minorenni');
    }
    expect(new TextDecoder().decode(file.subarray(0, 8))).toBe('CRTSHAR1');
  });

  it('uses INTERACTIVE Argon2 parameters by default, written in the header', () => {
    expect(defaultShareFileParams()).toEqual({ opslimit: 2, memlimitKiB: 65536 });
    const withDefaults = wrapBundleWithPassphrase(bundle, passphrase);
    expect(code(unwrapBundleWithPassphrase(withDefaults, passphrase, now()))).toBe('ok');
    expect(toHex(withDefaults.subarray(10, 18))).toBe('0000000200010000');
  });

  it('refuses a wrong passphrase as bundle_passphrase after one Argon2 run', () => {
    const argon2 = countArgon2();
    expect(code(unwrapBundleWithPassphrase(file, generateOneTimePassphrase(), now()))).toBe('bundle_passphrase');
    expect(argon2).toHaveBeenCalledTimes(1);
  });

  it('refuses a passphrase of the wrong shape as bundle_passphrase_format without hashing', () => {
    const argon2 = countArgon2();
    expect(code(unwrapBundleWithPassphrase(file, passphrase.slice(0, -1), now()))).toBe('bundle_passphrase_format');
    expect(code(unwrapBundleWithPassphrase(file, 'la mia frase segreta', now()))).toBe('bundle_passphrase_format');
    expect(argon2).not.toHaveBeenCalled();
  });

  it('applies the bundle checks inside (bundle_expired, bundle_used)', () => {
    const opened = unwrapBundleWithPassphrase(file, passphrase, now());
    if (!opened.ok) throw new Error(opened.message);
    expect(code(unwrapBundleWithPassphrase(file, passphrase, { now: opened.value.expiresAt }))).toBe('bundle_expired');
    expect(code(unwrapBundleWithPassphrase(file, passphrase, { now: setup.now, usedBundleIds: [opened.value.bundleId] }))).toBe('bundle_used');
  });

  it('refuses Argon2 parameters outside the window as bundle_params before any hashing', () => {
    const argon2 = countArgon2();
    for (const [ops, mem] of [[0, 8192], [11, 8192], [1, 8191], [1, 1024 * 1024 + 1], [0xffffffff, 0xffffffff]] as const) {
      const tampered = file.slice();
      writeU32(tampered, 10, ops);
      writeU32(tampered, 14, mem);
      expect(code(unwrapBundleWithPassphrase(tampered, passphrase, now())), `${ops}/${mem}`).toBe('bundle_params');
    }
    const unknownKdf = file.slice();
    unknownKdf[9] = 2;
    expect(code(unwrapBundleWithPassphrase(unknownKdf, passphrase, now()))).toBe('bundle_params');
    expect(argon2).not.toHaveBeenCalled();
  });

  it('refuses a change of every header byte and of the first and last ciphertext bytes', () => {
    const indices = [...Array.from({ length: 58 + 2 }, (_, i) => i), file.length - 1];
    for (const index of indices) {
      const tampered = file.slice();
      tampered[index] = tampered[index]! ^ 0x01;
      const expected =
        index < 8 ? ['bundle_malformed'] :
        index === 8 ? ['bundle_version'] :
        index === 9 ? ['bundle_params'] :
        index < 18 ? ['bundle_params', 'bundle_passphrase'] : // parameters: out of window, or another key
        ['bundle_passphrase'];
      expect(expected, `byte ${index}`).toContain(code(unwrapBundleWithPassphrase(tampered, passphrase, now())));
    }
  });

  it('refuses truncation at every length and trailing bytes, never throwing', () => {
    for (let length = 0; length < file.length; length++) {
      const result = unwrapBundleWithPassphrase(file.subarray(0, length), passphrase, now());
      expect(['bundle_malformed', 'bundle_passphrase'], `length ${length}`).toContain(code(result));
    }
    expect(code(unwrapBundleWithPassphrase(Uint8Array.from([...file, 0]), passphrase, now()))).toBe('bundle_malformed');
  });

  it('refuses to wrap under a person-chosen phrase or to wrap something that is not a bundle (RangeError)', () => {
    expect(() => wrapBundleWithPassphrase(bundle, 'cavallo batteria graffetta', FAST_PARAMS)).toThrow(RangeError);
    expect(() => wrapBundleWithPassphrase(bundle.subarray(1), passphrase, FAST_PARAMS)).toThrow(RangeError);
    expect(() => wrapBundleWithPassphrase(bundle, passphrase, { opslimit: 0, memlimitKiB: 8192 })).toThrow(RangeError);
  });
});

describe('QR text form', () => {
  it('round-trips the file as CARTELLA-CHIAVI:<base32>, in QR alphanumeric characters only', () => {
    const text = wrappedBundleToText(file);
    expect(text.startsWith(SHARE_QR_PREFIX)).toBe(true);
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    for (const form of [text, ` ${text.toLowerCase()}\n`, text.replace(/(.{60})/g, '$1\n')]) {
      const parsed = parseWrappedBundleText(form);
      expect(parsed.ok && toHex(parsed.value)).toBe(toHex(file));
    }
    const parsed = parseWrappedBundleText(text);
    if (parsed.ok) expect(code(unwrapBundleWithPassphrase(parsed.value, passphrase, now()))).toBe('ok');
  });

  it('refuses anything else as qr_malformed', () => {
    const text = wrappedBundleToText(file);
    for (const bad of ['', text.slice(SHARE_QR_PREFIX.length), `CARTELLA:${text.slice(SHARE_QR_PREFIX.length)}`, `${text}U`, `${SHARE_QR_PREFIX}AB`, 'x'.repeat(100_000)]) {
      expect(code(parseWrappedBundleText(bad)), bad.slice(0, 30)).toBe('qr_malformed');
    }
  });
});
