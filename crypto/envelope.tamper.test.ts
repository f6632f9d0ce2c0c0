/**
 * Tamper tests: every byte of a small envelope of each kind, with two different bit flips,
 * must be refused with the code the verification order predicts; then the attacks that
 * survive the signature (a forger holding the author key, or the commitment key) are built
 * explicitly and must stop at the commitment or at decryption.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from './identity';
import { openEnvelope } from './openEnvelope';
import type { EnvelopeKind } from './envelopeFormat';
import { concatBytes } from './bytes';
import { aeadEncrypt } from './primitives';
import { initSodium, sodium } from './sodium';
import { flip, makeWorld, recommit, resign, seal, SPEC } from './testkit/envelopeFixtures';
import type { EnvelopeWorld } from './testkit/envelopeFixtures';

beforeAll(initSodium);

let world: EnvelopeWorld;
beforeAll(() => {
  world = makeWorld();
});

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The u64 fields of an envelope of this kind: [offset, must-be-zero]. */
function u64Fields(kind: EnvelopeKind): Array<[number, boolean]> {
  const fields: Array<[number, boolean]> = [[SPEC.clock, kind === 'snapshot']];
  if (kind === 'snapshot') fields.push([94, false], [104 + 32, false], [144 + 32, false]);
  return fields;
}

/**
 * The code a single flipped byte must produce, derived from docs/ENVELOPE.md rather than from
 * the parser. Snapshot fixtures cover authors 0x11.. and 0xff..: no single flip can reorder
 * them, and a changed entry count either overruns the envelope or reads a third author that
 * cannot sort after 0xff.., so count flips are always malformed.
 */
function expectedCode(kind: EnvelopeKind, original: Uint8Array, index: number, mask: number): string {
  if (index === SPEC.version) return 'envelope_version';
  if (index === SPEC.kind) {
    const newKind = (original[index] as number) ^ mask;
    if (newKind < 1 || newKind > 3) return 'envelope_kind';
    // Reading an update/ephemeral as a snapshot meets a non-zero clock; a snapshot read as
    // another kind is well-shaped but no longer what was signed.
    return newKind === 2 ? 'envelope_malformed' : 'envelope_signature';
  }
  for (const [at, mustBeZero] of u64Fields(kind)) {
    if (index >= at && index < at + 8) {
      const view = new DataView(original.buffer, original.byteOffset);
      const value = view.getBigUint64(at) ^ (BigInt(mask) << BigInt(8 * (7 - (index - at))));
      return mustBeZero || value > MAX_SAFE ? 'envelope_malformed' : 'envelope_signature';
    }
  }
  if (kind === 'snapshot' && (index === 102 || index === 103)) return 'envelope_malformed';
  return 'envelope_signature';
}

describe('flipping a bit in any byte is refused with the predicted code', () => {
  const kinds: EnvelopeKind[] = ['update', 'snapshot', 'ephemeral'];
  it.each(kinds.flatMap((k) => [[k, 0x01], [k, 0x80]] as const))('%s envelope, mask %i', (kind, mask) => {
    const bytes = seal(world, { kind });
    const seen = new Map<string, number>();
    for (let i = 0; i < bytes.length; i++) {
      const result = openEnvelope(flip(bytes, i, mask), world.expect);
      const want = expectedCode(kind, bytes, i, mask);
      expect(result.ok ? 'accepted' : result.code, `byte ${i}`).toBe(want);
      seen.set(want, (seen.get(want) ?? 0) + 1);
    }
    expect(seen.get('envelope_version')).toBe(1);
    expect(seen.get('envelope_signature')).toBeGreaterThan(200);
  });
});

