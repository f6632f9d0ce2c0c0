import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, toHex } from './bytes';
import { derivePartSubkeys, generatePartKey, generateRoomId } from './keys';
import type { PartSubkeys, RoomId } from './keys';
import {
  generateRelayNonce,
  RELAY_NONCE_BYTES,
  signRelayAuth,
  signRoomCreate,
  signRoomRotate,
  verifyRelayAuth,
  verifyRoomCreate,
  verifyRoomRotate,
} from './relayAuth';
import { initSodium, sodium } from './sodium';

beforeAll(initSodium);

let keys: PartSubkeys;
let room: RoomId;
let nonce: Uint8Array;
beforeAll(() => {
  keys = derivePartSubkeys(generatePartKey());
  room = generateRoomId();
  nonce = generateRelayNonce();
});

describe('relay auth proof', () => {
  it('verifies a proof made with the room key over the relay nonce', () => {
    expect(nonce.length).toBe(RELAY_NONCE_BYTES);
    const sig = signRelayAuth(keys.relayAuth.privateKey, room, nonce);
    expect(verifyRelayAuth(keys.relayAuth.publicKey, room, nonce, sig)).toBe(true);
  });

  it('signs BLAKE2b-512("cartella-relay-auth-v1" | room | nonce)', () => {
    const sig = signRelayAuth(keys.relayAuth.privateKey, room, nonce);
    const digest = sodium().crypto_generichash(64, concatBytes(new TextEncoder().encode('cartella-relay-auth-v1'), room, nonce), null);
    expect(sodium().crypto_sign_verify_detached(sig, digest, keys.relayAuth.publicKey)).toBe(true);
  });

  it('refuses a proof for another room, another nonce or another key', () => {
    const sig = signRelayAuth(keys.relayAuth.privateKey, room, nonce);
    expect(verifyRelayAuth(keys.relayAuth.publicKey, generateRoomId(), nonce, sig)).toBe(false);
    expect(verifyRelayAuth(keys.relayAuth.publicKey, room, generateRelayNonce(), sig)).toBe(false);
    const other = derivePartSubkeys(generatePartKey());
    expect(verifyRelayAuth(other.relayAuth.publicKey, room, nonce, sig)).toBe(false);
  });

  it('returns false instead of throwing on wrong lengths', () => {
    const sig = signRelayAuth(keys.relayAuth.privateKey, room, nonce);
    expect(verifyRelayAuth(keys.relayAuth.publicKey, room.subarray(1), nonce, sig)).toBe(false);
    expect(verifyRelayAuth(keys.relayAuth.publicKey, room, nonce.subarray(1), sig)).toBe(false);
    expect(verifyRelayAuth(keys.relayAuth.publicKey, room, nonce, sig.subarray(1))).toBe(false);
    expect(verifyRelayAuth(new Uint8Array(3), room, nonce, sig)).toBe(false);
  });

  it('throws when signing with a short nonce (a programming error)', () => {
    expect(() => signRelayAuth(keys.relayAuth.privateKey, room, new Uint8Array(8))).toThrow(RangeError);
  });
});

describe('room creation proof', () => {
  const sign = (epoch = 1): Uint8Array => signRoomCreate(keys.relayAuth.privateKey, room, epoch, keys.relayAuth.publicKey, nonce);

  it('verifies a proof over room, epoch, public key and nonce', () => {
    expect(verifyRoomCreate(keys.relayAuth.publicKey, room, 1, nonce, sign())).toBe(true);
  });

  it('signs BLAKE2b-512("cartella-relay-create-v1" | room | u32 epoch | publicKey | nonce)', () => {
    const head = new TextEncoder().encode('cartella-relay-create-v1');
    const digest = sodium().crypto_generichash(64, concatBytes(head, room, new Uint8Array([0, 0, 1, 2]), keys.relayAuth.publicKey, nonce), null);
    expect(sodium().crypto_sign_verify_detached(sign(258), digest, keys.relayAuth.publicKey)).toBe(true);
  });

  it('refuses a proof for another room, epoch, nonce or public key', () => {
    const sig = sign();
    const other = derivePartSubkeys(generatePartKey());
    expect(verifyRoomCreate(keys.relayAuth.publicKey, generateRoomId(), 1, nonce, sig)).toBe(false);
    expect(verifyRoomCreate(keys.relayAuth.publicKey, room, 2, nonce, sig)).toBe(false);
    expect(verifyRoomCreate(keys.relayAuth.publicKey, room, 1, generateRelayNonce(), sig)).toBe(false);
    expect(verifyRoomCreate(other.relayAuth.publicKey, room, 1, nonce, sig)).toBe(false);
    expect(verifyRoomCreate(keys.relayAuth.publicKey, room, -1, nonce, sig)).toBe(false);
  });

  it('cannot be confused with an auth proof: each digest has its own domain', () => {
    const auth = signRelayAuth(keys.relayAuth.privateKey, room, nonce);
    expect(verifyRoomCreate(keys.relayAuth.publicKey, room, 1, nonce, auth)).toBe(false);
    expect(verifyRelayAuth(keys.relayAuth.publicKey, room, nonce, sign())).toBe(false);
    expect(toHex(auth)).not.toBe(toHex(sign()));
  });

  it('throws when the private key does not belong to the claimed public key', () => {
    const other = derivePartSubkeys(generatePartKey());
    expect(() => signRoomCreate(other.relayAuth.privateKey, room, 1, keys.relayAuth.publicKey, nonce)).toThrow(RangeError);
  });
});

