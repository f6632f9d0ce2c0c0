/**
 * @module client/cartelle/createRiassunti
 * The summaries of every cartella on the device, as a signal. Reading a cartella costs
 * about a millisecond, so 500 of them are read in slices that leave the page responsive,
 * and each summary is kept (per cartella, across visits of the list) until one of its two
 * documents changes: coming back to the list is instant, and a colleague's edit re-reads
 * only that cartella.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { CartellaAperta, Workspace } from '../../crdt/workspace';
import { riassumi, type Riassunto } from './riassunto';

interface Voce {
  valore?: Riassunto;
  sporco: boolean;
}

const cache = new WeakMap<CartellaAperta, Voce>();
const osservatori = new Set<() => void>();

function voceDi(c: CartellaAperta): Voce {
  let v = cache.get(c);
  if (v) return v;
  const nuova: Voce = { sporco: true };
  v = nuova;
  cache.set(c, nuova);
  const segna = (): void => {
    nuova.sporco = true;
    for (const o of osservatori) o();
  };
  const docs: Y.Doc[] = [c.cartella.admin, ...(c.cartella.prof ? [c.cartella.prof] : [])];
  for (const d of docs) d.on('update', segna);
  return nuova;
}

const FETTA_MS = 12;
const attesa = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export interface Riassunti {
  readonly elenco: Accessor<readonly Riassunto[]>;
  /** While the first reading runs: how many are done, of how many. */
  readonly avanzamento: Accessor<{ readonly fatte: number; readonly totale: number } | undefined>;
}

export function createRiassunti(workspace: Workspace, now: () => Date): Riassunti {
  const [elenco, setElenco] = createSignal<readonly Riassunto[]>([]);
  const [avanzamento, setAvanzamento] = createSignal<{ fatte: number; totale: number }>();
  let vivo = true;
  let inCorso = false;
  let ancora = false;

  const aggiorna = async (): Promise<void> => {
    if (inCorso) { ancora = true; return; }
    inCorso = true;
    try {
      do {
        ancora = false;
        const cartelle = workspace.cartelle();
        const daLeggere = cartelle.filter((c) => { const v = voceDi(c); return v.sporco || !v.valore; });
        const molte = daLeggere.length > 40;
        let inizio = performance.now();
        const avvio = inizio;
        let fatte = 0;
        if (molte) setAvanzamento({ fatte: 0, totale: daLeggere.length });
        for (const c of daLeggere) {
          const v = voceDi(c);
          v.sporco = false;
          v.valore = riassumi(c.id, c.cartella, now());
          fatte++;
          if (performance.now() - inizio > FETTA_MS) {
            if (molte) setAvanzamento({ fatte, totale: daLeggere.length });
            await attesa();
            if (!vivo) return;
            inizio = performance.now();
          }
        }
        // Visible in the browser's performance timeline (and read by the tests).
        if (daLeggere.length > 0) performance.measure('cartelle:lettura', { start: avvio, detail: { cartelle: daLeggere.length } });
        setAvanzamento(undefined);
        setElenco(cartelle.flatMap((c) => { const v = voceDi(c).valore; return v ? [v] : []; }));
      } while (ancora && vivo);
    } finally {
      inCorso = false;
    }
  };

  let programmato = false;
  const programma = (): void => {
    if (programmato || !vivo) return;
    programmato = true;
    setTimeout(() => { programmato = false; void aggiorna(); }, 150);
  };
  osservatori.add(programma);
  const smetti = workspace.subscribe(() => {
    if (workspace.cartelle().length !== elenco().length) programma();
  });
  onCleanup(() => { vivo = false; osservatori.delete(programma); smetti(); });
  void aggiorna();
  return { elenco, avanzamento };
}
