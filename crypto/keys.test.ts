import { beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual, toHex } from './bytes';
import { generateDeviceIdentity } from './identity';
import {
  asRoomId,
  derivePartSubkeys,
  generatePartKey,
  generateRoomId,
  roomIdFromBase64Url,
  roomIdToBase64Url,
} from './keys';
import { ed25519Sign, ed25519Verify, x25519 } from './primitives';
import { initSodium, sodium } from './sodium';

beforeAll(initSodium);

describe('derivePartSubkeys', () => {
  // Expected values computed independently with Python's hashlib.blake2b(key=K,
  // salt=LE64(id)|0^8, person="cartella"|0^8, digest_size=32), which is what
  // crypto_kdf_derive_from_key is specified to be. If these change, stored envelopes die.
  const K = new Uint8Array(32).map((_, i) => i);

  it('derives the subkeys with context "cartella" and ids 1 (content), 2 (awareness), 3 (commitment)', () => {
    const s = derivePartSubkeys(K);
    expect(toHex(s.content)).toBe('a3aa229cd90d77e762f4c080c949741565fbaabd1cfefbe7f16d2e6d70893e8b');
    expect(toHex(s.awareness)).toBe('c83116c68f6fa360f690d051e31f5d4f67d77d2535f010bc823d4850bbbe74ff');
    expect(toHex(s.commitment)).toBe('61d44a098803f561e2876d257810bbd5fb4124ec815aa57726b68bce34d28d89');
  });

  it('derives the relay-auth pair from the seed with id 4', () => {
    const seed = sodium().from_hex('e7b4c6e08e59a9253caf02d2b4f74087e168719c519cefe6d58ecacd8d0a024f');
    const expected = sodium().crypto_sign_seed_keypair(seed);
    const s = derivePartSubkeys(K);
    expect(toHex(s.relayAuth.publicKey)).toBe(toHex(expected.publicKey));
    expect(toHex(s.relayAuth.privateKey)).toBe(toHex(expected.privateKey));
    expect(toHex(s.relayAuth.publicKey)).toBe('41d1c52d1e33eb08830f78091ce7959d696c8cc9c906c97e89c05bd1bd828de1');
  });

  it('gives different subkeys for different part keys', () => {
    const a = derivePartSubkeys(generatePartKey());
    const b = derivePartSubkeys(generatePartKey());
    expect(bytesEqual(a.content, b.content)).toBe(false);
    expect(bytesEqual(a.relayAuth.publicKey, b.relayAuth.publicKey)).toBe(false);
  });

  it('throws on a part key that is not 32 bytes', () => {
    expect(() => derivePartSubkeys(new Uint8Array(16))).toThrow(RangeError);
  });

  it('generates 32-byte random part keys', () => {
    const k = generatePartKey();
    expect(k.length).toBe(32);
    expect(bytesEqual(k, generatePartKey())).toBe(false);
  });
});

describe('RoomId', () => {
  it('generates 16 random bytes with a 22-character base64url form that parses back', () => {
    const room = generateRoomId();
    expect(room.length).toBe(16);
    const text = roomIdToBase64Url(room);
    expect(text).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const back = roomIdFromBase64Url(text);
    expect(back.ok && bytesEqual(back.value, room)).toBe(true);
  });

  it('refuses bytes of the wrong length and malformed text with room_id_malformed', () => {
    expect(asRoomId(new Uint8Array(15))).toMatchObject({ ok: false, code: 'room_id_malformed' });
    expect(asRoomId(new Uint8Array(17))).toMatchObject({ ok: false, code: 'room_id_malformed' });
    expect(roomIdFromBase64Url('not base64!')).toMatchObject({ ok: false, code: 'room_id_malformed' });
    expect(roomIdFromBase64Url('AAAA')).toMatchObject({ ok: false, code: 'room_id_malformed' });
  });

  it('brands the same bytes without copying', () => {
    const bytes = new Uint8Array(16);
    const r = asRoomId(bytes);
    expect(r.ok && r.value).toBe(bytes);
  });
});

describe('generateDeviceIdentity', () => {
  it('makes a working Ed25519 pair and an independent X25519 pair', () => {
    const id = generateDeviceIdentity();
    expect([id.signPublicKey.length, id.signPrivateKey.length, id.boxPublicKey.length, id.boxPrivateKey.length]).toEqual([
      32, 64, 32, 32,
    ]);
    const msg = new Uint8Array([1, 2, 3]);
    expect(ed25519Verify(id.signPublicKey, msg, ed25519Sign(id.signPrivateKey, msg))).toBe(true);
    const derivedBox = sodium().crypto_sign_ed25519_pk_to_curve25519(id.signPublicKey);
    expect(bytesEqual(derivedBox, id.boxPublicKey)).toBe(false);
    const pub = sodium().crypto_scalarmult_base(id.boxPrivateKey);
    expect(bytesEqual(pub, id.boxPublicKey)).toBe(true);
  });

  it('lets two devices agree on an X25519 secret', () => {
    const a = generateDeviceIdentity();
    const b = generateDeviceIdentity();
    const ab = x25519(a.boxPrivateKey, b.boxPublicKey);
    const ba = x25519(b.boxPrivateKey, a.boxPublicKey);
    expect(ab.ok && ba.ok && bytesEqual(ab.value, ba.value)).toBe(true);
  });
});
