/**
 * @module crypto/verifyEnvelopeSignature
 * Owns the envelope signature: what exactly the author signs and how anyone checks it
 * without a key. The relay imports this to refuse forged or altered envelopes before storing
 * them. The digest starts with a domain string so an envelope signature can never be
 * replayed as a signature of any other Cartella message (relay auth, room creation).
 */
import { ENVELOPE_SIGNATURE_DOMAIN } from './envelopeLayout';
import type { ParsedEnvelope } from './envelopeLayout';
import { ed25519Verify } from './primitives';
import { sodium } from './sodium';

const DOMAIN = new TextEncoder().encode(ENVELOPE_SIGNATURE_DOMAIN);
const DIGEST_BYTES = 64;

/**
 * The 64-byte message the author signs: BLAKE2b-512("cartella-envelope-v1" | signed), where
 * `signed` is header | nonce | ciphertext | commitment. Streams the two parts into the hash
 * so the (possibly large) envelope is not copied just to prepend the domain.
 */
export function envelopeSignatureDigest(signed: Uint8Array): Uint8Array {
  const s = sodium();
  const state = s.crypto_generichash_init(null, DIGEST_BYTES);
  s.crypto_generichash_update(state, DOMAIN);
  s.crypto_generichash_update(state, signed);
  return s.crypto_generichash_final(state, DIGEST_BYTES);
}

/**
 * Whether the envelope's signature was made by its `author` over all its other bytes.
 * Never throws. Says nothing about whether the author may write to the room (the roster
 * decides) or whether the body decrypts (only key holders can tell).
 */
export function verifyEnvelopeSignature(p: ParsedEnvelope): boolean {
  return ed25519Verify(p.header.author, envelopeSignatureDigest(p.signed), p.signature);
}
