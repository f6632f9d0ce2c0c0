/**
 * The sealed search index (docs/SEARCH.md, "Storage"): round trip, the key's derivation and
 * binding to the device identity, tampering and truncation everywhere, and no plaintext in
 * the sealed bytes. Offsets are written out from the spec, not imported from the sealer.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bytesEqual, concatBytes } from './bytes';
import { generateDeviceIdentity } from './identity';
import type { DeviceIdentity } from './identity';
import { padBucket } from './padding';
import { aeadEncrypt } from './primitives';
import {
  deriveSearchIndexKey, openSearchIndex, sealSearchIndex, SEARCH_INDEX_MIN_BYTES,
} from './searchIndex';
import { initSodium, sodium } from './sodium';

beforeAll(initSodium);

/** The layout of docs/SEARCH.md, written out independently of searchIndex.ts. */
const SPEC = { magic: 'CRTSRCH1', version: 8, nonce: [9, 33], ciphertext: 33, tag: 16 } as const;

const MARKERS = ['ROSSIMARCOSEGRETO', 'RSSMRC80A01X001Z', 'sfrattoesecutivomarcatore'];
const PLAINTEXT = new TextEncoder().encode(
  JSON.stringify({ v: 1, cartelle: [{ id: 'cartella-000001', unita: [['anagrafica', '', '', ['nominativo', MARKERS[0], 'codiceFiscale', MARKERS[1]]], ['diario', 'a-1', '2024-01-02', ['testo', `Visita: ${MARKERS[2]}`]]] }] }),
);

