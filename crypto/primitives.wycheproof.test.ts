/**
 * Wycheproof vectors (crypto/testdata, see SOURCE.md) through our own wrappers, not libsodium
 * directly: every case runs, none is skipped. Policy for each result:
 * - valid: must succeed with the expected output;
 * - invalid: must be refused (including nonce sizes our XChaCha wrapper does not accept:
 *   encryption throws, decryption returns aead_failed);
 * - acceptable (X25519 only): libsodium computes RFC 7748 X25519 for twist points,
 *   non-canonical points (top bit masked) and the like, so we assert the expected output;
 *   where the output would be all zero (low-order points) our wrapper refuses with
 *   x25519_weak_point, and we assert that refusal.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { aeadDecrypt, aeadEncrypt, ed25519Sign, ed25519Verify, x25519 } from './primitives';
import { initSodium } from './sodium';

beforeAll(initSodium);

interface Case {
  tcId: number;
  comment: string;
  flags: string[];
  result: 'valid' | 'invalid' | 'acceptable';
}
interface AeadCase extends Case { key: string; iv: string; aad: string; msg: string; ct: string; tag: string }
interface EddsaCase extends Case { msg: string; sig: string }
interface XdhCase extends Case { public: string; private: string; shared: string }
interface Vectors<G> { numberOfTests: number; testGroups: G[] }

function load<G>(name: string): Vectors<G> {
  return JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as Vectors<G>;
}
function hex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}
function label(c: Case): string {
  return `tcId ${c.tcId} ${c.result} [${c.flags.join(',')}] ${c.comment}`;
}
function counts(cases: Case[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) out[c.result] = (out[c.result] ?? 0) + 1;
  return out;
}

const aead = load<{ tests: AeadCase[] }>('xchacha20_poly1305_test.json');
const aeadCases = aead.testGroups.flatMap((g) => g.tests);
const eddsa = load<{ publicKey: { pk: string }; tests: EddsaCase[] }>('ed25519_test.json');
const eddsaCases = eddsa.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, pk: g.publicKey.pk })));
const xdh = load<{ tests: XdhCase[] }>('x25519_test.json');
const xdhCases = xdh.testGroups.flatMap((g) => g.tests);

describe('Wycheproof XChaCha20-Poly1305 through aeadEncrypt/aeadDecrypt', () => {
  it('runs every case of the file (246 valid, 69 invalid)', () => {
    expect(aeadCases.length).toBe(aead.numberOfTests);
    expect(counts(aeadCases)).toEqual({ valid: 246, invalid: 69 });
  });

  it.each(aeadCases.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const key = hex(c.key);
    const iv = hex(c.iv);
    const aad = hex(c.aad);
    const sealed = hex(c.ct + c.tag);
    if (c.result === 'valid') {
      expect(toHex(aeadEncrypt(key, iv, hex(c.msg), aad))).toBe(c.ct + c.tag);
      const opened = aeadDecrypt(key, iv, sealed, aad);
      expect(opened.ok && toHex(opened.value)).toBe(c.msg);
      return;
    }
    // Invalid: a modified tag, or a nonce size the wrapper refuses outright.
    if (iv.length !== 24) expect(() => aeadEncrypt(key, iv, hex(c.msg), aad)).toThrow(RangeError);
    const opened = aeadDecrypt(key, iv, sealed, aad);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.code).toBe('aead_failed');
  });
});

describe('Wycheproof Ed25519 through ed25519Verify', () => {
  it('runs every case of the file (88 valid, 63 invalid)', () => {
    expect(eddsaCases.length).toBe(eddsa.numberOfTests);
    expect(counts(eddsaCases)).toEqual({ valid: 88, invalid: 63 });
  });

  it.each(eddsaCases.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    expect(ed25519Verify(hex(c.pk), hex(c.msg), hex(c.sig))).toBe(c.result === 'valid');
  });
});

describe('Wycheproof X25519 through x25519', () => {
  it('runs every case of the file (264 valid, 254 acceptable)', () => {
    expect(xdhCases.length).toBe(xdh.numberOfTests);
    expect(counts(xdhCases)).toEqual({ valid: 264, acceptable: 254 });
  });

  it.each(xdhCases.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const out = x25519(hex(c.private), hex(c.public));
    if (/^(00)+$/.test(c.shared)) {
      expect(c.result).toBe('acceptable');
      expect(out).toMatchObject({ ok: false, code: 'x25519_weak_point' });
      return;
    }
    expect(out.ok && toHex(out.value)).toBe(c.shared);
  });
});

describe('primitive wrappers outside the vectors', () => {
  it('signs RFC 8032 test 1 (empty message) byte for byte', () => {
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const pk = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
    const sig = ed25519Sign(hex(seed + pk), new Uint8Array(0));
    expect(toHex(sig)).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(ed25519Verify(hex(pk), new Uint8Array(0), sig)).toBe(true);
  });

  it('ed25519Verify returns false instead of throwing on wrong lengths', () => {
    const ok32 = new Uint8Array(32);
    expect(ed25519Verify(new Uint8Array(31), new Uint8Array(1), new Uint8Array(64))).toBe(false);
    expect(ed25519Verify(ok32, new Uint8Array(1), new Uint8Array(63))).toBe(false);
    expect(ed25519Verify(ok32, new Uint8Array(1), new Uint8Array(65))).toBe(false);
  });

  it('aeadDecrypt refuses a wrong key length or a ciphertext shorter than the tag without throwing', () => {
    const nonce = new Uint8Array(24);
    expect(aeadDecrypt(new Uint8Array(31), nonce, new Uint8Array(16), new Uint8Array(0)).ok).toBe(false);
    expect(aeadDecrypt(new Uint8Array(32), nonce, new Uint8Array(15), new Uint8Array(0)).ok).toBe(false);
    expect(() => aeadEncrypt(new Uint8Array(31), nonce, new Uint8Array(1), new Uint8Array(0))).toThrow(RangeError);
  });

  it('x25519 refuses a point of the wrong length and throws on a wrong scalar length', () => {
    expect(x25519(new Uint8Array(32).fill(1), new Uint8Array(31))).toMatchObject({ ok: false, code: 'x25519_malformed' });
    expect(() => x25519(new Uint8Array(31), new Uint8Array(32).fill(9))).toThrow(RangeError);
  });
});
