/**
 * @module client/app/chiaviSessione
 * What the keys screens may do with the unlocked keyring, without ever handing it to them:
 * show this device's code, export the encrypted backup, change the passphrase, keep the
 * ente's recovery public key. Every change goes through the keeper (sealed and stored before
 * it becomes current).
 */
import {
  deriveKeyringWrap, encodeMyKeyCode, exportKeyringBackup, openKeyring, openSealedBundle, parseShareBundle, parseShareLink,
  unwrapBundleWithPassphrase, wipeKeyringWrap, type KeyringData, type Result, type ShareBundle,
} from '../../crypto';
import type { DeviceStore } from './deviceStore';
import type { KeyringKeeper } from './keyringKeeper';

export interface ChiaviSessione {
  /** "Il mio codice": this device's public keys as a text a colleague seals a cartella to. */
  mioCodice(): string;
  /** Every key of this device as an encrypted backup file under `passphrase` (strong: the caller checks it). */
  esportaBackup(passphrase: string): Uint8Array;
  /** Changes the device passphrase: 'sbagliata' (nothing changed) when `attuale` is not the current one. */
  cambiaPassphrase(attuale: string, nuova: string): Promise<'ok' | 'sbagliata'>;
  /** The ente's recovery public key kept in the settings, or undefined. */
  recupero(): Uint8Array | undefined;
  /** Sets (or, with undefined, removes) the ente's recovery public key. */
  impostaRecupero(publicKey: Uint8Array | undefined): Promise<void>;
  /**
   * A received hand-over, fully checked for this device (signature, expiry, already used, meant
   * for this device): from a link (or its fragment), a one-time-passphrase file, or a file
   * sealed to this device's code. Never throws; the error's message is Italian.
   */
  apriConsegna(da: { link: string } | { file: Uint8Array; passphrase: string } | { sigillato: Uint8Array }, now: Date): Result<ShareBundle>;
}

export function makeChiaviSessione(keeper: KeyringKeeper, store: DeviceStore): ChiaviSessione {
  return {
    mioCodice() {
      const { identity } = keeper.current();
      return encodeMyKeyCode({ signPublicKey: identity.signPublicKey, boxPublicKey: identity.boxPublicKey });
    },
    esportaBackup(passphrase) {
      return exportKeyringBackup(keeper.current(), passphrase);
    },
    async cambiaPassphrase(attuale, nuova) {
      const sealed = await store.readKeyring();
      if (!sealed) throw new Error('no keyring on this device');
      const opened = openKeyring(sealed, attuale);
      if (!opened.ok) {
        if (opened.code === 'keyring_passphrase') return 'sbagliata';
        throw new Error(`${opened.code}: ${opened.message}`);
      }
      wipeKeyringWrap(opened.value.wrap);
      const wrap = deriveKeyringWrap(nuova);
      try {
        await keeper.rewrap(wrap);
      } catch (e) {
        wipeKeyringWrap(wrap);
        throw e;
      }
      return 'ok';
    },
    recupero() {
      return keeper.current().settings.recoveryPublicKey;
    },
    apriConsegna(da, now) {
      const data = keeper.current();
      const options = { now: now.getTime(), usedBundleIds: data.usedBundleIds };
      const me = { signPublicKey: data.identity.signPublicKey, boxPublicKey: data.identity.boxPublicKey };
      if ('link' in da) {
        const bytes = parseShareLink(da.link);
        return bytes.ok ? parseShareBundle(bytes.value, { ...options, me }) : bytes;
      }
      if ('file' in da) return unwrapBundleWithPassphrase(da.file, da.passphrase, { ...options, me });
      return openSealedBundle(data.identity, da.sigillato, options);
    },
    async impostaRecupero(publicKey) {
      await keeper.update((d: KeyringData) => {
        const { recoveryPublicKey: _old, ...resto } = d.settings;
        return { ...d, settings: publicKey ? { ...resto, recoveryPublicKey: publicKey } : resto };
      });
    },
  };
}