let me: DeviceIdentity;
let other: DeviceIdentity;
let sealed: Uint8Array;
beforeAll(() => {
  me = generateDeviceIdentity();
  other = generateDeviceIdentity();
  sealed = sealSearchIndex(PLAINTEXT, me);
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('sealed search index', () => {
  it('opens with the identity that sealed it, giving back the same bytes', () => {
    const opened = openSearchIndex(sealed, me);
    expect(opened.ok && bytesEqual(opened.value, PLAINTEXT)).toBe(true);
  });

  it('starts with the magic and version, then a nonce, and pads the plaintext to its size bucket', () => {
    expect(new TextDecoder().decode(sealed.subarray(0, 8))).toBe(SPEC.magic);
    expect(sealed[SPEC.version]).toBe(1);
    expect(sealed.length).toBe(SPEC.ciphertext + padBucket(PLAINTEXT.length) + SPEC.tag);
  });

  it('seals the same index differently each time (fresh nonce), and both open', () => {
    const again = sealSearchIndex(PLAINTEXT, me);
    expect(bytesEqual(again, sealed)).toBe(false);
    expect(bytesEqual(again.subarray(...SPEC.nonce), sealed.subarray(...SPEC.nonce))).toBe(false);
    expect(openSearchIndex(again, me).ok).toBe(true);
  });

  it('contains none of the names, codici fiscali or text it protects, in any common encoding', () => {
    const probe = sealSearchIndex(PLAINTEXT, me);
    for (const m of MARKERS) {
      for (const form of [m, m.toLowerCase(), m.toUpperCase()]) {
        expect(indexOf(probe, new TextEncoder().encode(form)), form).toBe(-1);
        expect(indexOf(probe, new Uint8Array(Buffer.from(form, 'utf16le'))), form).toBe(-1);
      }
      expect(Buffer.from(probe).toString('base64').includes(Buffer.from(m).toString('base64').slice(0, 12))).toBe(false);
    }
  });

  it('round-trips empty and large plaintexts (buckets below and above 64 KiB)', () => {
    for (const size of [0, 1, 63, 64, 65_535, 65_536, 200_000]) {
      // Not random bytes: randombytes_buf is slow for large sizes, and any content will do.
      const p = Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff);
      const opened = openSearchIndex(sealSearchIndex(p, me), me);
      expect(opened.ok && bytesEqual(opened.value, p), `size ${size}`).toBe(true);
    }
  });

  it('refuses to open on another device identity (search_seal_key)', () => {
    const opened = openSearchIndex(sealed, other);
    expect(opened.ok ? 'opened' : opened.code).toBe('search_seal_key');
  });

  it('is bound to the identity public key: the same secret with another public key in the additional data fails', () => {
    const forged = { ...me, signPublicKey: other.signPublicKey };
    const opened = openSearchIndex(sealed, forged);
    expect(opened.ok ? 'opened' : opened.code).toBe('search_seal_key');
  });

  it('derives a key that depends only on the identity, differs between identities and is none of its own keys', () => {
    const k1 = deriveSearchIndexKey(me);
    expect(bytesEqual(k1, deriveSearchIndexKey({ ...me }))).toBe(true);
    expect(bytesEqual(k1, deriveSearchIndexKey(other))).toBe(false);
    expect(k1.length).toBe(32);
    for (const own of [me.signPrivateKey.subarray(0, 32), me.signPublicKey, me.boxPrivateKey, me.boxPublicKey]) {
      expect(bytesEqual(k1, own)).toBe(false);
    }
    // Independent check of the derivation: crypto_kdf with the documented context and id.
    const expected = sodium().crypto_kdf_derive_from_key(32, 1, 'crtsrch1', me.signPrivateKey.slice(0, 32));
    expect(bytesEqual(k1, expected)).toBe(true);
  });

  it('refuses a change to any single byte (magic/truncation: malformed, version: version, the rest: key)', () => {
    for (let i = 0; i < sealed.length; i++) {
      const t = sealed.slice();
      t[i] = (t[i] as number) ^ 0x01;
      const opened = openSearchIndex(t, me);
      const expected = i < 8 ? 'search_seal_malformed' : i === SPEC.version ? 'search_seal_version' : 'search_seal_key';
      expect(opened.ok ? `opened after flipping byte ${i}` : opened.code, `byte ${i}`).toBe(expected);
    }
  });

  it('refuses every truncation and any appended byte', () => {
    for (let n = 0; n < sealed.length; n++) {
      const opened = openSearchIndex(sealed.subarray(0, n), me);
      expect(opened.ok, `length ${n}`).toBe(false);
      if (!opened.ok) {
        const expected = n < SPEC.version + 1 ? 'search_seal_malformed' : n < SEARCH_INDEX_MIN_BYTES ? 'search_seal_malformed' : 'search_seal_key';
        expect(opened.code, `length ${n}`).toBe(expected);
      }
    }
    const longer = concatBytes(sealed, Uint8Array.of(0));
    const opened = openSearchIndex(longer, me);
    expect(opened.ok ? 'opened' : opened.code).toBe('search_seal_key');
  });

  it('refuses an authentic ciphertext whose padding is wrong (search_seal_malformed)', () => {
    // Sealed with the right key and additional data, but the plaintext is not sodium-padded.
    const key = deriveSearchIndexKey(me);
    const nonce = sodium().randombytes_buf(24);
    const header = concatBytes(new TextEncoder().encode(SPEC.magic), Uint8Array.of(1));
    const ct = aeadEncrypt(key, nonce, new Uint8Array(64), concatBytes(header, me.signPublicKey));
    const opened = openSearchIndex(concatBytes(header, nonce, ct), me);
    expect(opened.ok ? 'opened' : opened.code).toBe('search_seal_malformed');
  });

  it('never throws on arbitrary bytes, and never opens them', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withMagic) => {
      const input = withMagic ? concatBytes(new TextEncoder().encode(SPEC.magic), Uint8Array.of(1), bytes) : bytes;
      expect(openSearchIndex(input, me).ok).toBe(false);
    }), { numRuns: 300 });
  });

  it('wipes the derived key after sealing and opening (memzero called on a 32-byte buffer)', () => {
    const spy = vi.spyOn(sodium(), 'memzero');
    sealSearchIndex(PLAINTEXT, me);
    openSearchIndex(sealed, me);
    const wiped32 = spy.mock.calls.filter(([b]) => b.length === 32).length;
    spy.mockRestore();
    // seal: seed + key; open: seed + key.
    expect(wiped32).toBeGreaterThanOrEqual(4);
  });

  it('treats a malformed identity as a programming error (throws RangeError)', () => {
    const bad = { ...me, signPrivateKey: new Uint8Array(10) };
    expect(() => sealSearchIndex(PLAINTEXT, bad)).toThrow(RangeError);
    expect(() => openSearchIndex(sealed, bad)).toThrow(RangeError);
  });
});
