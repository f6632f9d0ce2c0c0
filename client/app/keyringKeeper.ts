/**
 * @module client/app/keyringKeeper
 * Owns the unlocked keyring while the app is open: the plaintext data and the wrap (the
 * passphrase-derived key) in memory, and every change to them. A change is sealed with the
 * kept wrap (no Argon2, docs/KEYRING.md "Passphrase and the kept key") and written to the
 * device store BEFORE it becomes current, so the workspace never uses a key that a crash
 * could lose. Changes run one after another: two quick ones can never overwrite each other.
 */
import { addCartellaKeys, sealKeyring, wipeKeyringWrap, type CartellaKeys, type KeyringData, type KeyringWrap } from '../../crypto';
import type { DeviceStore } from './deviceStore';

export interface KeyringKeeper {
  /** The keyring as last written to the device. */
  current(): KeyringData;
  /**
   * Applies `change` to the current data, seals, stores, then makes the result current.
   * Rejects (and changes nothing) if `change` throws, the result is not a valid keyring
   * (`RangeError` from `sealKeyring`) or the write fails.
   */
  update(change: (data: KeyringData) => KeyringData): Promise<KeyringData>;
  /** The workspace's `saveKeys`: a new cartella's keys, durable before anything is sealed with them. */
  saveKeys(entry: CartellaKeys): Promise<void>;
  /**
   * Seals the current data under `wrap` (a new passphrase's key), stores it, then keeps `wrap`
   * and wipes the old one. Rejects (old passphrase still in force) if the write fails.
   */
  rewrap(wrap: KeyringWrap): Promise<void>;
  /** Zeroes the kept key; every later `update` rejects. */
  wipe(): void;
}

/** Keeps `data` (just opened or created with `wrap`) for the unlocked session. */
export function makeKeyringKeeper(
  initial: KeyringData,
  initialWrap: KeyringWrap,
  store: DeviceStore,
  onChange: (data: KeyringData) => void = () => {},
): KeyringKeeper {
  let data = initial;
  let wrap = initialWrap;
  let wiped = false;
  let queue: Promise<unknown> = Promise.resolve();

  const update = (change: (d: KeyringData) => KeyringData): Promise<KeyringData> => {
    const run = queue.then(async () => {
      if (wiped) throw new Error('the keyring is locked');
      const next = change(data);
      const sealed = sealKeyring(next, wrap);
      await store.writeKeyring(sealed);
      data = next;
      onChange(next);
      return next;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    current: () => data,
    update,
    async saveKeys(entry) {
      await update((d) => {
        const added = addCartellaKeys(d, entry);
        if (!added.ok) throw new Error(`${added.code}: ${added.message}`);
        return added.value;
      });
    },
    rewrap(next) {
      const run = queue.then(async () => {
        if (wiped) throw new Error('the keyring is locked');
        await store.writeKeyring(sealKeyring(data, next));
        const old = wrap;
        wrap = next;
        wipeKeyringWrap(old);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    wipe() {
      if (wiped) return;
      wiped = true;
      wipeKeyringWrap(wrap);
    },
  };
}
