/**
 * Test harness: one device with its own identity, local store and sync client, holding one
 * room's key — the unit the sync tests multiply.
 */
import * as Y from 'yjs';
import { derivePartSubkeys, generateDeviceIdentity, type DeviceIdentity, type PartSubkeys, type RoomId } from '../../crypto';
import type { EnvelopeStore, Transport } from '../../crdt/sync/ports';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import { SyncClient } from '../../crdt/sync/syncClient';
import type { RoomEvent, RoomSync, RoomSyncOptions } from '../../crdt/sync/roomSync';

export interface RoomSecret { readonly roomId: RoomId; readonly key: Uint8Array; readonly epoch: number }

export interface TestDevice {
  readonly doc: Y.Doc;
  readonly room: RoomSync;
  readonly client: SyncClient;
  readonly store: EnvelopeStore;
  readonly identity: DeviceIdentity;
  readonly problems: Array<{ code: string; message: string }>;
  readonly ephemeral: Array<{ payload: Uint8Array; author: string }>;
}

export async function makeDevice(
  transport: Transport,
  secret: RoomSecret,
  options: { store?: EnvelopeStore; identity?: DeviceIdentity; doc?: Y.Doc } & Partial<RoomSyncOptions> = {},
): Promise<TestDevice> {
  const subkeys: PartSubkeys = derivePartSubkeys(secret.key);
  const doc = options.doc ?? new Y.Doc();
  const store = options.store ?? makeMemoryEnvelopeStore();
  const identity = options.identity ?? generateDeviceIdentity();
  const problems: Array<{ code: string; message: string }> = [];
  const ephemeral: Array<{ payload: Uint8Array; author: string }> = [];
  const client = new SyncClient({ transport, onProblem: (code, message) => problems.push({ code, message }) });
  const room = await client.addRoom({
    snapshotEvery: 300,
    batchIntervalMs: 0,
    offlineBatchMs: 0,
    ...options,
    doc,
    store,
    keys: { roomId: secret.roomId, epoch: secret.epoch, subkeysForEpoch: (e) => (e === secret.epoch ? subkeys : undefined) },
    author: identity,
    onEphemeral: (payload, author) => ephemeral.push({ payload, author }),
    onEvent: (e: RoomEvent) => { if (e.type === 'problem') problems.push({ code: e.code, message: e.message }); },
  });
  return { doc, room, client, store, identity, problems, ephemeral };
}

/** Resolves when `check` holds, polling on macrotasks (the relay and links run on microtasks and timers). */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}
