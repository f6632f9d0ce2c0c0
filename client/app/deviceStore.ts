/**
 * @module client/app/deviceStore
 * Owns the device's own IndexedDB database, `cartella-device`: it holds the sealed keyring
 * file (docs/KEYRING.md), the search index sealed for the device (docs/SEARCH.md) and the
 * record of the recovery copies deposited (cartella ids, fingerprints, dates: docs/RECOVERY.md) —
 * never a name, a setting or a key in clear. Whether
 * a keyring is there is the one fact the app reads before the passphrase: first run or locked.
 * (Case data lives in another database, `cartella-envelopes`, as sealed envelopes only.)
 */
import { request } from '../../crdt/sync/idb';

/** Name of the device database. */
export const DEVICE_DB_NAME = 'cartella-device';
const DB_VERSION = 1;
const STORE = 'keyring';
/** The record of the sealed keyring file. */
const SEALED_KEY = 'sealed';
/** The record of the search index, sealed for this device. */
const SEARCH_KEY = 'ricerca';
/** The record of the recovery copies deposited (docs/RECOVERY.md): fingerprints and dates, no secret. */
const ESCROW_KEY = 'depositi';

/** What the device holds before anyone unlocks it. */
export type DeviceState = 'primo-avvio' | 'bloccato';

export interface DeviceStore {
  /** The sealed keyring file, or undefined on a device that was never set up. */
  readKeyring(): Promise<Uint8Array | undefined>;
  /** Replaces the sealed keyring file; resolves once the transaction has committed. */
  writeKeyring(sealed: Uint8Array): Promise<void>;
  /** The search index sealed for this device (docs/SEARCH.md), if one was stored. */
  readSearchIndex(): Promise<Uint8Array | undefined>;
  /** Replaces the sealed search index (never plaintext: the caller seals it). */
  writeSearchIndex(sealed: Uint8Array): Promise<void>;
  /** The stored escrow records as written (`serializeEscrowRecords`), if any. */
  readEscrowRecords(): Promise<string | undefined>;
  writeEscrowRecords(text: string): Promise<void>;
  close(): void;
}

/** Opens (creating on first use) the device database. */
export async function openDeviceStore(factory: IDBFactory = indexedDB): Promise<DeviceStore> {
  const open = factory.open(DEVICE_DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    open.result.createObjectStore(STORE);
  };
  const db = await request(open);
  // Another version of the app wants to upgrade the schema: let it, this tab reloads later.
  db.onversionchange = () => db.close();
  const put = (value: unknown, key: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    });

  return {
    async readKeyring() {
      const tx = db.transaction(STORE, 'readonly');
      const value: unknown = await request(tx.objectStore(STORE).get(SEALED_KEY));
      if (value instanceof Uint8Array) return value;
      if (value instanceof ArrayBuffer) return new Uint8Array(value);
      return undefined;
    },
    async readSearchIndex() {
      const tx = db.transaction(STORE, 'readonly');
      const value: unknown = await request(tx.objectStore(STORE).get(SEARCH_KEY));
      return value instanceof Uint8Array ? value : undefined;
    },
    writeSearchIndex(sealed) {
      return put(sealed.slice(), SEARCH_KEY);
    },
    async readEscrowRecords() {
      const tx = db.transaction(STORE, 'readonly');
      const value: unknown = await request(tx.objectStore(STORE).get(ESCROW_KEY));
      return typeof value === 'string' ? value : undefined;
    },
    writeEscrowRecords(text) {
      return put(text, ESCROW_KEY);
    },
    writeKeyring(sealed) {
      return new Promise<void>((resolve, reject) => {
        // 'strict' durability: the keyring holds the keys of every cartella; a write that a
        // power cut could undo would lose keys the workspace already used.
        const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
        tx.objectStore(STORE).put(sealed.slice(), SEALED_KEY);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
      });
    },
    close() {
      db.close();
    },
  };
}

/** First run (no keyring on this device) or locked (a keyring waits for its passphrase). */
export async function deviceState(store: DeviceStore): Promise<DeviceState> {
  return (await store.readKeyring()) === undefined ? 'primo-avvio' : 'bloccato';
}
