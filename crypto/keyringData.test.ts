/**
 * The keyring plaintext: its encoding, the one validating parser (every malformed field is
 * refused, random JSON never throws), and the helpers that add and find cartelle.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, toHex } from './bytes';
import { generateDeviceIdentity } from './identity';
import { generateRoomId } from './keys';
import {
  addCartellaKeys,
  DEFAULT_LOCK_AFTER_MINUTES,
  encodeKeyringData,
  findCartellaKeys,
  newKeyringData,
  parseKeyringData,
} from './keyringData';
import type { KeyringData } from './keyringData';
import { initSodium } from './sodium';
import { makeCartella, makeKeyringData } from './testkit/keyringFixtures';

beforeAll(initSodium);

type Json = Record<string, unknown>;

let valid: KeyringData;
let validJson: Json;
beforeAll(() => {
  valid = makeKeyringData();
  validJson = JSON.parse(new TextDecoder().decode(encodeKeyringData(valid))) as Json;
});

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The valid keyring's JSON with `mutate` applied to a deep copy. */
function mutated(mutate: (j: Json) => void): Uint8Array {
  const copy = structuredClone(validJson);
  mutate(copy);
  return utf8(JSON.stringify(copy));
}

/** Walks a path such as "cartelle.0.admin.keys" through nested objects and arrays. */
function at(j: Json, path: string): Json {
  return path.split('.').reduce<Json>((o, k) => o[k] as Json, j);
}

function b64(length: number): string {
  return toBase64Url(new Uint8Array(length).fill(1));
}

describe('encodeKeyringData / parseKeyringData', () => {
  it('round-trips byte for byte, with byte fields in base64url', () => {
    const encoded = encodeKeyringData(valid);
    const parsed = parseKeyringData(encoded);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(toHex(encodeKeyringData(parsed.value))).toBe(toHex(encoded));
    const text = new TextDecoder().decode(encoded);
    expect(text).toContain(`"signPublicKey":"${toBase64Url(valid.identity.signPublicKey)}"`);
    expect(text).toContain(`"roomId":"${toBase64Url(valid.cartelle[0]!.admin.roomId)}"`);
    expect(parsed.value.cartelle[1]!.prof).toBeUndefined();
    expect(Object.hasOwn(parsed.value.cartelle[1]!, 'prof')).toBe(false);
  });

  it('returns fresh plain objects, not the parsed JSON', () => {
    const parsed = parseKeyringData(encodeKeyringData(valid));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
    expect(parsed.value.identity.signPrivateKey).toBeInstanceOf(Uint8Array);
    expect(parsed.value.identity.signPrivateKey).not.toBe(valid.identity.signPrivateKey);
  });

  it('accepts the optional fields absent and dates with an offset', () => {
    const parsed = parseKeyringData(
      mutated((j) => {
        j.settings = { lockAfterMinutes: 240 };
        at(j, 'profile').createdAt = '2025-03-01T09:00:00+01:00';
        j.cartelle = [];
      }),
    );
    expect(parsed.ok).toBe(true);
  });

  it('encodeKeyringData throws RangeError naming the field when the data would not parse', () => {
    expect(() => encodeKeyringData({ ...valid, profile: { ...valid.profile, nome: 'x'.repeat(101) } })).toThrow(/profile\.nome/);
    expect(() => encodeKeyringData({ ...valid, identity: { ...valid.identity, boxPublicKey: new Uint8Array(31) } })).toThrow(RangeError);
    expect(() => encodeKeyringData(null as unknown as KeyringData)).toThrow(RangeError);
  });
});

