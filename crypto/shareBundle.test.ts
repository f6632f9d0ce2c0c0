/**
 * The share bundle: creation by role (the prof part absent for "amministrativo"), the byte
 * layout of docs/SHARING.md (checked against an independent encoder), and every refusal of
 * `parseShareBundle`, including well-signed bundles that break a rule (made with the testkit
 * forger), single-byte changes everywhere and truncation at every length.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import {
  createShareBundle,
  decodeShareBundle,
  DEFAULT_BUNDLE_VALIDITY_MS,
  MAX_BUNDLE_VALIDITY_MS,
  parseShareBundle,
  SHARE_BUNDLE_MAX_BYTES,
  shareBundleToCartellaKeys,
} from './shareBundle';
import type { CreateShareBundleInput, ShareBundle } from './shareBundle';
import { SHARE_ERROR_MESSAGES } from './shareErrors';
import { initSodium } from './sodium';
import { forgeBundle, makeShareSetup, rawEquipeBundle, signRawBundle } from './testkit/shareFixtures';
import type { RawBundle, ShareSetup } from './testkit/shareFixtures';

beforeAll(initSodium);

let setup: ShareSetup;
beforeAll(() => {
  setup = makeShareSetup();
});

function input(overrides: Partial<CreateShareBundleInput> = {}): CreateShareBundleInput {
  return {
    cartella: setup.cartella,
    role: 'equipe',
    issuer: setup.issuer,
    issuerNome: 'Giulia Bianchi',
    handover: { consenso: true },
    now: setup.now,
    ...overrides,
  };
}

function created(overrides: Partial<CreateShareBundleInput> = {}): { bytes: Uint8Array; bundle: ShareBundle } {
  const result = createShareBundle(input(overrides));
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function code(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '?');
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return toHex(haystack).includes(toHex(needle));
}

const forged = (mutate: (raw: RawBundle) => void): Uint8Array => {
  const raw = rawEquipeBundle(setup);
  mutate(raw);
  return forgeBundle(raw, setup.issuer.signPrivateKey);
};

describe('createShareBundle', () => {
  it('round-trips an équipe bundle with every epoch of both parts', () => {
    const { bytes, bundle } = created({ handover: { consenso: true, motivo: 'Trasferimento di servizio' } });
    const parsed = parseShareBundle(bytes, { now: setup.now });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual(bundle);
    expect(parsed.value.role).toBe('equipe');
    expect(parsed.value.cartellaId).toBe('cartella-0042');
    expect(parsed.value.admin.keys.map((k) => toHex(k.key))).toEqual(setup.cartella.admin.keys.map((k) => toHex(k.key)));
    expect(parsed.value.prof!.keys.map((k) => toHex(k.key))).toEqual(setup.cartella.prof!.keys.map((k) => toHex(k.key)));
    expect(parsed.value.issuer.nome).toBe('Giulia Bianchi');
    expect(parsed.value.handover).toEqual({ consenso: true, motivo: 'Trasferimento di servizio' });
    expect(parsed.value.expiresAt - parsed.value.issuedAt).toBe(DEFAULT_BUNDLE_VALIDITY_MS);
    expect(DEFAULT_BUNDLE_VALIDITY_MS).toBe(7 * 24 * 3600 * 1000);
  });

  it('leaves the prof part out of the bytes of an "amministrativo" bundle (absent, not hidden)', () => {
    const { bytes, bundle } = created({ role: 'amministrativo' });
    expect(bundle.prof).toBeUndefined();
    expect(Object.hasOwn(bundle, 'prof')).toBe(false);
    for (const { key } of setup.cartella.prof!.keys) expect(contains(bytes, key)).toBe(false);
    expect(contains(bytes, setup.cartella.prof!.roomId)).toBe(false);
    for (const { key } of setup.cartella.admin.keys) expect(contains(bytes, key)).toBe(true);
    expect(bytes[26]! & 0x01).toBe(0);
    const keys = shareBundleToCartellaKeys(bundle, new Date(setup.now));
    expect(keys.prof).toBeUndefined();
  });

  it('refuses an équipe bundle when the issuer holds no prof keys (bundle_role)', () => {
    const { prof: _prof, ...adminOnly } = setup.cartella;
    expect(code(createShareBundle(input({ cartella: adminOnly })))).toBe('bundle_role');
  });

  it('requires a written motivo when the person did not consent (bundle_motivo)', () => {
    expect(code(createShareBundle(input({ handover: { consenso: false } })))).toBe('bundle_motivo');
    expect(code(createShareBundle(input({ handover: { consenso: false, motivo: '  \n ' } })))).toBe('bundle_motivo');
    // A blank reason with consent (an untouched form field) is simply no reason.
    expect(created({ handover: { consenso: true, motivo: ' ' } }).bundle.handover).toEqual({ consenso: true });
    const ok = created({ handover: { consenso: false, motivo: 'Tutela del minore: disposizione del tribunale' } });
    expect(ok.bundle.handover).toEqual({ consenso: false, motivo: 'Tutela del minore: disposizione del tribunale' });
  });

  it('refuses a motivo over 500 code points or with control characters, and an invalid issuer name (bundle_malformed)', () => {
    expect(code(createShareBundle(input({ handover: { consenso: false, motivo: 'è'.repeat(501) } })))).toBe('bundle_malformed');
    expect(code(createShareBundle(input({ handover: { consenso: true, motivo: 'a\u0007b' } })))).toBe('bundle_malformed');
    expect(code(createShareBundle(input({ handover: { consenso: true, motivo: 'a\u202eb' } })))).toBe('bundle_malformed');
    expect(code(createShareBundle(input({ issuerNome: ' ' })))).toBe('bundle_malformed');
    expect(code(createShareBundle(input({ issuerNome: 'x'.repeat(101) })))).toBe('bundle_malformed');
    expect(created({ handover: { consenso: false, motivo: '😀'.repeat(500) } }).bundle.handover.motivo).toHaveLength(1000);
  });

  it('throws RangeError on programming errors: validity, time, role, key lengths', () => {
    expect(() => createShareBundle(input({ validityMs: MAX_BUNDLE_VALIDITY_MS + 1 }))).toThrow(RangeError);
    expect(() => createShareBundle(input({ validityMs: 0 }))).toThrow(RangeError);
    expect(() => createShareBundle(input({ now: -1 }))).toThrow(RangeError);
    expect(() => createShareBundle(input({ role: 'admin' as 'equipe' }))).toThrow(RangeError);
    expect(() => createShareBundle(input({ recipient: { signPublicKey: new Uint8Array(31), boxPublicKey: new Uint8Array(32) } }))).toThrow(RangeError);
  });

  it('gives every bundle a fresh random id', () => {
    expect(toHex(created().bundle.bundleId)).not.toBe(toHex(created().bundle.bundleId));
  });

  it('writes exactly the byte layout of docs/SHARING.md (independent encoder, deterministic Ed25519)', () => {
    const { bytes, bundle } = created({
      recipient: setup.colleague,
      handover: { consenso: false, motivo: 'Motivo scritto' },
      validityMs: 3_600_000,
    });
    const raw: RawBundle = {
      ...rawEquipeBundle(setup),
      bundleId: bundle.bundleId,
      flags: 0x01 | 0x02,
      expiresAt: setup.now + 3_600_000,
      recipient: { sign: setup.colleague.signPublicKey, box: setup.colleague.boxPublicKey },
      motivo: 'Motivo scritto',
    };
    expect(toHex(bytes)).toBe(toHex(forgeBundle(raw, setup.issuer.signPrivateKey)));
  });
});

describe('parseShareBundle: acceptance checks on this device', () => {
  it('refuses an expired bundle (bundle_expired) from expiresAt on', () => {
    const { bytes, bundle } = created();
    expect(code(parseShareBundle(bytes, { now: bundle.expiresAt - 1 }))).toBe('ok');
    expect(code(parseShareBundle(bytes, { now: bundle.expiresAt }))).toBe('bundle_expired');
  });

  it('refuses a bundle already used on this device (bundle_used)', () => {
    const { bytes, bundle } = created();
    const other = created().bundle.bundleId;
    expect(code(parseShareBundle(bytes, { now: setup.now, usedBundleIds: [other] }))).toBe('ok');
    expect(code(parseShareBundle(bytes, { now: setup.now, usedBundleIds: [other, bundle.bundleId.slice()] }))).toBe('bundle_used');
  });

  it('accepts a bound bundle only on the named device (bundle_recipient)', () => {
    const { bytes } = created({ recipient: setup.colleague });
    expect(code(parseShareBundle(bytes, { now: setup.now, me: setup.colleague }))).toBe('ok');
    expect(code(parseShareBundle(bytes, { now: setup.now, me: setup.stranger }))).toBe('bundle_recipient');
    expect(code(parseShareBundle(bytes, { now: setup.now }))).toBe('bundle_recipient');
    const halfMatch = { signPublicKey: setup.stranger.signPublicKey, boxPublicKey: setup.colleague.boxPublicKey };
    expect(code(parseShareBundle(bytes, { now: setup.now, me: halfMatch }))).toBe('bundle_recipient');
  });

  it('accepts a bearer bundle (no recipient) on any device', () => {
    const { bytes } = created();
    expect(code(parseShareBundle(bytes, { now: setup.now, me: setup.stranger }))).toBe('ok');
  });

  it('messages are the Italian sentence of the code', () => {
    const { bytes, bundle } = created();
    const result = parseShareBundle(bytes, { now: bundle.expiresAt });
    expect(result.ok ? '' : result.message).toBe(SHARE_ERROR_MESSAGES.bundle_expired);
  });
});

describe('parseShareBundle refuses well-signed bundles that break a rule', () => {
  it('accepts the forger\'s unchanged bundle (the baseline is valid)', () => {
    expect(code(parseShareBundle(forged(() => {}), { now: setup.now }))).toBe('ok');
  });

  const cases: Array<[string, string, (r: RawBundle) => void]> = [
    ['amministrativo with a prof part', 'bundle_role', (r) => (r.roleByte = 2)],
    ['équipe without a prof part', 'bundle_role', (r) => {
      delete r.prof;
      r.flags &= ~0x01;
    }],
    ['an unknown role byte', 'bundle_role', (r) => (r.roleByte = 3)],
    ['role byte 0', 'bundle_role', (r) => (r.roleByte = 0)],
    ['no consent and no motivo', 'bundle_motivo', (r) => (r.flags &= ~0x04)],
    ['version 2', 'bundle_version', (r) => (r.version = 2)],
    ['another magic', 'bundle_malformed', (r) => (r.magic = 'CRTBNDL2')],
    ['a reserved flag bit', 'bundle_malformed', (r) => (r.flags |= 0x08)],
    ['expiresAt equal to issuedAt', 'bundle_malformed', (r) => (r.expiresAt = r.issuedAt)],
    ['a validity over 30 days', 'bundle_malformed', (r) => (r.expiresAt = r.issuedAt + MAX_BUNDLE_VALIDITY_MS + 1)],
    ['a time above 2^53-1', 'bundle_malformed', (r) => {
      r.issuedAt = 2 ** 53;
      r.expiresAt = 2 ** 53 + 10;
    }],
    ['epochs out of order', 'bundle_malformed', (r) => r.admin.keys.reverse()],
    ['an epoch twice', 'bundle_malformed', (r) => (r.admin.keys[1] = { ...r.admin.keys[1]!, epoch: 1 })],
    ['epoch 0', 'bundle_malformed', (r) => (r.admin.keys = [{ epoch: 0, key: r.admin.keys[0]!.key }, r.admin.keys[1]!])],
    ['a current epoch without a key', 'bundle_malformed', (r) => (r.prof!.currentEpoch = 3)],
    ['no epochs', 'bundle_malformed', (r) => (r.admin.keys = [])],
    ['257 epochs', 'bundle_malformed', (r) => {
      r.admin.keys = Array.from({ length: 257 }, (_, i) => ({ epoch: i + 1, key: new Uint8Array(32).fill(i & 0xff) }));
    }],
    ['a cartella id of 7 characters', 'bundle_malformed', (r) => (r.cartellaId = 'abcdefg')],
    ['a cartella id with a dot', 'bundle_malformed', (r) => (r.cartellaId = 'cartella.0042')],
    ['both parts in one room', 'bundle_malformed', (r) => (r.prof!.roomId = r.admin.roomId)],
    ['an empty issuer name', 'bundle_malformed', (r) => (r.nome = '')],
    ['an issuer name with a bidi override', 'bundle_malformed', (r) => (r.nome = 'Giulia\u202e')],
    ['an issuer name of only spaces', 'bundle_malformed', (r) => (r.nome = '   ')],
    ['a motivo over 500 code points', 'bundle_malformed', (r) => (r.motivo = 'a'.repeat(501))],
    ['a motivo of only white space', 'bundle_malformed', (r) => (r.motivo = ' \n')],
    ['a small-order issuer signing key', 'bundle_malformed', (r) => (r.issuerSign = new Uint8Array(32))],
    ['a low-order issuer box key', 'bundle_malformed', (r) => (r.issuerBox = new Uint8Array(32))],
    ['a low-order recipient box key', 'bundle_malformed', (r) => {
      r.flags |= 0x02;
      r.recipient = { sign: setup.colleague.signPublicKey, box: Uint8Array.of(1, ...new Uint8Array(31)) };
    }],
  ];

  it.each(cases)('%s → %s', (_name, expected, mutate) => {
    expect(code(parseShareBundle(forged(mutate), { now: setup.now }))).toBe(expected);
  });

  it('refuses invalid UTF-8 in the issuer name (bundle_malformed)', () => {
    const bytes = forged((r) => (r.nome = 'Giulia'));
    const at = toHex(bytes).indexOf(toHex(new TextEncoder().encode('Giulia'))) / 2;
    expect(at % 1).toBe(0);
    const body = bytes.slice(0, -64);
    body[at] = 0xff;
    expect(code(parseShareBundle(signRawBundle(body, setup.issuer.signPrivateKey), { now: setup.now }))).toBe('bundle_malformed');
  });

  it('refuses a bundle signed by another key than the issuer it names (bundle_signature)', () => {
    const raw = rawEquipeBundle(setup);
    expect(code(parseShareBundle(forgeBundle(raw, setup.stranger.signPrivateKey), { now: setup.now }))).toBe('bundle_signature');
  });

  it('refuses trailing bytes (bundle_malformed) and anything longer than the bound before reading it', () => {
    const { bytes } = created();
    expect(code(decodeShareBundle(Uint8Array.from([...bytes, 0])))).toBe('bundle_malformed');
    const huge = new Uint8Array(SHARE_BUNDLE_MAX_BYTES + 1);
    huge.set(bytes);
    expect(code(decodeShareBundle(huge))).toBe('bundle_malformed');
  });
});

describe('tampering and truncation', () => {
  let bytes: Uint8Array;
  let bound: Uint8Array;
  beforeAll(() => {
    bytes = created({ handover: { consenso: false, motivo: 'Motivo' } }).bytes;
    bound = created({ recipient: setup.colleague }).bytes;
  });

  it.each([0x01, 0x80, 0xff])('refuses a change (XOR %i) of every single byte, never throwing', (mask) => {
    for (const original of [bytes, bound]) {
      for (let i = 0; i < original.length; i++) {
        const tampered = original.slice();
        tampered[i] = tampered[i]! ^ mask;
        const result = parseShareBundle(tampered, { now: setup.now, me: setup.colleague });
        expect(result.ok, `byte ${i}`).toBe(false);
      }
    }
  });

  it('refuses a change inside key material or the signature as bundle_signature', () => {
    // bundle id (9..25), issuer keys (43..107), and the last 64 bytes: no rule but the signature sees them.
    const ranges: Array<[number, number]> = [[9, 25], [43, 107], [bytes.length - 64, bytes.length]];
    for (const [from, to] of ranges) {
      for (let i = from; i < to; i++) {
        const tampered = bytes.slice();
        tampered[i] = tampered[i]! ^ 0x01;
        const result = decodeShareBundle(tampered);
        // A flipped issuer key may also stop being a valid point: then it is malformed.
        expect(['bundle_signature', ...(i >= 43 && i < 107 ? ['bundle_malformed'] : [])], `byte ${i}`).toContain(code(result));
      }
    }
  });

  it('refuses truncation at every length as bundle_truncated', () => {
    for (let length = 0; length < bytes.length; length++) {
      expect(code(decodeShareBundle(bytes.subarray(0, length))), `length ${length}`).toBe('bundle_truncated');
    }
  });

  it('never throws and never accepts random bytes, or random bytes after a valid header (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (random, withHeader) => {
        const input = withHeader ? Uint8Array.from([...bytes.subarray(0, 27), ...random]) : random;
        expect(parseShareBundle(input, { now: setup.now }).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses inputs that are not bytes as bundle_malformed', () => {
    expect(code(decodeShareBundle('CRTBNDL1' as unknown as Uint8Array))).toBe('bundle_malformed');
    expect(code(decodeShareBundle(new TextEncoder().encode('ciao mondo')))).toBe('bundle_malformed');
  });
});
