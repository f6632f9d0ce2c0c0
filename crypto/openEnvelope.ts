/**
 * @module crypto/openEnvelope
 * Owns checking and decrypting a received envelope, in the order docs/ENVELOPE.md fixes:
 * shape -> version -> signature -> room -> epoch -> commitment -> decrypt (and unpad), then
 * the clock via `checkClock` (the caller holds the per-author clock state). Cheap, key-free
 * checks come first so forged traffic costs little; the commitment comes before decryption
 * so an envelope is bound to one key and cannot be crafted to decrypt under two.
 */
import { envelopeId, parseEnvelope } from './envelopeFormat';
import type { EnvelopeErrorCode, EnvelopeHeader, EnvelopeKind } from './envelopeFormat';
import { bytesEqual } from './bytes';
import type { PartSubkeys } from './keys';
import { unpadPlaintext } from './padding';
import { aeadDecrypt, blake2b } from './primitives';
import { err, ok } from './result';
import type { Result } from './result';
import type { RoomId } from './roomId';
import { sodium } from './sodium';
import { verifyEnvelopeSignature } from './verifyEnvelopeSignature';

export type { EnvelopeErrorCode } from './envelopeFormat';

/** What the receiver expects of an envelope. */
export interface OpenEnvelopeExpectation {
  /** The room the envelope arrived in; an envelope signed for another room is refused. */
  roomId: RoomId;
  /** Subkeys held for an epoch, or undefined when no key for it is held. */
  subkeysForEpoch: (epoch: number) => PartSubkeys | undefined;
}

/** An opened envelope. `header` holds views into the input bytes (see ParsedEnvelope). */
export interface OpenedEnvelope {
  header: EnvelopeHeader;
  plaintext: Uint8Array;
  /** BLAKE2b-128 of the envelope bytes. */
  id: Uint8Array;
}

/**
 * Verifies and decrypts an envelope. Never throws on any input bytes. Does not check the
 * clock (call `checkClock` with the last clock seen from this author) nor the roster.
 */
export function openEnvelope(
  bytes: Uint8Array,
  expect: OpenEnvelopeExpectation,
): Result<OpenedEnvelope, EnvelopeErrorCode> {
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const { header } = p;
  if (!verifyEnvelopeSignature(p)) return err('envelope_signature', 'signature does not verify');
  if (!bytesEqual(header.roomId, expect.roomId)) return err('envelope_room', 'envelope is for another room');
  const subkeys = expect.subkeysForEpoch(header.epoch);
  if (subkeys === undefined) return err('envelope_epoch', `no key held for epoch ${header.epoch}`);

  const committed = p.signed.subarray(0, p.signed.length - p.commitment.length);
  const expected = blake2b(p.commitment.length, committed, subkeys.commitment);
  // Constant-time: the commitment is a MAC under a secret key.
  if (!sodium().memcmp(expected, p.commitment)) return err('envelope_commitment', 'commitment does not match this key');

  const key = header.kind === 'ephemeral' ? subkeys.awareness : subkeys.content;
  const padded = aeadDecrypt(key, p.nonce, p.ciphertext, p.headerBytes);
  if (!padded.ok) return err('envelope_decrypt', 'ciphertext does not authenticate');
  const plaintext = unpadPlaintext(padded.value);
  if (!plaintext.ok) return err('envelope_decrypt', `bad padding: ${plaintext.message}`);
  return ok({ header, plaintext: plaintext.value, id: envelopeId(bytes) });
}

/**
 * The clock rule of docs/ENVELOPE.md ("Clocks"), given the last clock accepted from this
 * author in this room and epoch (0 when none):
 * - update: exactly `lastClock + 1`; higher is a gap, lower or equal a replay;
 * - ephemeral: strictly greater than `lastClock`, else replay (it is a timestamp-like counter);
 * - snapshot: always accepted here (its clock is 0; its covered clocks are checked elsewhere).
 */
export function checkClock(
  kind: EnvelopeKind,
  lastClock: number,
  clock: number,
): Result<void, 'envelope_clock_gap' | 'envelope_clock_replay'> {
  if (kind === 'snapshot') return ok(undefined);
  if (clock <= lastClock) return err('envelope_clock_replay', `clock ${clock} is not after ${lastClock}`);
  if (kind === 'update' && clock !== lastClock + 1) {
    return err('envelope_clock_gap', `clock ${clock} skips after ${lastClock}`);
  }
  return ok(undefined);
}
