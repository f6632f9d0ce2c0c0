/**
 * Tampering and truncation of a sealed keyring. The expected code of each change is derived
 * from docs/KEYRING.md, not from the parser, and every refusal that the header alone decides
 * must come before Argon2 (checked with a counter on libsodium's crypto_pwhash, not a clock).
 */
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { deriveKeyringWrap, openKeyring, sealKeyring } from './keyring';
import { padBucket } from './padding';
import { initSodium } from './sodium';
import { countArgon2, FAST_PARAMS, makeKeyringData } from './testkit/keyringFixtures';

beforeAll(initSodium);
afterEach(() => {
  vi.restoreAllMocks();
});

const PASS = 'frase di prova abbastanza lunga';
/** Field ranges written out from docs/KEYRING.md, independently of keyring.ts. */
const SPEC = { magic: [0, 8], version: 8, kdf: 9, opslimit: [10, 14], memlimit: [14, 18], salt: [18, 34], nonce: [34, 58], ciphertext: 58 } as const;

let file: Uint8Array;
beforeAll(() => {
  file = sealKeyring(makeKeyringData(), deriveKeyringWrap(PASS, FAST_PARAMS));
});

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(at);
}

/** The refusal docs/KEYRING.md predicts for the file with byte `index` XORed with `mask`, and whether Argon2 runs. */
function expected(tampered: Uint8Array, index: number): { code: string; argon2: boolean } {
  if (index < SPEC.magic[1]) return { code: 'keyring_malformed', argon2: false };
  if (index === SPEC.version) return { code: 'keyring_version', argon2: false };
  if (index === SPEC.kdf) return { code: 'keyring_params', argon2: false };
  if (index < SPEC.memlimit[1]) {
    const ops = u32(tampered, SPEC.opslimit[0]);
    const mem = u32(tampered, SPEC.memlimit[0]);
    const inWindow = ops >= 1 && ops <= 10 && mem >= 8 * 1024 && mem <= 1024 * 1024;
    // Parameters still in the window derive another key: indistinguishable from a wrong passphrase.
    return inWindow ? { code: 'keyring_passphrase', argon2: true } : { code: 'keyring_params', argon2: false };
  }
  // salt, nonce, ciphertext: all authenticated (salt through the key, header as additional data).
  return { code: 'keyring_passphrase', argon2: true };
}

describe('a changed byte anywhere is refused with the predicted code', () => {
  let argon2: MockInstance;

  it.each([0x01, 0x80])('XOR %i on every byte of the header and of the first and last ciphertext bytes', (mask) => {
    const indices = [...Array.from({ length: 58 + 4 }, (_, i) => i), file.length - 17, file.length - 1];
    for (const index of indices) {
      const tampered = file.slice();
      tampered[index] = (tampered[index] as number) ^ mask;
      const want = expected(tampered, index);
      argon2 = countArgon2();
      const opened = openKeyring(tampered, PASS);
      expect(opened.ok ? 'ok' : opened.code, `byte ${index}`).toBe(want.code);
      expect(argon2.mock.calls.length, `Argon2 runs for byte ${index}`).toBe(want.argon2 ? 1 : 0);
      argon2.mockRestore();
    }
  });

  it('refuses a version byte of 0, 2 or 255 as keyring_version before anything else is read', () => {
    argon2 = countArgon2();
    for (const version of [0, 2, 255]) {
      const tampered = file.slice();
      tampered[SPEC.version] = version;
      expect(openKeyring(tampered, PASS)).toMatchObject({ ok: false, code: 'keyring_version' });
      // A future version may have a shorter header: the version is still reported.
      expect(openKeyring(tampered.subarray(0, 9), PASS)).toMatchObject({ ok: false, code: 'keyring_version' });
    }
    expect(argon2).not.toHaveBeenCalled();
  });

  it('refuses any other magic as keyring_malformed', () => {
    argon2 = countArgon2();
    for (const magic of ['CRTKEYR2', 'crtkeyr1', '\0\0\0\0\0\0\0\0']) {
      const tampered = file.slice();
      tampered.set(new TextEncoder().encode(magic), 0);
      expect(openKeyring(tampered, PASS)).toMatchObject({ ok: false, code: 'keyring_malformed' });
    }
    expect(argon2).not.toHaveBeenCalled();
  });
});

describe('truncation and extension', () => {
  /** A truncated ciphertext whose padded length is still a bucket cannot be told from tampering. */
  function isBucket(n: number): boolean {
    return n >= 64 && padBucket(n - 1) === n;
  }

  it('truncated at every length: keyring_malformed without Argon2, except at a size-bucket boundary (then keyring_passphrase)', () => {
    const argon2 = countArgon2();
    let hashed = 0;
    for (let length = 0; length < file.length; length++) {
      const truncated = file.slice(0, length);
      let result: ReturnType<typeof openKeyring> | undefined;
      expect(() => {
        result = openKeyring(truncated, PASS);
      }, `length ${length}`).not.toThrow();
      const atBucket = length >= 58 + 16 && isBucket(length - 58 - 16);
      if (atBucket) hashed++;
      expect(result?.ok ? 'ok' : result?.code, `length ${length}`).toBe(atBucket ? 'keyring_passphrase' : 'keyring_malformed');
    }
    expect(argon2).toHaveBeenCalledTimes(hashed);
    expect(hashed).toBeLessThan(10); // only the few smaller buckets
  });

  it('refuses trailing bytes as keyring_malformed without Argon2', () => {
    const argon2 = countArgon2();
    for (const extra of [1, 16, 64]) {
      const longer = new Uint8Array(file.length + extra);
      longer.set(file);
      expect(openKeyring(longer, PASS)).toMatchObject({ ok: false, code: 'keyring_malformed' });
    }
    expect(argon2).not.toHaveBeenCalled();
  });

  it('never throws on random bytes, and random bytes with a valid header are refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (random, withHeader) => {
        const bytes = withHeader ? Uint8Array.from([...file.subarray(0, 58), ...random]) : random;
        const opened = openKeyring(bytes, PASS);
        expect(opened.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
