/**
 * @module crypto/testkit/envelopeFixtures
 * Owns test-only helpers for envelope tests: a ready-made author, part keys and room, and the
 * forger's tools (re-sign with a key, recompute the commitment) used to build the attacks the
 * verification order must refuse. Not exported from crypto/index.ts; tests only.
 */
import { generateDeviceIdentity } from '../identity';
import type { DeviceIdentity } from '../identity';
import { derivePartSubkeys, generatePartKey, generateRoomId } from '../keys';
import type { PartSubkeys, RoomId } from '../keys';
import { blake2b, ed25519Sign } from '../primitives';
import type { OpenEnvelopeExpectation } from '../openEnvelope';
import { sealEnvelope } from '../sealEnvelope';
import type { SealEnvelopeInput } from '../sealEnvelope';
import type { SnapshotHeader } from '../envelopeFormat';
import { envelopeSignatureDigest } from '../verifyEnvelopeSignature';

/** Offsets written out from docs/ENVELOPE.md, independently of the code under test. */
export const SPEC = { version: 0, kind: 1, room: 2, epoch: 18, author: 22, clock: 54, kindSpecific: 62 } as const;

/** One author writing to one room with the keys of epoch 1 (and a second epoch held). */
export interface EnvelopeWorld {
  author: DeviceIdentity;
  roomId: RoomId;
  subkeys: PartSubkeys;
  /** Subkeys of epoch 2 (a different random part key), also held by the receiver. */
  subkeysEpoch2: PartSubkeys;
  expect: OpenEnvelopeExpectation;
}

/** A fresh world. Call after initSodium. */
export function makeWorld(): EnvelopeWorld {
  const subkeys = derivePartSubkeys(generatePartKey());
  const subkeysEpoch2 = derivePartSubkeys(generatePartKey());
  const roomId = generateRoomId();
  return {
    author: generateDeviceIdentity(),
    roomId,
    subkeys,
    subkeysEpoch2,
    expect: { roomId, subkeysForEpoch: (e) => (e === 1 ? subkeys : e === 2 ? subkeysEpoch2 : undefined) },
  };
}

/** A snapshot header with two covered authors, 0x11.. and 0xff.. (why: see the tamper test). */
export function sampleSnapshot(): SnapshotHeader {
  return {
    id: new Uint8Array(16).fill(0xa1),
    parent: new Uint8Array(16),
    covers: 4242,
    coveredClocks: [
      { author: new Uint8Array(32).fill(0x11), clock: 5 },
      { author: new Uint8Array(32).fill(0xff), clock: 7 },
    ],
  };
}

/** Seals with the world's author and epoch-1 keys; overrides win. */
export function seal(world: EnvelopeWorld, over: Partial<SealEnvelopeInput> = {}): Uint8Array {
  const kind = over.kind ?? 'update';
  return sealEnvelope({
    kind,
    roomId: world.roomId,
    epoch: 1,
    clock: kind === 'snapshot' ? 0 : kind === 'ephemeral' ? 1_700_000_000_000_000 : 1,
    ...(kind === 'snapshot' ? { snapshot: sampleSnapshot() } : {}),
    author: world.author,
    subkeys: world.subkeys,
    plaintext: new TextEncoder().encode('colloquio con la famiglia'),
    ...over,
  });
}

/** A copy of `bytes` with `bytes[index] ^= mask`. */
export function flip(bytes: Uint8Array, index: number, mask = 0x01): Uint8Array {
  const out = bytes.slice();
  out[index] = (out[index] as number) ^ mask;
  return out;
}

/** Rewrites the signature (last 64 bytes) as `signPrivateKey` would sign the rest. In place. */
export function resign(bytes: Uint8Array, signPrivateKey: Uint8Array): Uint8Array {
  const at = bytes.length - 64;
  bytes.set(ed25519Sign(signPrivateKey, envelopeSignatureDigest(bytes.subarray(0, at))), at);
  return bytes;
}

/** Rewrites the commitment (32 bytes before the signature) under `commitmentKey`. In place. */
export function recommit(bytes: Uint8Array, commitmentKey: Uint8Array): Uint8Array {
  const at = bytes.length - 64 - 32;
  bytes.set(blake2b(32, bytes.subarray(0, at), commitmentKey), at);
  return bytes;
}
