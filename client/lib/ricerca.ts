/**
 * @module client/lib/ricerca
 * Search across every cartella on the device (crdt/search), kept up to date while the app is
 * unlocked: restored from its sealed copy in the device database, brought up to date one
 * cartella at a time (only those whose documents changed, by revision), in idle slices so
 * typing never waits, and stored again sealed for this device a few seconds after changes.
 * The plaintext index lives only in memory; locking reloads the page and drops it.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { DeviceIdentity } from '../../crypto';
import { leggiCartella } from '../../crdt/model';
import { restoreSearchIndex, revisioneCartella, storeSearchIndex, type SearchIndex, type SearchResults } from '../../crdt/search';
import type { Workspace } from '../../crdt/workspace';
import type { DeviceStore } from '../app/deviceStore';

export interface Ricerca {
  /** Increases after every update of the index: read it to re-run a query reactively. */
  readonly versione: Accessor<number>;
  /** True once every cartella is indexed. */
  readonly pronta: Accessor<boolean>;
  cerca(testo: string): SearchResults;
}

const FETTA_MS = 10;
const SALVA_DOPO_MS = 5_000;

export function avviaRicerca(workspace: Workspace, identity: DeviceIdentity, store: DeviceStore): Ricerca {
  const [versione, setVersione] = createSignal(0);
  const [pronta, setPronta] = createSignal(false);
  let indice: SearchIndex | undefined;
  let inCorso = false;
  let ancora = false;
  let salva: ReturnType<typeof setTimeout> | undefined;

  const programmaSalvataggio = (): void => {
    if (salva) clearTimeout(salva);
    salva = setTimeout(() => {
      if (!indice) return;
      void store.writeSearchIndex(storeSearchIndex(indice, identity)).catch(() => undefined);
    }, SALVA_DOPO_MS);
  };

  const aggiorna = async (): Promise<void> => {
    if (inCorso) { ancora = true; return; }
    inCorso = true;
    try {
      if (!indice) indice = restoreSearchIndex(await store.readSearchIndex().catch(() => undefined), identity).index;
      do {
        ancora = false;
        let cambiate = 0;
        let inizio = performance.now();
        const presenti = new Set<string>();
        for (const c of workspace.cartelle()) {
          presenti.add(c.id);
          const rev = revisioneCartella(c.cartella);
          if (indice.revision(c.id) === rev) continue;
          indice.update(c.id, leggiCartella(c.cartella), rev);
          cambiate++;
          if (performance.now() - inizio > FETTA_MS) {
            await new Promise((r) => setTimeout(r, 0));
            inizio = performance.now();
          }
        }
        for (const id of indice.ids()) if (!presenti.has(id)) { indice.remove(id); cambiate++; }
        if (cambiate > 0) { setVersione((v) => v + 1); programmaSalvataggio(); }
        setPronta(true);
      } while (ancora);
    } finally {
      inCorso = false;
    }
  };

  let programmato: ReturnType<typeof setTimeout> | undefined;
  const programma = (): void => {
    if (programmato) return;
    programmato = setTimeout(() => { programmato = undefined; void aggiorna(); }, 1_000);
  };
  workspace.subscribe(programma);
  const osservati = new WeakSet<object>();
  const osserva = (): void => {
    for (const c of workspace.cartelle()) {
      if (osservati.has(c)) continue;
      osservati.add(c);
      c.cartella.admin.on('update', programma);
      c.cartella.prof?.on('update', programma);
    }
  };
  workspace.subscribe(osserva);
  osserva();
  // After the first screen is up: building 500 cartelle takes about a second.
  setTimeout(() => void aggiorna(), 1_500);

  return {
    versione,
    pronta,
    cerca: (testo) => (indice ? indice.query(testo) : { terms: [], total: 0, cartelle: [] }),
  };
}
