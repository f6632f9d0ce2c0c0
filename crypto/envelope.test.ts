import { beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, toHex } from './bytes';
import { encodeEnvelopeHeader, envelopeId, parseEnvelope } from './envelopeFormat';
import type { EnvelopeKind } from './envelopeFormat';
import { derivePartSubkeys, generatePartKey, generateRoomId } from './keys';
import { checkClock, openEnvelope } from './openEnvelope';
import { blake2b } from './primitives';
import { initSodium, sodium } from './sodium';
import { makeWorld, sampleSnapshot, seal, SPEC } from './testkit/envelopeFixtures';
import type { EnvelopeWorld } from './testkit/envelopeFixtures';

beforeAll(initSodium);

let world: EnvelopeWorld;
beforeAll(() => {
  world = makeWorld();
});

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const kinds: EnvelopeKind[] = ['update', 'snapshot', 'ephemeral'];

describe('sealEnvelope / openEnvelope round trip', () => {
  it.each(kinds)('opens a sealed %s envelope to the same plaintext and header', (kind) => {
    const bytes = seal(world, { kind, plaintext: text(`piano di intervento (${kind})`) });
    const opened = openEnvelope(bytes, world.expect);
    if (!opened.ok) throw new Error(opened.message);
    expect(new TextDecoder().decode(opened.value.plaintext)).toBe(`piano di intervento (${kind})`);
    const h = opened.value.header;
    expect(h.kind).toBe(kind);
    expect(h.version).toBe(1);
    expect(h.epoch).toBe(1);
    expect(bytesEqual(h.roomId, world.roomId)).toBe(true);
    expect(bytesEqual(h.author, world.author.signPublicKey)).toBe(true);
    expect(toHex(opened.value.id)).toBe(toHex(envelopeId(bytes)));
  });

  it('carries the snapshot id, parent, covers and covered clocks through the header', () => {
    const opened = openEnvelope(seal(world, { kind: 'snapshot' }), world.expect);
    if (!opened.ok) throw new Error(opened.message);
    const snap = opened.value.header.snapshot;
    const want = sampleSnapshot();
    expect(snap?.covers).toBe(4242);
    expect(toHex(snap?.id ?? new Uint8Array())).toBe(toHex(want.id));
    expect(toHex(snap?.parent ?? new Uint8Array())).toBe(toHex(want.parent));
    expect(snap?.coveredClocks.map((c) => [toHex(c.author), c.clock])).toEqual(
      want.coveredClocks.map((c) => [toHex(c.author), c.clock]),
    );
  });

  it('opens an envelope of a second held epoch with that epoch\'s keys', () => {
    const bytes = seal(world, { epoch: 2, subkeys: world.subkeysEpoch2 });
    expect(openEnvelope(bytes, world.expect).ok).toBe(true);
  });

  it('uses a fresh nonce per envelope, so equal inputs give different envelopes and ids', () => {
    const a = seal(world);
    const b = seal(world);
    expect(bytesEqual(a, b)).toBe(false);
    expect(bytesEqual(envelopeId(a), envelopeId(b))).toBe(false);
  });
});

describe('the bytes follow docs/ENVELOPE.md exactly', () => {
  it.each(kinds)('lays out a %s envelope field by field, checkable with libsodium alone', (kind) => {
    const plaintext = text('relazione sociale');
    const bytes = seal(world, { kind, plaintext, epoch: 1 });
    const H = kind === 'snapshot' ? 104 + 40 * 2 : 62;
    expect(bytes[SPEC.version]).toBe(1);
    expect(bytes[SPEC.kind]).toBe({ update: 1, snapshot: 2, ephemeral: 3 }[kind]);
    expect(toHex(bytes.subarray(SPEC.room, SPEC.room + 16))).toBe(toHex(world.roomId));
    expect(toHex(bytes.subarray(SPEC.epoch, SPEC.epoch + 4))).toBe('00000001');
    expect(toHex(bytes.subarray(SPEC.author, SPEC.author + 32))).toBe(toHex(world.author.signPublicKey));
    const clock = new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(SPEC.clock);
    expect(clock).toBe(kind === 'snapshot' ? 0n : kind === 'ephemeral' ? 1_700_000_000_000_000n : 1n);
    expect(bytes.length).toBe(H + 24 + (64 + 16) + 32 + 64); // a short plaintext pads to 64

    const s = sodium();
    const header = bytes.subarray(0, H);
    const nonce = bytes.subarray(H, H + 24);
    const ciphertext = bytes.subarray(H + 24, bytes.length - 96);
    const commitment = bytes.subarray(bytes.length - 96, bytes.length - 64);
    const key = kind === 'ephemeral' ? world.subkeys.awareness : world.subkeys.content;
    const padded = s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, header, nonce, key);
    expect(toHex(s.unpad(padded, padded.length))).toBe(toHex(plaintext));
    expect(toHex(commitment)).toBe(toHex(s.crypto_generichash(32, bytes.subarray(0, bytes.length - 96), world.subkeys.commitment)));
    const digest = s.crypto_generichash(64, concatBytes(text('cartella-envelope-v1'), bytes.subarray(0, bytes.length - 64)), null);
    expect(s.crypto_sign_verify_detached(bytes.subarray(bytes.length - 64), digest, world.author.signPublicKey)).toBe(true);
    expect(toHex(envelopeId(bytes))).toBe(toHex(blake2b(16, bytes)));
  });

  it('writes the snapshot header as id | parent | u64 covers | u16 n | n x (author | u64 clock)', () => {
    const bytes = seal(world, { kind: 'snapshot' });
    const at = SPEC.kindSpecific;
    expect(toHex(bytes.subarray(at, at + 16))).toBe('a1'.repeat(16));
    expect(toHex(bytes.subarray(at + 16, at + 32))).toBe('00'.repeat(16));
    expect(toHex(bytes.subarray(at + 32, at + 42))).toBe('0000000000001092' + '0002');
    expect(toHex(bytes.subarray(104, 144))).toBe('11'.repeat(32) + '0000000000000005');
    expect(toHex(bytes.subarray(144, 184))).toBe('ff'.repeat(32) + '0000000000000007');
  });

  it('parses headers back to what encodeEnvelopeHeader wrote', () => {
    const bytes = seal(world, { kind: 'snapshot' });
    const p = parseEnvelope(bytes);
    if (!p.ok) throw new Error(p.message);
    expect(toHex(encodeEnvelopeHeader(p.value.header))).toBe(toHex(p.value.headerBytes));
    expect(p.value.headerBytes.length).toBe(184);
  });
});

