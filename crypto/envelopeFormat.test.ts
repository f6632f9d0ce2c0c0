import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { encodeEnvelopeHeader, parseEnvelope } from './envelopeFormat';
import type { EnvelopeHeader } from './envelopeFormat';
import { generateDeviceIdentity } from './identity';
import { openEnvelope } from './openEnvelope';
import { sealEnvelope } from './sealEnvelope';
import { initSodium } from './sodium';
import { makeWorld, resign, sampleSnapshot, seal, SPEC } from './testkit/envelopeFixtures';
import type { EnvelopeWorld } from './testkit/envelopeFixtures';

beforeAll(initSodium);

let world: EnvelopeWorld;
beforeAll(() => {
  world = makeWorld();
});

/** A validly signed snapshot whose bytes were edited, so only the shape rules can refuse it. */
function editedSnapshot(edit: (bytes: Uint8Array) => void): Uint8Array {
  const bytes = seal(world, { kind: 'snapshot' });
  edit(bytes);
  return resign(bytes, world.author.signPrivateKey);
}

describe('parseEnvelope shape rules (envelope_malformed, envelope_version, envelope_kind)', () => {
  it('refuses anything shorter than 198 bytes as malformed', () => {
    expect(parseEnvelope(new Uint8Array(197))).toMatchObject({ ok: false, code: 'envelope_malformed' });
  });

  it('checks the version before the kind and the kind before the layout', () => {
    const junk = new Uint8Array(198).fill(0xff);
    expect(parseEnvelope(junk)).toMatchObject({ code: 'envelope_version' });
    junk[0] = 1;
    expect(parseEnvelope(junk)).toMatchObject({ code: 'envelope_kind' });
    junk[1] = 0;
    expect(parseEnvelope(junk)).toMatchObject({ code: 'envelope_kind' });
    junk[1] = 1;
    expect(parseEnvelope(junk)).toMatchObject({ code: 'envelope_malformed' }); // clock 0xff.. > 2^53-1
  });

  it('refuses a clock above 2^53-1 and accepts exactly 2^53-1', () => {
    const max = seal(world, { kind: 'ephemeral', clock: Number.MAX_SAFE_INTEGER });
    expect(openEnvelope(max, world.expect).ok).toBe(true);
    max[SPEC.clock + 1] = 0x20; // 2^53
    expect(parseEnvelope(resign(max, world.author.signPrivateKey))).toMatchObject({ code: 'envelope_malformed' });
  });

  it('refuses a snapshot whose clock is not 0', () => {
    const bytes = editedSnapshot((b) => (b[SPEC.clock + 7] = 1));
    expect(parseEnvelope(bytes)).toMatchObject({ ok: false, code: 'envelope_malformed' });
  });

  it('refuses a snapshot whose covered authors are not ascending', () => {
    const bytes = editedSnapshot((b) => {
      const first = b.slice(104, 144);
      b.copyWithin(104, 144, 184);
      b.set(first, 144);
    });
    expect(parseEnvelope(bytes)).toMatchObject({ ok: false, code: 'envelope_malformed' });
  });

  it('refuses a snapshot that names the same covered author twice', () => {
    const bytes = editedSnapshot((b) => b.copyWithin(144, 104, 136));
    expect(parseEnvelope(bytes)).toMatchObject({ ok: false, code: 'envelope_malformed' });
  });

  it('refuses a snapshot whose covered-clock count overruns the envelope', () => {
    const bytes = editedSnapshot((b) => (b[102] = 0xff));
    expect(parseEnvelope(bytes)).toMatchObject({ ok: false, code: 'envelope_malformed' });
  });

  it('refuses a snapshot whose covers or covered clock exceeds 2^53-1', () => {
    expect(parseEnvelope(editedSnapshot((b) => (b[94] = 0x80)))).toMatchObject({ code: 'envelope_malformed' });
    expect(parseEnvelope(editedSnapshot((b) => (b[136] = 0x01)))).toMatchObject({ code: 'envelope_malformed' });
  });

  it('accepts a snapshot with no covered clocks and a first-snapshot (all-zero) parent', () => {
    const snapshot = { ...sampleSnapshot(), coveredClocks: [] };
    const bytes = seal(world, { kind: 'snapshot', snapshot });
    const opened = openEnvelope(bytes, world.expect);
    expect(opened.ok && opened.value.header.snapshot?.coveredClocks.length).toBe(0);
    expect(bytes.length).toBe(104 + 24 + 80 + 32 + 64);
  });

  it('returns views into the input rather than copies', () => {
    const bytes = seal(world);
    const p = parseEnvelope(bytes);
    if (!p.ok) throw new Error(p.message);
    expect(p.value.ciphertext.buffer).toBe(bytes.buffer);
    expect(p.value.header.author.buffer).toBe(bytes.buffer);
    expect(p.value.signed.length).toBe(bytes.length - 64);
  });

  it('parses an envelope that sits at an offset inside a larger buffer', () => {
    const bytes = seal(world, { kind: 'snapshot' });
    const frame = new Uint8Array(bytes.length + 10);
    frame.set(bytes, 7);
    const opened = openEnvelope(frame.subarray(7, 7 + bytes.length), world.expect);
    expect(opened.ok && opened.value.header.snapshot?.covers).toBe(4242);
  });
});

