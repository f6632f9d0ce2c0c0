/**
 * @module crypto/sealEnvelope
 * Owns turning a plaintext (a Yjs update, a snapshot, an awareness state) into an envelope:
 * pad, encrypt with the header as additional data, commit, sign (docs/ENVELOPE.md). The
 * caller chooses the clock; keeping it unique per author and epoch is the sync engine's job.
 */
import { randomBytes } from './random';
import {
  encodeEnvelopeHeader,
  ENVELOPE_COMMITMENT_BYTES,
  ENVELOPE_NONCE_BYTES,
  ENVELOPE_SIGNATURE_BYTES,
  ENVELOPE_VERSION,
} from './envelopeFormat';
import type { EnvelopeKind, SnapshotHeader } from './envelopeFormat';
import type { PartSubkeys } from './keys';
import { padPlaintext } from './padding';
import { aeadEncrypt, blake2b, ED25519_PRIVATE_KEY_BYTES, ED25519_PUBLIC_KEY_BYTES, ed25519Sign } from './primitives';
import type { RoomId } from './roomId';
import { sodium } from './sodium';
import { envelopeSignatureDigest } from './verifyEnvelopeSignature';

/** What `sealEnvelope` needs. */
export interface SealEnvelopeInput {
  kind: EnvelopeKind;
  roomId: RoomId;
  epoch: number;
  /** update: last + 1 (starting at 1); snapshot: 0; ephemeral: strictly increasing. */
  clock: number;
  /** Required for, and only for, kind "snapshot". */
  snapshot?: SnapshotHeader;
  /** The device's Ed25519 pair (`DeviceIdentity` fits). */
  author: { signPublicKey: Uint8Array; signPrivateKey: Uint8Array };
  /** Subkeys of the part key for `epoch`. */
  subkeys: PartSubkeys;
  plaintext: Uint8Array;
}

/**
 * Seals an envelope. Ephemeral envelopes use the awareness subkey, the others the content
 * subkey, so awareness traffic (never stored, sealed often) shares no key with the case file.
 * @throws RangeError on inputs the format cannot express, or when the signing key does not
 * belong to `signPublicKey` (that would produce envelopes nobody accepts).
 */
export function sealEnvelope(input: SealEnvelopeInput): Uint8Array {
  const { author, subkeys } = input;
  // libsodium's Ed25519 secret key is seed | public key: a cheap check that the pair matches.
  const publicHalf = author.signPrivateKey.subarray(ED25519_PRIVATE_KEY_BYTES - ED25519_PUBLIC_KEY_BYTES);
  if (
    author.signPrivateKey.length !== ED25519_PRIVATE_KEY_BYTES ||
    author.signPublicKey.length !== ED25519_PUBLIC_KEY_BYTES ||
    !sodium().memcmp(publicHalf, author.signPublicKey)
  ) {
    throw new RangeError('signPrivateKey does not belong to signPublicKey');
  }
  const header = encodeEnvelopeHeader({
    version: ENVELOPE_VERSION,
    kind: input.kind,
    roomId: input.roomId,
    epoch: input.epoch,
    author: author.signPublicKey,
    clock: input.clock,
    ...(input.snapshot !== undefined ? { snapshot: input.snapshot } : {}),
  });
  const nonce = randomBytes(ENVELOPE_NONCE_BYTES);
  const key = input.kind === 'ephemeral' ? subkeys.awareness : subkeys.content;
  const ciphertext = aeadEncrypt(key, nonce, padPlaintext(input.plaintext), header);

  const out = new Uint8Array(header.length + nonce.length + ciphertext.length + ENVELOPE_COMMITMENT_BYTES + ENVELOPE_SIGNATURE_BYTES);
  let at = 0;
  out.set(header, at);
  out.set(nonce, (at += header.length));
  out.set(ciphertext, (at += nonce.length));
  at += ciphertext.length;
  out.set(blake2b(ENVELOPE_COMMITMENT_BYTES, out.subarray(0, at), subkeys.commitment), at);
  at += ENVELOPE_COMMITMENT_BYTES;
  out.set(ed25519Sign(author.signPrivateKey, envelopeSignatureDigest(out.subarray(0, at))), at);
  return out;
}
