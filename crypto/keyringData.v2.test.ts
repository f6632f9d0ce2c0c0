/**
 * Keyring plaintext version 2 (hand-over): a version-1 keyring still opens (a file written by
 * the version-1 code is kept in testdata/), is read as version 2 with no used bundles and is
 * written back as version 2; the new fields (`usedBundleIds`, `settings.recoveryPublicKey`) are
 * validated, and are refused in a version-1 plaintext.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes';
import { openKeyring } from './keyring';
import { encodeKeyringData, KEYRING_DATA_VERSION, MAX_USED_BUNDLE_IDS, parseKeyringData } from './keyringData';
import type { KeyringData } from './keyringData';
import { generateRecoveryKey } from './recovery';
import { initSodium } from './sodium';
import { makeKeyringData } from './testkit/keyringFixtures';

beforeAll(initSodium);

type Json = Record<string, unknown>;

interface V1Fixture {
  passphrase: string;
  file: string;
  signPublicKey: string;
  admin0epoch2: string;
  prof0room: string;
}

const fixture = JSON.parse(readFileSync(new URL('./testdata/keyring-v1.json', import.meta.url), 'utf8')) as V1Fixture;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

let valid: KeyringData;
let validJson: Json;
beforeAll(() => {
  const base = makeKeyringData();
  valid = { ...base, usedBundleIds: [new Uint8Array(16).fill(9)], settings: { ...base.settings, recoveryPublicKey: generateRecoveryKey().publicKey } };
  validJson = JSON.parse(new TextDecoder().decode(encodeKeyringData(valid))) as Json;
});

function parsed(mutate: (j: Json) => void): string {
  const copy = structuredClone(validJson);
  mutate(copy);
  const result = parseKeyringData(utf8(JSON.stringify(copy)));
  return result.ok ? 'ok' : result.code;
}

/** The valid keyring as version 1 wrote it: no usedBundleIds, no recoveryPublicKey. */
function asV1(j: Json): void {
  j.version = 1;
  delete j.usedBundleIds;
  delete (j.settings as Json).recoveryPublicKey;
}

describe('reading version 1', () => {
  it('opens a keyring file written by the version-1 code, as version 2 with no used bundles', () => {
    const bytes = fromBase64Url(fixture.file);
    if (!bytes.ok) throw new Error('fixture');
    const opened = openKeyring(bytes.value, fixture.passphrase);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const data = opened.value.data;
    expect(data.version).toBe(2);
    expect(data.usedBundleIds).toEqual([]);
    expect(data.profile.nome).toBe('Giulia Bianchi');
    expect(data.cartelle.map((c) => c.cartellaId)).toEqual(['cartella-0001', 'cartella-0002']);
    expect(toBase64Url(data.identity.signPublicKey)).toBe(fixture.signPublicKey);
    expect(toBase64Url(data.cartelle[0]!.admin.keys[1]!.key)).toBe(fixture.admin0epoch2);
    expect(toBase64Url(data.cartelle[0]!.prof!.roomId)).toBe(fixture.prof0room);
    expect(data.cartelle[1]!.prof).toBeUndefined();
    expect(data.settings.recoveryPublicKey).toBeUndefined();
    const rewritten = JSON.parse(new TextDecoder().decode(encodeKeyringData(data))) as Json;
    expect(rewritten.version).toBe(KEYRING_DATA_VERSION);
    expect(rewritten.usedBundleIds).toEqual([]);
  });

  it('parses a version-1 plaintext made from the current one', () => {
    expect(parsed(asV1)).toBe('ok');
  });

  it('refuses the version-2 fields in a version-1 plaintext', () => {
    expect(parsed((j) => {
      asV1(j);
      j.usedBundleIds = [];
    })).toBe('keyring_malformed');
    expect(parsed((j) => {
      asV1(j);
      (j.settings as Json).recoveryPublicKey = (validJson.settings as Json).recoveryPublicKey;
    })).toBe('keyring_malformed');
  });
});

describe('version 2 fields', () => {
  it('round-trips usedBundleIds and recoveryPublicKey', () => {
    const result = parseKeyringData(encodeKeyringData(valid));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.usedBundleIds.map(toBase64Url)).toEqual(valid.usedBundleIds.map(toBase64Url));
    expect(toBase64Url(result.value.settings.recoveryPublicKey!)).toBe(toBase64Url(valid.settings.recoveryPublicKey!));
  });

  const b64 = (n: number, fill = 1): string => toBase64Url(new Uint8Array(n).fill(fill));
  const cases: Array<[string, (j: Json) => void]> = [
    ['usedBundleIds missing', (j) => delete j.usedBundleIds],
    ['usedBundleIds not an array', (j) => (j.usedBundleIds = {})],
    ['a used id of 15 bytes', (j) => (j.usedBundleIds = [b64(15)])],
    ['a used id of 17 bytes', (j) => (j.usedBundleIds = [b64(17)])],
    ['a used id twice', (j) => (j.usedBundleIds = [b64(16), b64(16)])],
    ['a used id not a string', (j) => (j.usedBundleIds = [16])],
    [`more than ${MAX_USED_BUNDLE_IDS} used ids`, (j) => {
      j.usedBundleIds = Array.from({ length: MAX_USED_BUNDLE_IDS + 1 }, (_, i) => toBase64Url(Uint8Array.from({ length: 16 }, (_, k) => (k < 2 ? (i >> (8 * k)) & 0xff : 0))));
    }],
    ['recoveryPublicKey of 31 bytes', (j) => ((j.settings as Json).recoveryPublicKey = b64(31))],
    ['recoveryPublicKey a low-order point (all zero)', (j) => ((j.settings as Json).recoveryPublicKey = b64(32, 0))],
    ['recoveryPublicKey null', (j) => ((j.settings as Json).recoveryPublicKey = null)],
  ];

  it.each(cases)('refuses %s as keyring_malformed', (_name, mutate) => {
    expect(parsed(mutate)).toBe('keyring_malformed');
  });

  it(`accepts exactly ${MAX_USED_BUNDLE_IDS} used ids`, () => {
    expect(parsed((j) => {
      j.usedBundleIds = Array.from({ length: MAX_USED_BUNDLE_IDS }, (_, i) => toBase64Url(Uint8Array.from({ length: 16 }, (_, k) => (k < 2 ? (i >> (8 * k)) & 0xff : 0))));
    })).toBe('ok');
  });
});
