/**
 * The passphrase-sealed layout shared by the keyring, the share file and the backup: a format
 * descriptor is 8 printable ASCII bytes and a version byte, and one format never opens another's
 * file (the magic is checked before anything else). The layout itself is tested through the
 * keyring (keyring*.test.ts), whose tests run unchanged on this code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { derivePassphraseWrap, openPassphraseBox, passphraseBoxFormat, sealPassphraseBox } from './passphraseBox';
import { initSodium } from './sodium';
import { countArgon2, FAST_PARAMS } from './testkit/keyringFixtures';

beforeAll(initSodium);

describe('passphraseBoxFormat', () => {
  it('refuses a magic that is not 8 printable ASCII characters, or a version that is not a byte', () => {
    for (const magic of ['CRTX', 'CRTXXXXX1', 'CRTÈXXX1', 'CRT\nXXX1']) expect(() => passphraseBoxFormat(magic, 1), magic).toThrow(RangeError);
    for (const version of [-1, 256, 1.5]) expect(() => passphraseBoxFormat('CRTTEST1', version)).toThrow(RangeError);
  });

  it('opens its own files and refuses another format\'s as malformed, before hashing', () => {
    const a = passphraseBoxFormat('CRTTESTA', 1);
    const b = passphraseBoxFormat('CRTTESTB', 1);
    const wrap = derivePassphraseWrap('una frase qualsiasi per il test', FAST_PARAMS);
    const file = sealPassphraseBox(a, new TextEncoder().encode('contenuto'), wrap);
    const opened = openPassphraseBox(a, file, 'una frase qualsiasi per il test');
    expect(opened.ok && new TextDecoder().decode(opened.value.plaintext)).toBe('contenuto');
    const argon2 = countArgon2();
    expect(openPassphraseBox(b, file, 'una frase qualsiasi per il test')).toMatchObject({ ok: false, code: 'malformed' });
    expect(openPassphraseBox(passphraseBoxFormat('CRTTESTA', 2), file, 'x')).toMatchObject({ ok: false, code: 'version' });
    expect(argon2).not.toHaveBeenCalled();
    argon2.mockRestore();
  });
});
