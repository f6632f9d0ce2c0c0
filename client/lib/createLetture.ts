/**
 * @module client/lib/createLetture
 * A reading of every cartella on the device, as a signal. Reading a cartella costs about a
 * millisecond, so 500 of them are read in slices that leave the page responsive, and each
 * reading is kept (per cartella and per kind of reading, across visits of the screen) until one
 * of its two documents changes: coming back is instant, and a colleague's edit re-reads only
 * that cartella. The list of cartelle, the agenda and the statistics all read this way.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { CartellaAperta, Workspace } from '../../crdt/workspace';

interface Voce {
  readonly valori: Map<string, unknown>;
  sporco: Set<string>;
}

const cache = new WeakMap<CartellaAperta, Voce>();
const osservatori = new Set<() => void>();

function voceDi(c: CartellaAperta): Voce {
  let v = cache.get(c);
  if (v) return v;
  const nuova: Voce = { valori: new Map(), sporco: new Set() };
  v = nuova;
  cache.set(c, nuova);
  const segna = (): void => {
    nuova.sporco = new Set(nuova.valori.keys());
    for (const o of osservatori) o();
  };
  const docs: Y.Doc[] = [c.cartella.admin, ...(c.cartella.prof ? [c.cartella.prof] : [])];
  for (const d of docs) d.on('update', segna);
  return nuova;
}

const FETTA_MS = 12;
const attesa = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export interface Letture<T> {
  readonly elenco: Accessor<readonly T[]>;
  /** While the first reading runs: how many are done, of how many. */
  readonly avanzamento: Accessor<{ readonly fatte: number; readonly totale: number } | undefined>;
}

/**
 * `leggi` of every cartella, in the workspace's order. `tipo` names the kind of reading (one
 * cache entry per cartella and kind); `misura` names a performance measure of each pass.
 */
export function createLetture<T>(
  workspace: Workspace, tipo: string, leggi: (c: CartellaAperta) => T, misura?: string,
): Letture<T> {
  const [elenco, setElenco] = createSignal<readonly T[]>([]);
  const [avanzamento, setAvanzamento] = createSignal<{ fatte: number; totale: number }>();
  let vivo = true;
  let inCorso = false;
  let ancora = false;
  const daRifare = (v: Voce): boolean => v.sporco.has(tipo) || !v.valori.has(tipo);

  const aggiorna = async (): Promise<void> => {
    if (inCorso) { ancora = true; return; }
    inCorso = true;
    try {
      do {
        ancora = false;
        const cartelle = workspace.cartelle();
        const daLeggere = cartelle.filter((c) => daRifare(voceDi(c)));
        const molte = daLeggere.length > 40;
        let inizio = performance.now();
        const avvio = inizio;
        let fatte = 0;
        if (molte) setAvanzamento({ fatte: 0, totale: daLeggere.length });
        for (const c of daLeggere) {
          const v = voceDi(c);
          v.sporco.delete(tipo);
          v.valori.set(tipo, leggi(c));
          fatte++;
          if (performance.now() - inizio > FETTA_MS) {
            if (molte) setAvanzamento({ fatte, totale: daLeggere.length });
            await attesa();
            if (!vivo) return;
            inizio = performance.now();
          }
        }
        // Visible in the browser's performance timeline (and read by the tests).
        if (misura && daLeggere.length > 0) performance.measure(misura, { start: avvio, detail: { cartelle: daLeggere.length } });
        setAvanzamento(undefined);
        setElenco(cartelle.flatMap((c) => { const v = voceDi(c).valori; return v.has(tipo) ? [v.get(tipo) as T] : []; }));
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