describe('openEnvelope refusals that need no tampering', () => {
  it('refuses an envelope from another room with envelope_room', () => {
    const other = { ...world.expect, roomId: generateRoomId() };
    expect(openEnvelope(seal(world), other)).toMatchObject({ ok: false, code: 'envelope_room' });
  });

  it('refuses an epoch for which no key is held with envelope_epoch', () => {
    const bytes = seal(world, { epoch: 7 });
    expect(openEnvelope(bytes, world.expect)).toMatchObject({ ok: false, code: 'envelope_epoch' });
  });

  it('refuses an envelope opened with another part key with envelope_commitment', () => {
    const strangerKeys = derivePartSubkeys(generatePartKey());
    const expectOther = { roomId: world.roomId, subkeysForEpoch: () => strangerKeys };
    expect(openEnvelope(seal(world), expectOther)).toMatchObject({ ok: false, code: 'envelope_commitment' });
  });

  it('refuses with envelope_decrypt when the commitment key matches but the content key does not', () => {
    const mixed = { ...world.subkeys, content: derivePartSubkeys(generatePartKey()).content };
    const expectMixed = { roomId: world.roomId, subkeysForEpoch: () => mixed };
    expect(openEnvelope(seal(world), expectMixed)).toMatchObject({ ok: false, code: 'envelope_decrypt' });
  });

  it('seals ephemeral envelopes with the awareness key and the others with the content key', () => {
    const other = derivePartSubkeys(generatePartKey());
    const noAwareness = { roomId: world.roomId, subkeysForEpoch: () => ({ ...world.subkeys, awareness: other.awareness }) };
    const noContent = { roomId: world.roomId, subkeysForEpoch: () => ({ ...world.subkeys, content: other.content }) };
    expect(openEnvelope(seal(world, { kind: 'ephemeral' }), noAwareness)).toMatchObject({ code: 'envelope_decrypt' });
    expect(openEnvelope(seal(world, { kind: 'ephemeral' }), noContent).ok).toBe(true);
    expect(openEnvelope(seal(world, { kind: 'update' }), noContent)).toMatchObject({ code: 'envelope_decrypt' });
    expect(openEnvelope(seal(world, { kind: 'update' }), noAwareness).ok).toBe(true);
  });
});

describe('checkClock', () => {
  it('accepts an update clock of exactly last + 1, starting at 1', () => {
    expect(checkClock('update', 0, 1).ok).toBe(true);
    expect(checkClock('update', 41, 42).ok).toBe(true);
  });
  it('refuses an update clock that skips ahead with envelope_clock_gap', () => {
    expect(checkClock('update', 0, 2)).toMatchObject({ ok: false, code: 'envelope_clock_gap' });
    expect(checkClock('update', 41, 100)).toMatchObject({ ok: false, code: 'envelope_clock_gap' });
  });
  it('refuses a repeated or older update clock with envelope_clock_replay', () => {
    expect(checkClock('update', 41, 41)).toMatchObject({ ok: false, code: 'envelope_clock_replay' });
    expect(checkClock('update', 41, 3)).toMatchObject({ ok: false, code: 'envelope_clock_replay' });
    expect(checkClock('update', 0, 0)).toMatchObject({ ok: false, code: 'envelope_clock_replay' });
  });
  it('accepts any strictly greater ephemeral clock and refuses equal or older as replay', () => {
    expect(checkClock('ephemeral', 1000, 5000).ok).toBe(true);
    expect(checkClock('ephemeral', 1000, 1000)).toMatchObject({ ok: false, code: 'envelope_clock_replay' });
    expect(checkClock('ephemeral', 1000, 999)).toMatchObject({ ok: false, code: 'envelope_clock_replay' });
  });
  it('always accepts a snapshot clock', () => {
    expect(checkClock('snapshot', 99, 0).ok).toBe(true);
  });
});
