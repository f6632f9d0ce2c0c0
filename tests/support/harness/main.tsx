/**
 * Test harness (never shipped): the cartella screens mounted on cartelle loaded from demo
 * files (`/demo/indice.json` and Yjs updates, served by tests/support/harness.ts) with a
 * stand-in session and workspace — no keyring, no relay, no sync — so that browser tests can
 * measure the screens themselves: the list of 500 cartelle, a diary of 2,000 entries.
 */
import { Match, Switch } from 'solid-js';
import { render } from 'solid-js/web';
import * as Y from 'yjs';
import { comeAuthorKey, type AuthorKey, type CartellaId } from '../../../crdt/model';
import type { CartellaAperta, Workspace } from '../../../crdt/workspace';
import type { RoomSync } from '../../../crdt/sync';
import { createRoute } from '../../../client/app/router';
import { SessionContext, type Session } from '../../../client/app/session';
import { CartellaView } from '../../../client/cartella';
import { ElencoCartelle } from '../../../client/cartelle';
import '../../../client/styles.css';

interface Indice { oggi: string; autore?: string; cartelle: { id: string; admin: string; prof: string | null }[] }

declare global { interface Window { __banco?: { caricate: number; msCaricamento: number; pronteA: number } } }

/** A room that is always live and carries nothing (no relay here). */
const stanza = { status: { phase: 'live' }, subscribe: () => () => undefined, subscribeEphemeral: () => () => undefined, sendEphemeral: () => undefined } as unknown as RoomSync;

async function scarica(nome: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(`/demo/${nome}`)).arrayBuffer());
}

async function avvia(): Promise<void> {
  const t0 = performance.now();
  const indice = (await (await fetch('/demo/indice.json')).json()) as Indice;
  const aperte: CartellaAperta[] = [];
  for (const c of indice.cartelle) {
    const admin = new Y.Doc();
    Y.applyUpdate(admin, await scarica(c.admin));
    const prof = c.prof ? new Y.Doc() : null;
    if (prof && c.prof) Y.applyUpdate(prof, await scarica(c.prof));
    aperte.push({ id: c.id as CartellaId, keys: {} as CartellaAperta['keys'], cartella: { admin, prof }, admin: stanza, prof: prof ? stanza : null });
  }
  const autore = (comeAuthorKey(indice.autore) ?? 'A'.repeat(43)) as AuthorKey;
  const workspace = { autore, cartelle: () => aperte, cartella: (id: string) => aperte.find((a) => a.id === id), subscribe: () => () => undefined } as unknown as Workspace;
  const [route, navigate] = createRoute();
  const oggi = new Date(`${indice.oggi}T10:00:00Z`);
  const session: Session = {
    workspace, autore, navigate,
    profile: { nome: 'Operatrice di prova', ruolo: 'assistente_sociale', createdAt: oggi.toISOString() },
    settings: { lockAfterMinutes: 15, enteName: 'Comune di Prova — Servizi sociali' },
    saveSettings: async () => undefined,
    ricerca: { versione: () => 0, pronta: () => false, cerca: () => ({ terms: [], total: 0, cartelle: [] }) },
    // The harness has no keyring: the keys screens are not mounted here.
    chiavi: {
      mioCodice: () => '',
      esportaBackup: () => { throw new Error('no keyring in the harness'); },
      cambiaPassphrase: () => Promise.reject(new Error('no keyring in the harness')),
      recupero: () => undefined,
      impostaRecupero: () => Promise.reject(new Error('no keyring in the harness')),
      apriConsegna: () => ({ ok: false, code: 'harness', message: 'no keyring in the harness' }),
    },
    lock: () => undefined,
    now: () => oggi,
  };
  window.__banco = { caricate: aperte.length, msCaricamento: performance.now() - t0, pronteA: performance.now() };
  const root = document.getElementById('app');
  if (!root) return;
  render(() => (
    <SessionContext.Provider value={session}>
      <main class="contenuto">
        <Switch fallback={<ElencoCartelle />}>
          <Match when={(() => { const r = route(); return r.name === 'cartella' ? r : undefined; })()} keyed>
            {(r) => <CartellaView id={r.id} sezione={r.sezione} {...(r.elemento ? { elemento: r.elemento } : {})} />}
          </Match>
        </Switch>
      </main>
    </SessionContext.Provider>
  ), root);
}

void avvia();