describe('encodeEnvelopeHeader and sealEnvelope refuse what the format cannot express', () => {
  const base = (): EnvelopeHeader => ({
    version: 1,
    kind: 'update',
    roomId: world.roomId,
    epoch: 1,
    author: world.author.signPublicKey,
    clock: 1,
  });

  it('throws on a clock above 2^53-1, an epoch above 2^32-1 or a short author', () => {
    expect(() => encodeEnvelopeHeader({ ...base(), clock: 2 ** 53 })).toThrow(RangeError);
    expect(() => encodeEnvelopeHeader({ ...base(), epoch: 2 ** 32 })).toThrow(RangeError);
    expect(() => encodeEnvelopeHeader({ ...base(), author: new Uint8Array(31) })).toThrow(RangeError);
  });

  it('throws on a snapshot part on an update, a snapshot without one, or a snapshot clock not 0', () => {
    expect(() => encodeEnvelopeHeader({ ...base(), snapshot: sampleSnapshot() })).toThrow(RangeError);
    expect(() => encodeEnvelopeHeader({ ...base(), kind: 'snapshot', clock: 0 })).toThrow(RangeError);
    expect(() => encodeEnvelopeHeader({ ...base(), kind: 'snapshot', snapshot: sampleSnapshot() })).toThrow(RangeError);
  });

  it('throws on covered authors that are unsorted or repeated', () => {
    const s = sampleSnapshot();
    const reversed = { ...s, coveredClocks: [...s.coveredClocks].reverse() };
    const repeated = { ...s, coveredClocks: [s.coveredClocks[0]!, s.coveredClocks[0]!] };
    for (const snapshot of [reversed, repeated]) {
      expect(() => encodeEnvelopeHeader({ ...base(), kind: 'snapshot', clock: 0, snapshot })).toThrow(RangeError);
    }
  });

  it('writes any version byte so tests can build foreign versions', () => {
    expect(toHex(encodeEnvelopeHeader({ ...base(), version: 2 }).subarray(0, 2))).toBe('0201');
  });

  it('throws when the signing key does not belong to the author public key', () => {
    const other = generateDeviceIdentity();
    const author = { signPublicKey: world.author.signPublicKey, signPrivateKey: other.signPrivateKey };
    const input = { kind: 'update' as const, roomId: world.roomId, epoch: 1, clock: 1, subkeys: world.subkeys };
    expect(() => sealEnvelope({ ...input, author, plaintext: new Uint8Array(1) })).toThrow(RangeError);
  });
});
