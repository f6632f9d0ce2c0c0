/**
 * Hand-over end to end, on two keyrings: each wrapping (link, passphrase file, sealed box)
 * brings a cartella into the colleague's keyring, the bundle is then refused as used (also
 * after the keyring is sealed and reopened), an "amministrativo" hand-over gives no prof key,
 * and keys recovered with the ente's key merge the same way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { acceptShareBundle } from './acceptShareBundle';
import { generateDeviceIdentity } from './identity';
import { deriveKeyringWrap, openKeyring, sealKeyring } from './keyring';
import { findCartellaKeys, newKeyringData } from './keyringData';
import type { KeyringData } from './keyringData';
import { mergeCartellaKeys } from './keyringMerge';
import { generateRecoveryKey, openWithRecoveryKey, recoveryPrivateKeyToText, sealToRecovery } from './recovery';
import { createShareBundle, parseShareBundle } from './shareBundle';
import type { ShareBundle, ShareRole } from './shareBundle';
import { LINK_VALIDITY_MS, parseShareLink, shareLink } from './shareLink';
import { generateOneTimePassphrase, unwrapBundleWithPassphrase, wrapBundleWithPassphrase } from './sharePassphrase';
import { encodeMyKeyCode, openSealedBundle, parseMyKeyCode, sealBundleTo } from './shareSealed';
import { initSodium } from './sodium';
import { FAST_PARAMS, makeCartella } from './testkit/keyringFixtures';

beforeAll(initSodium);

const NOW = Date.UTC(2025, 8, 15, 10, 0, 0);

function keyring(nome: string): KeyringData {
  const made = newKeyringData({ nome, ruolo: 'assistente_sociale' }, generateDeviceIdentity(), new Date(NOW - 86_400_000));
  if (!made.ok) throw new Error(made.message);
  return made.value;
}

let giulia: KeyringData;
let marco: KeyringData;
beforeAll(() => {
  const g = keyring('Giulia Bianchi');
  const added = mergeCartellaKeys(g, makeCartella('cartella-0777', { epochs: 2 }));
  if (!added.ok) throw new Error(added.message);
  giulia = added.value.data;
  marco = keyring('Marco Rossi');
});

function bundleFromGiulia(role: ShareRole, options: { recipient?: KeyringData; validityMs?: number } = {}): Uint8Array {
  const made = createShareBundle({
    cartella: giulia.cartelle[0]!, role, issuer: giulia.identity, issuerNome: giulia.profile.nome,
    handover: { consenso: true }, now: NOW,
    ...(options.recipient !== undefined ? { recipient: options.recipient.identity } : {}),
    ...(options.validityMs !== undefined ? { validityMs: options.validityMs } : {}),
  });
  if (!made.ok) throw new Error(made.message);
  return made.value.bytes;
}

function accept(data: KeyringData, bundle: { ok: true; value: ShareBundle } | { ok: false; code: string; message: string }): KeyringData {
  if (!bundle.ok) throw new Error(bundle.message);
  const accepted = acceptShareBundle(data, bundle.value, new Date(NOW));
  if (!accepted.ok) throw new Error(accepted.message);
  expect(accepted.value.change).toBe('added');
  return accepted.value.data;
}

function sameKeys(a: KeyringData, b: KeyringData, id: string, part: 'admin' | 'prof'): boolean {
  return toHex(findCartellaKeys(a, id)![part]!.keys[1]!.key) === toHex(findCartellaKeys(b, id)![part]!.keys[1]!.key);
}

describe('a hand-over reaches the colleague\'s keyring, once', () => {
  it('by link: équipe keys arrive; the same link is refused afterwards, also after re-sealing', () => {
    const link = shareLink(bundleFromGiulia('equipe', { validityMs: LINK_VALIDITY_MS }), 'https://esempio.it');
    const bytes = parseShareLink(link);
    if (!bytes.ok) throw new Error(bytes.message);
    const after = accept(marco, parseShareBundle(bytes.value, { now: NOW + 1000, usedBundleIds: marco.usedBundleIds, me: marco.identity }));
    expect(sameKeys(after, giulia, 'cartella-0777', 'admin') && sameKeys(after, giulia, 'cartella-0777', 'prof')).toBe(true);
    const reopened = openKeyring(sealKeyring(after, deriveKeyringWrap('frase di marco per il test', FAST_PARAMS)), 'frase di marco per il test');
    if (!reopened.ok) throw new Error(reopened.message);
    const again = parseShareBundle(bytes.value, { now: NOW + 2000, usedBundleIds: reopened.value.data.usedBundleIds, me: marco.identity });
    expect(again.ok ? 'ok' : again.code).toBe('bundle_used');
  });

  it('by passphrase file: "amministrativo" gives the admin keys and no prof key', () => {
    const pass = generateOneTimePassphrase();
    const file = wrapBundleWithPassphrase(bundleFromGiulia('amministrativo'), pass, FAST_PARAMS);
    const after = accept(marco, unwrapBundleWithPassphrase(file, pass, { now: NOW, usedBundleIds: marco.usedBundleIds, me: marco.identity }));
    const entry = findCartellaKeys(after, 'cartella-0777')!;
    expect(entry.prof).toBeUndefined();
    expect(sameKeys(after, giulia, 'cartella-0777', 'admin')).toBe(true);
  });

  it('by sealed box to Marco\'s code: only Marco\'s device accepts it', () => {
    const code = parseMyKeyCode(encodeMyKeyCode(marco.identity));
    if (!code.ok) throw new Error(code.message);
    const sealed = sealBundleTo(code.value.boxPublicKey, bundleFromGiulia('equipe', { recipient: marco }));
    const after = accept(marco, openSealedBundle(marco.identity, sealed, { now: NOW, usedBundleIds: marco.usedBundleIds }));
    expect(findCartellaKeys(after, 'cartella-0777')!.prof).toBeDefined();
    const other = keyring('Anna Verdi');
    const refused = openSealedBundle(other.identity, sealed, { now: NOW });
    expect(refused.ok ? 'ok' : refused.code).toBe('bundle_sealed');
  });

  it('acceptShareBundle itself refuses a bundle already recorded (bundle_used), and marks an unchanged one used', () => {
    const bytes = bundleFromGiulia('equipe');
    const parsed = parseShareBundle(bytes, { now: NOW });
    if (!parsed.ok) throw new Error(parsed.message);
    const first = acceptShareBundle(marco, parsed.value, new Date(NOW));
    if (!first.ok) throw new Error(first.message);
    const again = acceptShareBundle(first.value.data, parsed.value, new Date(NOW));
    expect(again.ok ? 'ok' : again.code).toBe('bundle_used');
    const second = parseShareBundle(bundleFromGiulia('equipe'), { now: NOW });
    if (!second.ok) throw new Error(second.message);
    const unchanged = acceptShareBundle(first.value.data, second.value, new Date(NOW));
    expect(unchanged.ok && unchanged.value.change).toBe('unchanged');
    expect(unchanged.ok && unchanged.value.data.usedBundleIds).toHaveLength(2);
  });
});

describe('continuity', () => {
  it('keys sealed to the ente recovery key are recovered and merged into the responsabile\'s keyring', () => {
    const ente = generateRecoveryKey();
    const blob = sealToRecovery(ente.publicKey, giulia.cartelle[0]!, giulia.identity, NOW);
    const recovered = openWithRecoveryKey(recoveryPrivateKeyToText(ente), blob, new Date(NOW + 1));
    if (!recovered.ok) throw new Error(recovered.message);
    expect(toHex(recovered.value.sealedBy)).toBe(toHex(giulia.identity.signPublicKey));
    const merged = mergeCartellaKeys(keyring('Responsabile'), recovered.value.keys);
    expect(merged.ok && merged.value.change).toBe('added');
    if (merged.ok) expect(sameKeys(merged.value.data, giulia, 'cartella-0777', 'prof')).toBe(true);
  });
});
