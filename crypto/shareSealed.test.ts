/**
 * Hand-over to one colleague: "il mio codice" (round trip, typos caught by the checksum, the
 * wrong kind of code), and the sealed box (only the named device opens it; the bundle inside
 * must name that device; every byte change and truncation refused).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from './base32';
import { concatBytes, toHex } from './bytes';
import { encodeKeyText } from './keyText';
import { padPlaintext } from './padding';
import { generateRecoveryKey, recoveryPublicKeyToText } from './recovery';
import { createShareBundle } from './shareBundle';
import type { CreateShareBundleInput } from './shareBundle';
import { encodeMyKeyCode, openSealedBundle, parseMyKeyCode, sealBundleTo } from './shareSealed';
import { initSodium, sodium } from './sodium';
import { makeShareSetup } from './testkit/shareFixtures';
import type { ShareSetup } from './testkit/shareFixtures';

beforeAll(initSodium);

let setup: ShareSetup;
beforeAll(() => {
  setup = makeShareSetup();
});

function code(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '?');
}

function bundleFor(recipient: CreateShareBundleInput['recipient'], role: 'equipe' | 'amministrativo' = 'equipe'): Uint8Array {
  const made = createShareBundle({
    cartella: setup.cartella, role, issuer: setup.issuer, issuerNome: 'Giulia Bianchi', handover: { consenso: true }, now: setup.now,
    ...(recipient !== undefined ? { recipient } : {}),
  });
  if (!made.ok) throw new Error(made.message);
  return made.value.bytes;
}

describe('il mio codice', () => {
  it('round-trips both public keys, in the CODICE:XXXX-… form', () => {
    const text = encodeMyKeyCode(setup.colleague);
    expect(text).toMatch(/^CODICE:[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
    const parsed = parseMyKeyCode(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(toHex(parsed.value.signPublicKey)).toBe(toHex(setup.colleague.signPublicKey));
    expect(toHex(parsed.value.boxPublicKey)).toBe(toHex(setup.colleague.boxPublicKey));
  });

  it('accepts it typed loosely: lower case, spaces, no hyphens, O for 0, no prefix', () => {
    const text = encodeMyKeyCode(setup.colleague);
    const body = text.slice('CODICE:'.length);
    for (const variant of [text.toLowerCase(), ` ${text.replace(/-/g, ' ')} \n`, body, body.replace(/0/g, 'O').replace(/1/g, 'l')]) {
      expect(code(parseMyKeyCode(variant)), variant.slice(0, 30)).toBe('ok');
    }
  });

  it('catches a one-symbol typo anywhere with the checksum (key_text_checksum)', () => {
    const text = encodeMyKeyCode(setup.colleague);
    const start = 'CODICE:'.length;
    const symbols = [...text].map((c, i) => ({ c, i })).filter(({ c, i }) => i >= start && c !== '-');
    const last = symbols[symbols.length - 1]!.i;
    for (const { c, i } of symbols) {
      const replacement = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(c) + 1) % 32]!;
      const typo = text.slice(0, i) + replacement + text.slice(i + 1);
      // The last symbol also carries unused bits: a change there may be non-canonical instead.
      expect(i === last ? ['key_text_checksum', 'key_text_malformed'] : ['key_text_checksum'], `symbol ${i}`).toContain(code(parseMyKeyCode(typo)));
    }
  });

  it('catches two swapped symbols, and a missing or extra symbol', () => {
    const text = encodeMyKeyCode(setup.colleague);
    const chars = [...text];
    const i = chars.findIndex((c, k) => k > 10 && c !== '-' && chars[k + 1] !== '-' && chars[k + 1] !== c);
    [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
    expect(code(parseMyKeyCode(chars.join('')))).toBe('key_text_checksum');
    expect(code(parseMyKeyCode(text.slice(0, -1)))).toBe('key_text_malformed');
    expect(code(parseMyKeyCode(`${text}A`))).toBe('key_text_malformed');
  });

  it('refuses another kind of key text (key_text_kind), an unknown prefix or alien symbols (key_text_malformed)', () => {
    expect(code(parseMyKeyCode(recoveryPublicKeyToText(generateRecoveryKey().publicKey)))).toBe('key_text_kind');
    expect(code(parseMyKeyCode(encodeMyKeyCode(setup.colleague).replace('CODICE', 'CHIAVE')))).toBe('key_text_malformed');
    const text = encodeMyKeyCode(setup.colleague);
    expect(text[10]).not.toBe('-');
    expect(code(parseMyKeyCode(`${text.slice(0, 10)}U${text.slice(11)}`))).toBe('key_text_malformed');
    expect(code(parseMyKeyCode('CODICE:'))).toBe('key_text_malformed');
    expect(code(parseMyKeyCode('x'.repeat(5000)))).toBe('key_text_malformed');
  });

  it('refuses a well-formed code carrying an unusable key (key_text_key)', () => {
    const lowOrderBox = concatBytes(setup.colleague.signPublicKey, new Uint8Array(32));
    expect(code(parseMyKeyCode(encodeKeyText('codice', lowOrderBox)))).toBe('key_text_key');
    const smallOrderSign = concatBytes(new Uint8Array(32), setup.colleague.boxPublicKey);
    expect(code(parseMyKeyCode(encodeKeyText('codice', smallOrderSign)))).toBe('key_text_key');
  });
});

describe('sealBundleTo / openSealedBundle', () => {
  it('round-trips: the named colleague opens it and gets the bundle', () => {
    const sealed = sealBundleTo(setup.colleague.boxPublicKey, bundleFor(setup.colleague));
    expect(new TextDecoder().decode(sealed.subarray(0, 8))).toBe('CRTSEAL1');
    const opened = openSealedBundle(setup.colleague, sealed, { now: setup.now });
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(toHex(opened.value.recipient!.boxPublicKey)).toBe(toHex(setup.colleague.boxPublicKey));
  });

  it('has the same size for équipe and amministrativo (padding)', () => {
    const equipe = sealBundleTo(setup.colleague.boxPublicKey, bundleFor(setup.colleague, 'equipe'));
    const admin = sealBundleTo(setup.colleague.boxPublicKey, bundleFor(setup.colleague, 'amministrativo'));
    expect(equipe.length).toBe(admin.length);
  });

  it('another device cannot open it (bundle_sealed)', () => {
    const sealed = sealBundleTo(setup.colleague.boxPublicKey, bundleFor(setup.colleague));
    expect(code(openSealedBundle(setup.stranger, sealed, { now: setup.now }))).toBe('bundle_sealed');
  });

  it('refuses a bundle naming another device even if sealed to this one (bundle_recipient)', () => {
    // A hostile sender seals to the stranger a bundle bound to the colleague.
    const inner = padPlaintext(bundleFor(setup.colleague));
    const sealed = concatBytes(new TextEncoder().encode('CRTSEAL1'), Uint8Array.of(1), sodium().crypto_box_seal(inner, setup.stranger.boxPublicKey));
    expect(code(openSealedBundle(setup.stranger, sealed, { now: setup.now }))).toBe('bundle_recipient');
  });

  it('refuses a bearer bundle inside a sealed box (bundle_recipient)', () => {
    const inner = padPlaintext(bundleFor(undefined));
    const sealed = concatBytes(new TextEncoder().encode('CRTSEAL1'), Uint8Array.of(1), sodium().crypto_box_seal(inner, setup.colleague.boxPublicKey));
    expect(code(openSealedBundle(setup.colleague, sealed, { now: setup.now }))).toBe('bundle_recipient');
  });

  it('applies the bundle checks inside: expired, used', () => {
    const bytes = bundleFor(setup.colleague);
    const sealed = sealBundleTo(setup.colleague.boxPublicKey, bytes);
    const opened = openSealedBundle(setup.colleague, sealed, { now: setup.now });
    if (!opened.ok) throw new Error(opened.message);
    expect(code(openSealedBundle(setup.colleague, sealed, { now: opened.value.expiresAt }))).toBe('bundle_expired');
    expect(code(openSealedBundle(setup.colleague, sealed, { now: setup.now, usedBundleIds: [opened.value.bundleId] }))).toBe('bundle_used');
  });

  it('sealBundleTo refuses a bundle not bound to that key, a bearer bundle and a low-order key (RangeError)', () => {
    expect(() => sealBundleTo(setup.stranger.boxPublicKey, bundleFor(setup.colleague))).toThrow(RangeError);
    expect(() => sealBundleTo(setup.colleague.boxPublicKey, bundleFor(undefined))).toThrow(RangeError);
    expect(() => sealBundleTo(new Uint8Array(32), bundleFor(setup.colleague))).toThrow(RangeError);
  });

  it('refuses a change of every single byte, and truncation at every length, never throwing', () => {
    const sealed = sealBundleTo(setup.colleague.boxPublicKey, bundleFor(setup.colleague));
    for (let i = 0; i < sealed.length; i++) {
      const tampered = sealed.slice();
      tampered[i] = tampered[i]! ^ 0x01;
      const expected = i < 8 ? 'bundle_malformed' : i === 8 ? 'bundle_version' : 'bundle_sealed';
      expect(code(openSealedBundle(setup.colleague, tampered, { now: setup.now })), `byte ${i}`).toBe(expected);
    }
    for (let length = 0; length < sealed.length; length++) {
      const result = openSealedBundle(setup.colleague, sealed.subarray(0, length), { now: setup.now });
      expect(['bundle_truncated', 'bundle_malformed', 'bundle_sealed'], `length ${length}`).toContain(code(result));
    }
    expect(code(openSealedBundle(setup.colleague, concatBytes(sealed, Uint8Array.of(0)), { now: setup.now }))).toBe('bundle_malformed');
  });
});