describe('forgeries that survive the signature check', () => {
  const ctByte = (bytes: Uint8Array): number => bytes.length - 96 - 5;

  it('refuses with envelope_commitment a ciphertext changed and re-signed with the author key', () => {
    const sealed = seal(world);
    const bytes = resign(flip(sealed, ctByte(sealed)), world.author.signPrivateKey);
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_commitment' });
  });

  it('refuses with envelope_commitment a changed commitment re-signed with the author key', () => {
    const sealed = seal(world);
    const bytes = resign(flip(sealed, sealed.length - 70), world.author.signPrivateKey);
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_commitment' });
  });

  it('refuses with envelope_commitment an envelope re-authored and re-signed by a stranger', () => {
    const stranger = generateDeviceIdentity();
    const bytes = seal(world);
    bytes.set(stranger.signPublicKey, SPEC.author);
    resign(bytes, stranger.signPrivateKey);
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_commitment' });
  });

  it('refuses with envelope_commitment an epoch moved to another held epoch and re-signed', () => {
    const bytes = resign(flip(seal(world), SPEC.epoch + 3, 0x03), world.author.signPrivateKey); // epoch 1 -> 2
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_commitment' });
  });

  it('refuses with envelope_room a room id changed and re-signed', () => {
    const bytes = resign(flip(seal(world), SPEC.room), world.author.signPrivateKey);
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_room' });
  });

  it('refuses with envelope_epoch an epoch changed to one without a key and re-signed', () => {
    const bytes = resign(flip(seal(world), SPEC.epoch, 0x40), world.author.signPrivateKey);
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_epoch' });
  });

  it('refuses with envelope_version a version 2 envelope even when properly signed', () => {
    const bytes = seal(world);
    bytes[SPEC.version] = 2;
    resign(bytes, world.author.signPrivateKey);
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_version' });
  });

  it('refuses with envelope_decrypt a ciphertext changed by someone with the commitment key but not the content key', () => {
    const sealed = seal(world);
    const bytes = resign(recommit(flip(sealed, ctByte(sealed)), world.subkeys.commitment), world.author.signPrivateKey);
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_decrypt' });
  });

  it('refuses with envelope_decrypt a changed nonce with commitment and signature recomputed', () => {
    const bytes = resign(recommit(flip(seal(world), 62 + 3), world.subkeys.commitment), world.author.signPrivateKey);
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_decrypt' });
  });

  it.each(['update', 'snapshot', 'ephemeral'] as const)(
    'binds the %s header as additional data: a header change with commitment and signature recomputed fails to decrypt',
    (kind) => {
      const index = kind === 'snapshot' ? 62 + 5 /* snapshot id */ : SPEC.clock + 7;
      const bytes = resign(recommit(flip(seal(world, { kind }), index, 0x02), world.subkeys.commitment), world.author.signPrivateKey);
      expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_decrypt' });
    },
  );
});

describe('a key holder who pads wrongly', () => {
  /** Builds an update envelope around an arbitrary padded body, with every key. */
  function withPaddedBody(padded: Uint8Array): Uint8Array {
    const header = seal(world).subarray(0, 62);
    const nonce = new Uint8Array(24).fill(7);
    const body = aeadEncrypt(world.subkeys.content, nonce, padded, header);
    const bytes = concatBytes(header, nonce, body, new Uint8Array(32 + 64));
    return resign(recommit(bytes, world.subkeys.commitment), world.author.signPrivateKey);
  }

  it('refuses with envelope_decrypt a body without a padding marker', () => {
    expect(openEnvelope(withPaddedBody(new Uint8Array(64)), world.expect)).toMatchObject({ code: 'envelope_decrypt' });
  });

  it('refuses with envelope_decrypt a body padded to more than its bucket', () => {
    const overPadded = sodium().pad(new Uint8Array(10), 128);
    expect(openEnvelope(withPaddedBody(overPadded), world.expect)).toMatchObject({ code: 'envelope_decrypt' });
    expect(openEnvelope(withPaddedBody(sodium().pad(new Uint8Array(10), 64)), world.expect).ok).toBe(true);
  });
});

describe('truncation', () => {
  it.each(['update', 'snapshot', 'ephemeral'] as const)(
    'refuses a %s envelope cut at every length without throwing: malformed while too short, then signature',
    (kind) => {
      const bytes = seal(world, { kind });
      const minimum = (kind === 'snapshot' ? 184 : 62) + 24 + 16 + 32 + 64;
      for (let length = 0; length < bytes.length; length++) {
        const result = openEnvelope(bytes.subarray(0, length), world.expect);
        const want = length < minimum ? 'envelope_malformed' : 'envelope_signature';
        expect(result.ok ? 'accepted' : result.code, `length ${length}`).toBe(want);
      }
    },
  );
});
