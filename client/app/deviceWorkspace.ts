/**
 * @module client/app/deviceWorkspace
 * Opens the device's workspace once the keyring is unlocked: every cartella of the keyring
 * from the encrypted envelope log in IndexedDB (`cartella-envelopes`: sealed envelopes only,
 * never plaintext), synced over one WebSocket to the relay that served this page; and its
 * attachments (docs/ATTACHMENTS.md §11): sealed blobs cached in IndexedDB (`cartella-allegati`:
 * ciphertext only), moved over HTTP to the same relay with tickets asked on that WebSocket, closed
 * with the workspace. Screens reach them with `useAllegati()` (session.ts).
 */
import { httpBlobTransport, openIndexedDbBlobCache } from '../../crdt/allegati';
import { Workspace } from '../../crdt/workspace';
import { AllegatiWorkspace } from '../../crdt/workspace/allegati';
import { makeWebSocketTransport, openIndexedDbEnvelopeStore, type WebSocketConstructor } from '../../crdt/sync';
import type { KeyringKeeper } from './keyringKeeper';
import { registraAllegati } from './session';

/** Name of the envelope log's database. */
export const ENVELOPES_DB_NAME = 'cartella-envelopes';
/** Name of the attachment cache's database (sealed chunks only). */
export const ALLEGATI_DB_NAME = 'cartella-allegati';

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
  let workspace: Workspace;
  try {
    workspace = await Workspace.open({
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
  await apriAllegati(workspace);
  return workspace;
}

/**
 * Opens the attachments of the workspace and closes them with it. Without them (the cache could not
 * be opened) the cartelle still work; the screens say that attachments are unavailable.
 */
async function apriAllegati(workspace: Workspace): Promise<void> {
  let allegati: AllegatiWorkspace;
  try {
    allegati = await AllegatiWorkspace.open(workspace, {
      transport: (tickets) => httpBlobTransport({ baseUrl: location.origin, tickets }),
      cache: await openIndexedDbBlobCache(ALLEGATI_DB_NAME),
      onProblem: (code, message) => console.warn(`allegati: ${code}: ${message}`),
    });
  } catch (e) {
    console.warn('allegati non disponibili', e);
    return;
  }
  registraAllegati(workspace, allegati);
  // The app closes the workspace (on lock, before the reload): its attachments stop first.
  workspace.onClose(() => allegati.close());
}