describe('parseKeyringData refuses each malformed field', () => {
  const other = (): Json => JSON.parse(new TextDecoder().decode(encodeKeyringData(makeKeyringData()))) as Json;
  const cases: Array<[string, (j: Json) => void]> = [
    ['version 3', (j) => (j.version = 3)],
    ['version 0', (j) => (j.version = 0)],
    ['version "1"', (j) => (j.version = '1')],
    ['version missing', (j) => delete j.version],
    ['an unknown top-level key', (j) => (j.extra = true)],
    ['profile missing', (j) => delete j.profile],
    ['profile an array', (j) => (j.profile = [])],
    ['nome empty', (j) => (at(j, 'profile').nome = '')],
    ['nome only spaces', (j) => (at(j, 'profile').nome = '   ')],
    ['nome of 101 characters', (j) => (at(j, 'profile').nome = 'à'.repeat(101))],
    ['nome with a control character', (j) => (at(j, 'profile').nome = 'Giulia\u0000')],
    ['nome with a bidi override', (j) => (at(j, 'profile').nome = 'Giulia\u202e')],
    ['nome with a lone surrogate', (j) => (at(j, 'profile').nome = 'Giulia\ud800')],
    ['nome a number', (j) => (at(j, 'profile').nome = 42)],
    ['ruolo unknown', (j) => (at(j, 'profile').ruolo = 'admin')],
    ['createdAt not a date', (j) => (at(j, 'profile').createdAt = 'ieri')],
    ['createdAt 30 February', (j) => (at(j, 'profile').createdAt = '2024-02-30T10:00:00.000Z')],
    ['createdAt without a time zone', (j) => (at(j, 'profile').createdAt = '2024-02-03T10:00:00')],
    ['createdAt a date only', (j) => (at(j, 'profile').createdAt = '2024-02-03')],
    ['createdAt hour 24', (j) => (at(j, 'profile').createdAt = '2024-02-03T24:00:00Z')],
    ['createdAt a number', (j) => (at(j, 'profile').createdAt = 1700000000000)],
    ['an unknown profile key', (j) => (at(j, 'profile').email = 'x@y.it')],
    ['identity missing', (j) => delete j.identity],
    ['signPublicKey 31 bytes', (j) => (at(j, 'identity').signPublicKey = b64(31))],
    ['signPrivateKey 63 bytes', (j) => (at(j, 'identity').signPrivateKey = b64(63))],
    ['boxPublicKey 33 bytes', (j) => (at(j, 'identity').boxPublicKey = b64(33))],
    ['boxPrivateKey 31 bytes', (j) => (at(j, 'identity').boxPrivateKey = b64(31))],
    ['signPublicKey padded base64', (j) => (at(j, 'identity').signPublicKey = `${at(j, 'identity').signPublicKey as string}=`)],
    ['signPublicKey in standard base64 (+ /)', (j) => (at(j, 'identity').signPublicKey = '+/' + (at(j, 'identity').signPublicKey as string).slice(2))],
    ['signPublicKey of another identity', (j) => (at(j, 'identity').signPublicKey = at(other(), 'identity').signPublicKey)],
    ['signPrivateKey of another identity', (j) => (at(j, 'identity').signPrivateKey = at(other(), 'identity').signPrivateKey)],
    [
      'signPrivateKey whose seed does not give the public key it carries',
      (j) => {
        const mine = at(j, 'identity');
        const theirs = at(other(), 'identity');
        // their seed | my public key: the suffix matches, the seed does not.
        const seed = Buffer.from(theirs.signPrivateKey as string, 'base64url').subarray(0, 32);
        const pub = Buffer.from(mine.signPublicKey as string, 'base64url');
        mine.signPrivateKey = Buffer.concat([seed, pub]).toString('base64url');
      },
    ],
    ['boxPublicKey of another identity', (j) => (at(j, 'identity').boxPublicKey = at(other(), 'identity').boxPublicKey)],
    ['an unknown identity key', (j) => (at(j, 'identity').note = '')],
    ['cartelle not an array', (j) => (j.cartelle = {})],
    ['a cartella null', (j) => (j.cartelle = [null])],
    ['cartellaId duplicated', (j) => (at(j, 'cartelle.1').cartellaId = at(j, 'cartelle.0').cartellaId)],
    ['cartellaId too short', (j) => (at(j, 'cartelle.0').cartellaId = 'abc')],
    ['cartellaId with a slash', (j) => (at(j, 'cartelle.0').cartellaId = 'cartella/0001')],
    ['cartellaId a number', (j) => (at(j, 'cartelle.0').cartellaId = 12345678)],
    ['admin missing', (j) => delete at(j, 'cartelle.0').admin],
    ['prof null', (j) => (at(j, 'cartelle.0').prof = null)],
    ['roomId 15 bytes', (j) => (at(j, 'cartelle.0.admin').roomId = b64(15))],
    ['roomId 17 bytes', (j) => (at(j, 'cartelle.0.prof').roomId = b64(17))],
    ['roomId shared by admin and prof', (j) => (at(j, 'cartelle.0.prof').roomId = at(j, 'cartelle.0.admin').roomId)],
    ['roomId shared by two cartelle', (j) => (at(j, 'cartelle.1.admin').roomId = at(j, 'cartelle.0.admin').roomId)],
    ['currentEpoch 0', (j) => (at(j, 'cartelle.0.admin').currentEpoch = 0)],
    ['currentEpoch 1.5', (j) => (at(j, 'cartelle.0.admin').currentEpoch = 1.5)],
    ['currentEpoch with no key', (j) => (at(j, 'cartelle.0.admin').currentEpoch = 3)],
    ['keys empty', (j) => (at(j, 'cartelle.1.admin').keys = [])],
    ['a key of 31 bytes', (j) => (at(j, 'cartelle.0.admin.keys.0').key = b64(31))],
    ['a key of 33 bytes', (j) => (at(j, 'cartelle.0.admin.keys.1').key = b64(33))],
    ['a key missing', (j) => delete at(j, 'cartelle.0.admin.keys.0').key],
    ['an epoch twice', (j) => (at(j, 'cartelle.0.admin.keys.0').epoch = 2)],
    ['an epoch above 2^32-1', (j) => (at(j, 'cartelle.0.admin.keys.0').epoch = 2 ** 32)],
    ['an epoch negative', (j) => (at(j, 'cartelle.0.admin.keys.0').epoch = -1)],
    ['an unknown key-entry key', (j) => (at(j, 'cartelle.0.admin.keys.0').alg = 'x')],
    ['an unknown part key', (j) => (at(j, 'cartelle.0.admin').extra = 1)],
    ['addedAt invalid', (j) => (at(j, 'cartelle.0').addedAt = '2025-13-01T00:00:00Z')],
    ['settings missing', (j) => delete j.settings],
    ['lockAfterMinutes missing', (j) => delete at(j, 'settings').lockAfterMinutes],
    ['lockAfterMinutes 0', (j) => (at(j, 'settings').lockAfterMinutes = 0)],
    ['lockAfterMinutes 241', (j) => (at(j, 'settings').lockAfterMinutes = 241)],
    ['lockAfterMinutes 15.5', (j) => (at(j, 'settings').lockAfterMinutes = 15.5)],
    ['lockAfterMinutes "15"', (j) => (at(j, 'settings').lockAfterMinutes = '15')],
    ['enteName a number', (j) => (at(j, 'settings').enteName = 1)],
    ['enteName of 201 characters', (j) => (at(j, 'settings').enteName = 'a'.repeat(201))],
    ['enteName with a line break', (j) => (at(j, 'settings').enteName = 'Comune\ndi Esempio')],
    ['enteAddress with a tab', (j) => (at(j, 'settings').enteAddress = 'Via\tRoma')],
    ['enteAddress of 501 characters', (j) => (at(j, 'settings').enteAddress = 'a'.repeat(501))],
    ['an unknown settings key', (j) => (at(j, 'settings').theme = 'dark')],
  ];

  it.each(cases)('%s', (_name, mutate) => {
    const result = parseKeyringData(mutated(mutate));
    expect(result.ok ? 'ok' : result.code).toBe('keyring_malformed');
  });

  it('names the offending field in the message', () => {
    const result = parseKeyringData(mutated((j) => (at(j, 'cartelle.0.admin.keys.0').key = b64(31))));
    expect(result.ok ? '' : result.message).toContain('keyring.cartelle[0].admin.keys[0].key');
  });

  it('refuses a __proto__ key at any level instead of following it', () => {
    const text = new TextDecoder().decode(encodeKeyringData(valid));
    for (const [from, to] of [
      ['{"version":2,', '{"__proto__":{"polluted":true},"version":2,'],
      ['"settings":{', '"settings":{"__proto__":{"enteName":"x"},'],
      ['"profile":{', '"profile":{"__proto__":null,'],
      ['"admin":{', '"admin":{"constructor":{},'],
    ] as const) {
      const result = parseKeyringData(utf8(text.replace(from, to)));
      expect(result.ok ? 'ok' : result.code, to).toBe('keyring_malformed');
    }
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('refuses bytes that are not UTF-8 JSON of an object', () => {
    const text = new TextDecoder().decode(encodeKeyringData(valid));
    const inputs: Uint8Array[] = [
      new Uint8Array(0),
      utf8('null'),
      utf8('[]'),
      utf8('"keyring"'),
      utf8(text.slice(0, -1)),
      utf8(`\ufeff${text}`), // a BOM
      Uint8Array.from([...utf8(text.slice(0, 20)), 0xff, ...utf8(text.slice(20))]), // invalid UTF-8
      utf8(`${text}x`),
    ];
    for (const input of inputs) expect(parseKeyringData(input)).toMatchObject({ ok: false, code: 'keyring_malformed' });
    expect(parseKeyringData('{}' as unknown as Uint8Array)).toMatchObject({ ok: false, code: 'keyring_malformed' });
  });

  it('never throws on random JSON (fast-check)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const result = parseKeyringData(utf8(text));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when any field of a valid keyring is replaced by random JSON (fast-check)', () => {
    /** Every path to a value in the valid JSON. */
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]): void => {
      paths.push(path);
      if (typeof v === 'object' && v !== null) for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
    };
    walk(validJson, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), fc.boolean(), (path, value, remove) => {
        const copy = structuredClone(validJson);
        const parent = path.slice(0, -1).reduce<Json>((o, k) => o[k] as Json, copy);
        const key = path[path.length - 1] as string;
        if (remove) delete parent[key];
        else parent[key] = value;
        const result = parseKeyringData(utf8(JSON.stringify(copy)));
        // Removing or replacing a field can only keep the keyring valid where the field is optional
        // or the random value happens to be valid: never an exception.
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on random bytes (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(parseKeyringData(bytes).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips any valid nome and settings (fast-check)', () => {
    const nome = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
      .filter((s) => s.trim() !== '' && !/[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u.test(s) && [...s].length <= 100);
    fc.assert(
      fc.property(nome, fc.integer({ min: 1, max: 240 }), (n, minutes) => {
        const data: KeyringData = { ...valid, profile: { ...valid.profile, nome: n }, settings: { lockAfterMinutes: minutes } };
        const parsed = parseKeyringData(encodeKeyringData(data));
        expect(parsed.ok && parsed.value.profile.nome === n && parsed.value.settings.lockAfterMinutes === minutes).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('newKeyringData', () => {
  it('makes an empty keyring with lockAfterMinutes 15 and createdAt = now', () => {
    const result = newKeyringData({ nome: 'Marco Rossi', ruolo: 'amministrativo' }, generateDeviceIdentity(), new Date('2025-05-06T07:08:09.000Z'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.cartelle).toEqual([]);
    expect(result.value.settings).toEqual({ lockAfterMinutes: DEFAULT_LOCK_AFTER_MINUTES });
    expect(result.value.usedBundleIds).toEqual([]);
    expect(DEFAULT_LOCK_AFTER_MINUTES).toBe(15);
    expect(result.value.profile).toEqual({ nome: 'Marco Rossi', ruolo: 'amministrativo', createdAt: '2025-05-06T07:08:09.000Z' });
  });

  it('refuses an invalid nome or ruolo as a Result', () => {
    const id = generateDeviceIdentity();
    expect(newKeyringData({ nome: ' ', ruolo: 'responsabile' }, id, new Date())).toMatchObject({ ok: false, code: 'keyring_malformed' });
    expect(newKeyringData({ nome: 'Ada', ruolo: 'capo' as 'responsabile' }, id, new Date())).toMatchObject({ ok: false, code: 'keyring_malformed' });
  });
});

describe('addCartellaKeys / findCartellaKeys', () => {
  it('appends an entry, returns a new keyring and leaves the old one unchanged', () => {
    const entry = makeCartella('cartella-0003');
    const added = addCartellaKeys(valid, entry);
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.value.cartelle.map((c) => c.cartellaId)).toEqual(['cartella-0001', 'cartella-0002', 'cartella-0003']);
    expect(valid.cartelle).toHaveLength(2);
    expect(toHex(findCartellaKeys(added.value, 'cartella-0003')!.admin.keys[0]!.key)).toBe(toHex(entry.admin.keys[0]!.key));
    expect(findCartellaKeys(valid, 'cartella-0003')).toBeUndefined();
    expect(findCartellaKeys(valid, 'cartella-0001')).toBe(valid.cartelle[0]);
  });

  it('refuses a cartella already held as keyring_duplicate_cartella', () => {
    const result = addCartellaKeys(valid, makeCartella('cartella-0002'));
    expect(result).toMatchObject({ ok: false, code: 'keyring_duplicate_cartella' });
  });

  it('refuses an invalid entry, or one reusing a room, as keyring_malformed (never throws)', () => {
    const shortKey = makeCartella('cartella-0004');
    const bad = { ...shortKey, admin: { ...shortKey.admin, keys: [{ epoch: 1, key: new Uint8Array(16) }] } };
    expect(addCartellaKeys(valid, bad)).toMatchObject({ ok: false, code: 'keyring_malformed' });
    const reused = { ...makeCartella('cartella-0005'), admin: { ...valid.cartelle[0]!.admin } };
    expect(addCartellaKeys(valid, reused)).toMatchObject({ ok: false, code: 'keyring_malformed' });
    const noRoom = { ...makeCartella('cartella-0006'), admin: { roomId: generateRoomId(), currentEpoch: 2, keys: [] } };
    expect(addCartellaKeys(valid, noRoom)).toMatchObject({ ok: false, code: 'keyring_malformed' });
    expect(addCartellaKeys(valid, null as unknown as typeof shortKey)).toMatchObject({ ok: false });
  });
});
