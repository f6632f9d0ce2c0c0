/**
 * @module crypto/testkit/keyringFixtures
 * Owns test-only helpers for keyring tests: a valid keyring plaintext with cartelle, the small
 * Argon2 parameters that keep tests fast, and a counter of Argon2 runs (a spy on libsodium's
 * `crypto_pwhash`) to prove a refusal came before any hashing. Not exported; tests only.
 */
import { vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { generateDeviceIdentity } from '../identity';
import { generatePartKey, generateRoomId } from '../keys';
import type { CartellaKeys, KeyringData, PartKeyRecord } from '../keyringData';
import type { KeyringParams } from '../keyring';
import { sodium } from '../sodium';

/** The cheapest parameters the window allows (opslimit 1, 8 MiB): ~10 ms per derivation. */
export const FAST_PARAMS: KeyringParams = { opslimit: 1, memlimitKiB: 8 * 1024 };

/** A part with keys for epochs 1..`epochs`, current = the last. */
export function makePart(epochs = 1): PartKeyRecord {
  const keys = Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, key: generatePartKey() }));
  return { roomId: generateRoomId(), currentEpoch: epochs, keys };
}

/** One cartella's keys; with `prof: false`, an administrative worker's (admin part only). */
export function makeCartella(id: string, options: { prof?: boolean; epochs?: number } = {}): CartellaKeys {
  return {
    cartellaId: id,
    admin: makePart(options.epochs),
    ...(options.prof === false ? {} : { prof: makePart(options.epochs) }),
    addedAt: '2025-03-04T09:30:00.000Z',
  };
}

/** A valid keyring: two cartelle (one without prof, one with two epochs) and both ente settings. */
export function makeKeyringData(): KeyringData {
  return {
    version: 2,
    profile: { nome: 'Giulia Bianchi', ruolo: 'assistente_sociale', createdAt: '2025-03-01T08:00:00.000Z' },
    identity: generateDeviceIdentity(),
    cartelle: [makeCartella('cartella-0001', { epochs: 2 }), makeCartella('cartella-0002', { prof: false })],
    usedBundleIds: [],
    settings: { lockAfterMinutes: 15, enteName: 'Comune di Esempio', enteAddress: 'Via Roma 1\n00100 Roma' },
  };
}

/** Counts calls to libsodium's Argon2 (`crypto_pwhash`) while still running it. Restore after use. */
export function countArgon2(): MockInstance {
  return vi.spyOn(sodium(), 'crypto_pwhash');
}
