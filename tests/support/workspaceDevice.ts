/**
 * Test harness: a worker's device as the PWA builds it — a keyring that is "written" (kept, in
 * order, with every version recorded) before a change resolves, the envelope store, one
 * transport, and the `Workspace` over them.
 */
import {
  generateDeviceIdentity, newKeyringData, validateKeyringData, type CartellaKeys, type DeviceIdentity, type KeyringData, type Ruolo,
} from '../../crypto';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import type { EnvelopeStore, Transport } from '../../crdt/sync/ports';
import { Workspace, type WorkspaceKeyring, type WorkspaceSyncSettings } from '../../crdt/workspace';

/** A keyring kept in memory; `writes` holds every version in the order it became current. */
export interface MemoryKeyring extends WorkspaceKeyring {
  readonly writes: KeyringData[];
}

export function memoryKeyring(initial: KeyringData): MemoryKeyring {
  let data = initial;
  let queue: Promise<unknown> = Promise.resolve();
  const writes: KeyringData[] = [];
  return {
    writes,
    current: () => data,
    update(change) {
      const run = queue.then(async () => {
        const next = change(data);
        const valid = validateKeyringData(next);
        if (!valid.ok) throw new RangeError(valid.message);
        await new Promise((r) => setTimeout(r, 1)); // a write takes a moment
        writes.push(next);
        data = next;
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export interface WorkspaceDevice {
  readonly ws: Workspace;
  readonly keyring: MemoryKeyring;
  readonly identity: DeviceIdentity;
  readonly store: EnvelopeStore;
}

/** Opens a device: a fresh identity and keyring (or the given ones) and the workspace on `transport`. */
export async function workspaceDevice(
  transport: Transport,
  options: {
    nome: string; ruolo: Ruolo; now: Date; identity?: DeviceIdentity; store?: EnvelopeStore; cartelle?: CartellaKeys[];
    keyring?: MemoryKeyring; recoveryPublicKey?: Uint8Array; sync?: WorkspaceSyncSettings; attesaMs?: number;
  },
): Promise<WorkspaceDevice> {
  const identity = options.identity ?? generateDeviceIdentity();
  let keyring = options.keyring;
  if (!keyring) {
    const made = newKeyringData({ nome: options.nome, ruolo: options.ruolo }, identity, options.now);
    if (!made.ok) throw new Error(made.message);
    const data: KeyringData = {
      ...made.value,
      cartelle: options.cartelle ?? [],
      settings: { ...made.value.settings, ...(options.recoveryPublicKey ? { recoveryPublicKey: options.recoveryPublicKey } : {}) },
    };
    keyring = memoryKeyring(data);
  }
  const store = options.store ?? makeMemoryEnvelopeStore();
  const ws = await Workspace.open({
    identity, cartelle: keyring.current().cartelle, store, transport, keyring,
    sync: { batchIntervalMs: 0, offlineBatchMs: 0, idleSnapshotMs: 0, ...options.sync },
    attesaMs: options.attesaMs ?? 10_000,
    clock: () => options.now,
  });
  return { ws, keyring, identity, store };
}

