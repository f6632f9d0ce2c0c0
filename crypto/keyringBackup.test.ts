/**
 * The keyring backup file: round trip to a "new laptop", its own magic (neither a keyring nor a
 * share file opens as a backup), wrong passphrase, the Argon2 window checked before hashing,
 * every header byte changed, truncation at every length, and the passphrase floor on export.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { toHex, writeU32 } from './bytes';
import { deriveKeyringWrap, openKeyring, sealKeyring } from './keyring';
import { defaultBackupParams, exportKeyringBackup, importKeyringBackup } from './keyringBackup';
import { encodeKeyringData } from './keyringData';
import type { KeyringData } from './keyringData';
import { generateRecoveryKey } from './recovery';
import { initSodium } from './sodium';
import { countArgon2, FAST_PARAMS, makeKeyringData } from './testkit/keyringFixtures';

beforeAll(initSodium);
afterEach(() => {
  vi.restoreAllMocks();
});

const BACKUP_PASS = 'ombrello rosso sul tram 14';

function code(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '?');
}

let data: KeyringData;
let file: Uint8Array;
beforeAll(() => {
  const base = makeKeyringData();
  data = {
    ...base,
    usedBundleIds: [new Uint8Array(16).fill(3)],
    settings: { ...base.settings, recoveryPublicKey: generateRecoveryKey().publicKey },
  };
  file = exportKeyringBackup(data, BACKUP_PASS, FAST_PARAMS);
});

describe('exportKeyringBackup / importKeyringBackup', () => {
  it('round-trips the whole keyring (identity, cartelle, used bundles, settings) and can be sealed on the new device', () => {
    expect(new TextDecoder().decode(file.subarray(0, 8))).toBe('CRTBACK1');
    const imported = importKeyringBackup(file, BACKUP_PASS);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(toHex(encodeKeyringData(imported.value))).toBe(toHex(encodeKeyringData(data)));
    const local = sealKeyring(imported.value, deriveKeyringWrap('frase del nuovo portatile', FAST_PARAMS));
    expect(code(openKeyring(local, 'frase del nuovo portatile'))).toBe('ok');
  });

  it('defaults to MODERATE Argon2 (opslimit 3, 256 MiB), inside the window', () => {
    expect(defaultBackupParams()).toEqual({ opslimit: 3, memlimitKiB: 256 * 1024 });
  });

  it('refuses a wrong passphrase as backup_passphrase', () => {
    expect(code(importKeyringBackup(file, 'ombrello rosso sul tram 15'))).toBe('backup_passphrase');
    expect(code(importKeyringBackup(file, ''))).toBe('backup_passphrase');
  });

  it('is not a keyring, and a keyring is not a backup (distinct magics)', () => {
    const keyring = sealKeyring(data, deriveKeyringWrap(BACKUP_PASS, FAST_PARAMS));
    expect(code(importKeyringBackup(keyring, BACKUP_PASS))).toBe('backup_malformed');
    expect(code(openKeyring(file, BACKUP_PASS))).toBe('keyring_malformed');
  });

  it('refuses Argon2 parameters outside the window (backup_params) and a version byte ≠ 1 (backup_version) before hashing', () => {
    const argon2 = countArgon2();
    const params = file.slice();
    writeU32(params, 14, 4 * 1024 * 1024);
    expect(code(importKeyringBackup(params, BACKUP_PASS))).toBe('backup_params');
    const version = file.slice();
    version[8] = 2;
    expect(code(importKeyringBackup(version, BACKUP_PASS))).toBe('backup_version');
    expect(argon2).not.toHaveBeenCalled();
  });

  it('refuses a change of every header byte and of the last byte', () => {
    for (const index of [...Array.from({ length: 58 }, (_, i) => i), file.length - 1]) {
      const tampered = file.slice();
      tampered[index] = tampered[index]! ^ 0x01;
      const expected =
        index < 8 ? ['backup_malformed'] :
        index === 8 ? ['backup_version'] :
        index === 9 ? ['backup_params'] :
        index < 18 ? ['backup_params', 'backup_passphrase'] :
        ['backup_passphrase'];
      expect(expected, `byte ${index}`).toContain(code(importKeyringBackup(tampered, BACKUP_PASS)));
    }
  });

  it('refuses truncation at every length, never throwing', () => {
    for (let length = 0; length < file.length; length++) {
      expect(['backup_malformed', 'backup_passphrase'], `length ${length}`).toContain(code(importKeyringBackup(file.subarray(0, length), BACKUP_PASS)));
    }
  });

  it('refuses to export under a weak passphrase, or invalid data (RangeError)', () => {
    expect(() => exportKeyringBackup(data, 'password1', FAST_PARAMS)).toThrow(RangeError);
    expect(() => exportKeyringBackup(data, 'corta', FAST_PARAMS)).toThrow(RangeError);
    expect(() => exportKeyringBackup({ ...data, cartelle: [{ ...data.cartelle[0]!, cartellaId: 'x' }] }, BACKUP_PASS, FAST_PARAMS)).toThrow(RangeError);
  });
});
