/**
 * @module client/app/deviceWorkspace
 * Opens the device's workspace once the keyring is unlocked: every cartella of the keyring
 * from the encrypted envelope log in IndexedDB (`cartella-envelopes`: sealed envelopes only,
 * never plaintext), synced over one WebSocket to the relay that served this page; and its
 * attachments (docs/ATTACHMENTS.md §11): sealed blobs cached in IndexedDB (`cartella-allegati`:
 * ciphertext only), moved over HTTP to the same relay with tickets asked on that WebSocket, closed
 * with the workspace. Screens reach them with `useAllegati()` (session.ts). The connection, the
 * roster upkeep and the attachments' look at every room wait until the list of cartelle has been
 * shown (avvio.ts).
 */
import { httpBlobTransport, openIndexedDbBlobCache } from '../../crdt/allegati';
import { Workspace } from '../../crdt/workspace';
import { AllegatiWorkspace } from '../../crdt/workspace/allegati';
import { allegatiDopo } from '../../crdt/workspace/allegatiDopo';
import { makeWebSocketTransport, openIndexedDbEnvelopeStore, type WebSocketConstructor } from '../../crdt/sync';
import { attendiAvvio } from './avvio';
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
  // Roster upkeep, the attachments' look at every room and the socket wait until the list has been
  // shown (avvio.ts): 1,000 handshakes (a signature each), 500 roster reads and 1,000 live-set
  // declarations would otherwise share the main thread with reading the list. The socket also
  // waits for the attachments to be wired (below): they look at every room when they open, and must
  // find none live yet. The data shown meanwhile is the device's own; edits wait in the outbox.
  const avvio = attendiAvvio();
  let collega: () => void = () => undefined;
  const transport = makeWebSocketTransport({
    url: syncUrl(),
    WebSocket: globalThis.WebSocket as unknown as WebSocketConstructor,
    start: Promise.all([avvio, new Promise<void>((resolve) => { collega = resolve; })]),
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
      inizioCura: avvio,
    });
  } catch (e) {
    transport.close();
    await store.close();
    throw e;
  }
  try {
    await apriAllegati(workspace, avvio);
  } finally {
    collega();
  }
  return workspace;
}

/**
 * Opens the attachments of the workspace and closes them with it. Without them (the cache could not
 * be opened) the cartelle still work; the screens say that attachments are unavailable.
 */
async function apriAllegati(workspace: Workspace, avvio: Promise<void>): Promise<void> {
  let allegati: AllegatiWorkspace;
  try {
    allegati = await AllegatiWorkspace.open(allegatiDopo(workspace, avvio), {
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
