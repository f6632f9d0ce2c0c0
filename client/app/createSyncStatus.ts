/**
 * @module client/app/createSyncStatus
 * The workspace's sync state as a Solid signal (`workspace.subscribe`), coalesced to one
 * read per microtask (typing can change it on every keystroke), plus what the engine does
 * not say itself: whether the browser thinks it is online, and the last moment this device
 * was known to be fully in sync (the engine's `lastSyncedAt` is the end of the last
 * catch-up; a live room that sends and receives is in sync too).
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Workspace, WorkspaceStatus } from '../../crdt/workspace';

export type Collegamento = 'in-linea' | 'non-in-linea' | 'connessione';

export interface StatoSync {
  readonly collegamento: Collegamento;
  readonly inAttesa: number;
  /** Epoch ms, or undefined before the first complete sync. */
  readonly ultimaSincronizzazione: number | undefined;
  readonly rifiutate: number;
  readonly problemi: WorkspaceStatus['problems'];
}

const AGGIORNA_MS = 100;

export function createSyncStatus(workspace: Workspace): Accessor<StatoSync> {
  // Until the socket opened or failed once, "connecting" is more honest than "offline".
  let esitoNoto = false;
  let ultimaInSync: number | undefined;

  const leggi = (): StatoSync => {
    const s = workspace.status();
    if (s.connection !== 'connecting') esitoNoto = true;
    const online = s.connection === 'open';
    const nessunaStanza = workspace.cartelle().length === 0;
    if (online && s.pending === 0 && (nessunaStanza || s.lastSyncedAt !== undefined)) ultimaInSync = Date.now();
    const ultima = Math.max(ultimaInSync ?? 0, s.lastSyncedAt ?? 0) || undefined;
    return {
      collegamento: online ? 'in-linea' : esitoNoto || !navigator.onLine ? 'non-in-linea' : 'connessione',
      inAttesa: s.pending,
      ultimaSincronizzazione: ultima,
      rifiutate: s.refused,
      problemi: s.problems,
    };
  };

  const [stato, setStato] = createSignal<StatoSync>(leggi());
  // Read at most every AGGIORNA_MS: each read walks every room, and a device joining 1,000 rooms
  // reports a change per frame (thousands in the first seconds after unlocking).
  let programmato = false;
  const aggiorna = (): void => {
    if (programmato) return;
    programmato = true;
    setTimeout(() => {
      programmato = false;
      setStato(leggi());
    }, AGGIORNA_MS);
  };
  const smetti = workspace.subscribe(aggiorna);
  // A quiet live connection notifies nothing: re-read now and then so "in sync" stays current.
  const orologio = setInterval(aggiorna, 30_000);
  window.addEventListener('online', aggiorna);
  window.addEventListener('offline', aggiorna);
  onCleanup(() => {
    smetti();
    clearInterval(orologio);
    window.removeEventListener('online', aggiorna);
    window.removeEventListener('offline', aggiorna);
  });
  return stato;
}
