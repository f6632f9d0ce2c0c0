/**
 * @module client/app/deviceWorkspace
 * Opens the device's workspace once the keyring is unlocked: every cartella of the keyring
 * from the encrypted envelope log in IndexedDB (`cartella-envelopes`: sealed envelopes only,
 * never plaintext), synced over one WebSocket to the relay that served this page.
 */
import { Workspace } from '../../crdt/workspace';
import { makeWebSocketTransport, openIndexedDbEnvelopeStore, type WebSocketConstructor } from '../../crdt/sync';
import type { KeyringKeeper } from './keyringKeeper';

/** Name of the envelope log's database. */
export const ENVELOPES_DB_NAME = 'cartella-envelopes';

/** ws(s)://<host>/sync of the page's own origin (the relay serves the PWA). */
export function syncUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/sync`;
}

export async function openDeviceWorkspace(keeper: KeyringKeeper): Promise<Workspace> {
  const store = await openIndexedDbEnvelopeStore(ENVELOPES_DB_NAME);
  const transport = makeWebSocketTransport({
    url: syncUrl(),
    WebSocket: globalThis.WebSocket as unknown as WebSocketConstructor,
  });
  // Back from a network outage: try at once instead of waiting out the backoff (up to 15 s).
  window.addEventListener('online', () => transport.reconnectNow());
  const data = keeper.current();
  try {
    return await Workspace.open({
      identity: data.identity,
      cartelle: data.cartelle,
      store,
      transport,
      saveKeys: (entry) => keeper.saveKeys(entry),
      // Rotations, hand-overs and acceptances change the keyring through the keeper (sealed first).
      keyring: keeper,
    });
  } catch (e) {
    transport.close();
    await store.close();
    throw e;
  }
}
