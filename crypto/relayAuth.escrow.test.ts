/**
 * The recovery escrow's mailbox id and list proof (crypto/relayAuth.ts, docs/PROTOCOL.md §4.11):
 * only the holder of the recovery private key can answer a challenge, for the mailbox of that
 * key and that challenge only, and the relay's check never throws on what the network sends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, toHex } from './bytes';
import { blake2b } from './primitives';
import { generateRecoveryKey } from './recovery';
import type { RecoveryKeyPair } from './recovery';
import {
  ESCROW_LIST_PROOF_BYTES,
  ESCROW_MAILBOX_BYTES,
  escrowMailbox,
  generateEscrowChallenge,
  proveEscrowMailbox,
  verifyEscrowMailboxProof,
} from './relayAuth';
import type { EscrowChallengeKey } from './relayAuth';
import { initSodium, sodium } from './sodium';

beforeAll(initSodium);

let ente: RecoveryKeyPair;
let challenge: EscrowChallengeKey;
beforeAll(() => {
  ente = generateRecoveryKey();
  challenge = generateEscrowChallenge();
});

function prove(pair: RecoveryKeyPair, key: Uint8Array = challenge.publicKey): Uint8Array {
  const proof = proveEscrowMailbox(pair, key);
  if (!proof.ok) throw new Error(proof.message);
  return proof.value;
}

describe('escrow mailbox id', () => {
  it('is BLAKE2b-256 of the domain string and the recovery public key', () => {
    const expected = blake2b(32, concatBytes(new TextEncoder().encode('cartella-escrow-mailbox-v1'), ente.publicKey));
    expect(escrowMailbox(ente.publicKey).length).toBe(ESCROW_MAILBOX_BYTES);
    expect(toHex(escrowMailbox(ente.publicKey))).toBe(toHex(expected));
    expect(toHex(escrowMailbox(generateRecoveryKey().publicKey))).not.toBe(toHex(expected));
  });

  it('throws on a key that is not 32 bytes (a programming error)', () => {
    expect(() => escrowMailbox(new Uint8Array(31))).toThrow(RangeError);
  });
});

describe('escrow list proof', () => {
  it('verifies a proof made with the recovery private key over this challenge', () => {
    const proof = prove(ente);
    expect(proof.length).toBe(ESCROW_LIST_PROOF_BYTES);
    expect(verifyEscrowMailboxProof(challenge, escrowMailbox(ente.publicKey), ente.publicKey, proof)).toBe(true);
  });

  it('refuses a proof made by another recovery key, even when it names the right public key', () => {
    const other = generateRecoveryKey();
    expect(verifyEscrowMailboxProof(challenge, escrowMailbox(ente.publicKey), ente.publicKey, prove(other))).toBe(false);
    expect(verifyEscrowMailboxProof(challenge, escrowMailbox(other.publicKey), other.publicKey, prove(other))).toBe(true);
  });

  it('refuses a proof for another challenge (no replay on another socket)', () => {
    const elsewhere = generateEscrowChallenge();
    expect(verifyEscrowMailboxProof(elsewhere, escrowMailbox(ente.publicKey), ente.publicKey, prove(ente))).toBe(false);
  });

  it('refuses a valid proof presented for a mailbox that is not the key\'s', () => {
    const other = generateRecoveryKey();
    expect(verifyEscrowMailboxProof(challenge, escrowMailbox(other.publicKey), ente.publicKey, prove(ente))).toBe(false);
  });

  it('refuses every single-bit change of the proof', () => {
    const proof = prove(ente);
    const mailbox = escrowMailbox(ente.publicKey);
    for (let i = 0; i < proof.length * 8; i += 7) {
      const bad = proof.slice();
      bad[i >> 3] = (bad[i >> 3] as number) ^ (1 << (i & 7));
      expect(verifyEscrowMailboxProof(challenge, mailbox, ente.publicKey, bad)).toBe(false);
    }
  });

  it('never throws on wrong lengths or a low-order recovery key; it answers false', () => {
    const mailbox = escrowMailbox(ente.publicKey);
    const proof = prove(ente);
    expect(verifyEscrowMailboxProof(challenge, mailbox.subarray(1), ente.publicKey, proof)).toBe(false);
    expect(verifyEscrowMailboxProof(challenge, mailbox, ente.publicKey, proof.subarray(1))).toBe(false);
    expect(verifyEscrowMailboxProof(challenge, mailbox, ente.publicKey.subarray(1), proof)).toBe(false);
    const zero = new Uint8Array(32);
    expect(verifyEscrowMailboxProof(challenge, escrowMailbox(zero), zero, new Uint8Array(32))).toBe(false);
  });

  it('refuses a low-order challenge from a hostile relay instead of proving with it (x25519_weak_point)', () => {
    const result = proveEscrowMailbox(ente, new Uint8Array(32));
    expect(result.ok ? 'ok' : result.code).toBe('x25519_weak_point');
    const short = proveEscrowMailbox(ente, new Uint8Array(31));
    expect(short.ok ? 'ok' : short.code).toBe('x25519_malformed');
  });

  it('throws when the private half does not belong to the public half (a programming error)', () => {
    const other = generateRecoveryKey();
    expect(() => proveEscrowMailbox({ publicKey: ente.publicKey, privateKey: other.privateKey }, challenge.publicKey)).toThrow(RangeError);
  });

  it('does not give a relay the box key of a sealed blob when it uses the blob\'s ephemeral key as its challenge', () => {
    // crypto_box_seal derives its key from X25519(recovery private, ephemeral) with HSalsa20; the
    // proof is a BLAKE2b hash under its own domain of that value, so it is not the box key.
    const s = sodium();
    const ephemeral = s.crypto_box_keypair();
    const boxKey = s.crypto_box_beforenm(ephemeral.publicKey, ente.privateKey);
    expect(toHex(prove(ente, ephemeral.publicKey))).not.toBe(toHex(boxKey));
  });
});