describe('room rotation proof', () => {
  let next: PartSubkeys;
  let boxes: Uint8Array;
  beforeAll(() => {
    next = derivePartSubkeys(generatePartKey());
    boxes = new Uint8Array(500).map((_, i) => i % 251);
  });
  const sign = (from = 1, to = 2): Uint8Array =>
    signRoomRotate(keys.relayAuth.privateKey, room, from, to, next.relayAuth.publicKey, boxes, nonce);
  const verify = (over: { key?: Uint8Array; room?: Uint8Array; from?: number; to?: number; next?: Uint8Array; boxes?: Uint8Array; nonce?: Uint8Array } = {}, sig = sign()): boolean =>
    verifyRoomRotate(
      over.key ?? keys.relayAuth.publicKey,
      over.room ?? room,
      over.from ?? 1,
      over.to ?? 2,
      over.next ?? next.relayAuth.publicKey,
      over.boxes ?? boxes,
      over.nonce ?? nonce,
      sig,
    );

  it('verifies a proof made with the old key over room, epochs, new key, key boxes and nonce', () => {
    expect(verify()).toBe(true);
  });

  it('signs BLAKE2b-512("cartella-relay-rotate-v1" | room | u32 from | u32 to | new key | BLAKE2b-256(key boxes) | nonce)', () => {
    const s = sodium();
    const head = new TextEncoder().encode('cartella-relay-rotate-v1');
    const boxesHash = s.crypto_generichash(32, boxes, null);
    const message = concatBytes(head, room, new Uint8Array([0, 0, 1, 2]), new Uint8Array([0, 0, 1, 3]), next.relayAuth.publicKey, boxesHash, nonce);
    const digest = s.crypto_generichash(64, message, null);
    expect(s.crypto_sign_verify_detached(sign(258, 259), digest, keys.relayAuth.publicKey)).toBe(true);
  });

  it('refuses a proof for another room, epoch, new key, key boxes or nonce', () => {
    const tampered = boxes.slice();
    tampered[499] = (tampered[499] as number) ^ 1;
    expect(verify({ room: generateRoomId() })).toBe(false);
    expect(verify({ from: 2 })).toBe(false);
    expect(verify({ to: 3 })).toBe(false);
    expect(verify({ next: keys.relayAuth.publicKey })).toBe(false);
    expect(verify({ boxes: tampered })).toBe(false);
    expect(verify({ boxes: boxes.subarray(1) })).toBe(false);
    expect(verify({ nonce: generateRelayNonce() })).toBe(false);
  });

  it('refuses a proof signed with the new key instead of the old one', () => {
    const byNew = signRoomRotate(next.relayAuth.privateKey, room, 1, 2, next.relayAuth.publicKey, boxes, nonce);
    expect(verify({}, byNew)).toBe(false);
    expect(verify({ key: next.relayAuth.publicKey }, sign())).toBe(false);
  });

  it('cannot be confused with an auth or creation proof: each digest has its own domain', () => {
    expect(verify({}, signRelayAuth(keys.relayAuth.privateKey, room, nonce))).toBe(false);
    expect(verify({}, signRoomCreate(keys.relayAuth.privateKey, room, 1, keys.relayAuth.publicKey, nonce))).toBe(false);
    expect(verifyRelayAuth(keys.relayAuth.publicKey, room, nonce, sign())).toBe(false);
  });

  it('returns false instead of throwing on wrong lengths or epochs out of u32', () => {
    expect(verify({ from: -1 })).toBe(false);
    expect(verify({ to: 2 ** 32 })).toBe(false);
    expect(verify({ next: new Uint8Array(31) })).toBe(false);
    expect(verify({ nonce: nonce.subarray(1) })).toBe(false);
    expect(verify({}, sign().subarray(1))).toBe(false);
  });

  it('throws when signing with a short new key or an epoch out of u32 (programming errors)', () => {
    expect(() => signRoomRotate(keys.relayAuth.privateKey, room, 1, 2, new Uint8Array(31), boxes, nonce)).toThrow(RangeError);
    expect(() => signRoomRotate(keys.relayAuth.privateKey, room, 1, 2 ** 32, next.relayAuth.publicKey, boxes, nonce)).toThrow(RangeError);
  });
});
