/**
 * Continuity: the ente's recovery key and its printed text forms, sealing a cartella's keys to
 * it and opening them with the private half; every refusal (wrong key, tampering, truncation,
 * a blob signed by a key other than the one it names, typos in the printed key).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from './base32';
import { concatBytes, toHex } from './bytes';
import { generateDeviceIdentity } from './identity';
import { encodeKeyText } from './keyText';
import { padPlaintext } from './padding';
import {
  generateRecoveryKey,
  openWithRecoveryKey,
  parseRecoveryPrivateKeyText,
  parseRecoveryPublicKeyText,
  recoveryPrivateKeyToText,
  recoveryPublicKeyToText,
  sealToRecovery,
} from './recovery';
import type { RecoveryKeyPair } from './recovery';
import { initSodium, sodium } from './sodium';
import { makeCartella } from './testkit/keyringFixtures';
import { encodeMyKeyCode } from './shareSealed';

beforeAll(initSodium);

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const OPENED_AT = new Date(Date.UTC(2026, 0, 10, 8, 0, 0));

function code(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '?');
}

let ente: RecoveryKeyPair;
beforeAll(() => {
  ente = generateRecoveryKey();
});

describe('recovery key text forms', () => {
  it('round-trips the public half and the private half (which recomputes the public one)', () => {
    const pub = recoveryPublicKeyToText(ente.publicKey);
    const priv = recoveryPrivateKeyToText(ente);
    expect(pub).toMatch(/^RECUPERO-PUBBLICA:[0-9A-Z-]+$/);
    expect(priv).toMatch(/^RECUPERO-PRIVATA:[0-9A-Z-]+$/);
    const parsedPub = parseRecoveryPublicKeyText(pub);
    expect(parsedPub.ok && toHex(parsedPub.value)).toBe(toHex(ente.publicKey));
    const parsedPriv = parseRecoveryPrivateKeyText(priv.toLowerCase());
    expect(parsedPriv.ok && toHex(parsedPriv.value.publicKey)).toBe(toHex(ente.publicKey));
    expect(parsedPriv.ok && toHex(parsedPriv.value.privateKey)).toBe(toHex(ente.privateKey));
  });

  it('never takes one half for the other, nor a colleague\'s code for either (key_text_kind)', () => {
    expect(code(parseRecoveryPublicKeyText(recoveryPrivateKeyToText(ente)))).toBe('key_text_kind');
    expect(code(parseRecoveryPrivateKeyText(recoveryPublicKeyToText(ente.publicKey)))).toBe('key_text_kind');
    expect(code(parseRecoveryPrivateKeyText(encodeMyKeyCode(generateDeviceIdentity())))).toBe('key_text_kind');
    // Without the prefix, the checksum (domain-separated by kind) still tells them apart.
    const privBody = recoveryPrivateKeyToText(ente).split(':')[1]!;
    expect(code(parseRecoveryPublicKeyText(privBody))).toBe('key_text_checksum');
  });

  it('catches a one-symbol typo in the printed private key (key_text_checksum)', () => {
    const text = recoveryPrivateKeyToText(ente);
    const i = text.indexOf(':') + 3;
    const typo = text.slice(0, i) + CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(text[i]!) + 7) % 32] + text.slice(i + 1);
    expect(code(parseRecoveryPrivateKeyText(typo))).toBe('key_text_checksum');
  });

  it('refuses a low-order public key (key_text_key)', () => {
    expect(code(parseRecoveryPublicKeyText(encodeKeyText('recupero_pubblica', new Uint8Array(32))))).toBe('key_text_key');
  });
});

describe('sealToRecovery / openWithRecoveryKey', () => {
  it('round-trips an équipe cartella (both parts, every epoch), naming the sealing device', () => {
    const device = generateDeviceIdentity();
    const keys = makeCartella('cartella-0099', { epochs: 3 });
    const blob = sealToRecovery(ente.publicKey, keys, device, NOW);
    expect(new TextDecoder().decode(blob.subarray(0, 8))).toBe('CRTRECV1');
    const opened = openWithRecoveryKey(recoveryPrivateKeyToText(ente), blob, OPENED_AT);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.keys).toEqual({ ...keys, addedAt: OPENED_AT.toISOString() });
    expect(toHex(opened.value.sealedBy)).toBe(toHex(device.signPublicKey));
    expect(opened.value.sealedAt).toBe(NOW);
  });

  it('round-trips an admin-only cartella, and accepts the key pair instead of the text', () => {
    const keys = makeCartella('cartella-0100', { prof: false });
    const opened = openWithRecoveryKey(ente, sealToRecovery(ente.publicKey, keys, generateDeviceIdentity(), NOW), OPENED_AT);
    expect(opened.ok && opened.value.keys.prof).toBeUndefined();
    expect(opened.ok && Object.hasOwn(opened.value.keys, 'prof')).toBe(false);
  });

  it('refuses another recovery key (recovery_key), and a typo in the printed one before opening', () => {
    const blob = sealToRecovery(ente.publicKey, makeCartella('cartella-0101'), generateDeviceIdentity(), NOW);
    expect(code(openWithRecoveryKey(generateRecoveryKey(), blob, OPENED_AT))).toBe('recovery_key');
    expect(code(openWithRecoveryKey('RECUPERO-PRIVATA:0000', blob, OPENED_AT))).toBe('key_text_malformed');
  });

  it('refuses a blob whose signature is not by the device it names (recovery_signature)', () => {
    // A relay forges a blob: keys of its choosing, naming an ente device, signed with its own key.
    const named = generateDeviceIdentity();
    const forger = generateDeviceIdentity();
    const genuine = sealToRecovery(ente.publicKey, makeCartella('cartella-0102'), forger, NOW);
    const opened = sodium().crypto_box_seal_open(genuine.subarray(9), ente.publicKey, ente.privateKey);
    const payload = sodium().unpad(opened, opened.length);
    payload.set(named.signPublicKey, 8);
    const forged = concatBytes(genuine.subarray(0, 9), sodium().crypto_box_seal(padPlaintext(payload), ente.publicKey));
    expect(code(openWithRecoveryKey(ente, forged, OPENED_AT))).toBe('recovery_signature');
  });

  it('binds the signature to the recovery key: a blob re-sealed to another ente key is refused', () => {
    const other = generateRecoveryKey();
    const blob = sealToRecovery(ente.publicKey, makeCartella('cartella-0103'), generateDeviceIdentity(), NOW);
    const padded = sodium().crypto_box_seal_open(blob.subarray(9), ente.publicKey, ente.privateKey);
    const resealed = concatBytes(blob.subarray(0, 9), sodium().crypto_box_seal(padded, other.publicKey));
    expect(code(openWithRecoveryKey(other, resealed, OPENED_AT))).toBe('recovery_signature');
  });

  it('refuses a change of every byte and truncation at every length, never throwing', () => {
    const blob = sealToRecovery(ente.publicKey, makeCartella('cartella-0104'), generateDeviceIdentity(), NOW);
    for (let i = 0; i < blob.length; i++) {
      const tampered = blob.slice();
      tampered[i] = tampered[i]! ^ 0x80;
      const expected = i < 8 ? 'recovery_malformed' : i === 8 ? 'recovery_version' : 'recovery_key';
      expect(code(openWithRecoveryKey(ente, tampered, OPENED_AT)), `byte ${i}`).toBe(expected);
    }
    for (let length = 0; length < blob.length; length++) {
      expect(['recovery_malformed', 'recovery_key'], `length ${length}`).toContain(code(openWithRecoveryKey(ente, blob.subarray(0, length), OPENED_AT)));
    }
    expect(code(openWithRecoveryKey(ente, concatBytes(blob, Uint8Array.of(1)), OPENED_AT))).toBe('recovery_malformed');
  });

  it('refuses to seal to a low-order key (RangeError)', () => {
    expect(() => sealToRecovery(new Uint8Array(32), makeCartella('cartella-0105'), generateDeviceIdentity(), NOW)).toThrow(RangeError);
  });
});
