/**
 * @module client/app/App
 * The app's life on one device, as a small state machine:
 *   avvio → (another tab holds the device: altra-scheda) → primo-avvio | bloccato
 *         → sbloccato (workspace open, SessionContext provided) → blocco → reload.
 * Locking is a reload after the workspace is flushed and closed and the wrap wiped: the
 * simplest way to be sure no key, plaintext or Y.Doc survives in memory. The same happens
 * when another tab takes the device over (client/app/tabLock).
 */
import { createSignal, Match, onCleanup, onMount, Switch, type JSX } from 'solid-js';
import { initSodium, type KeyringData, type KeyringWrap } from '../../crypto';
import type { Workspace } from '../../crdt/workspace';
import { t } from '../strings';
import { AltraScheda } from './AltraScheda';
import { sessioneMostrata } from './avvio';
import { makeChiaviSessione } from './chiaviSessione';
import { avviaContinuita, type Continuita } from './continuita';
import { avviaRicerca } from '../lib/ricerca';
import { openDeviceStore, deviceState, type DeviceStore } from './deviceStore';
import { openDeviceWorkspace } from './deviceWorkspace';
import { makeIdleTimer } from './idleTimer';
import { makeKeyringKeeper, type KeyringKeeper } from './keyringKeeper';
import { PrimoAvvio } from './PrimoAvvio';
import { createRoute, type Route } from './router';
import { SchermoAccesso } from './SchermoAccesso';
import { SessionContext, type Session } from './session';
import { Shell } from './Shell';
import { Sblocco } from './Sblocco';
import { acquireTabLock, type TabLock } from './tabLock';

type Fase =
  | { readonly nome: 'avvio' }
  | { readonly nome: 'errore'; readonly messaggio: string; readonly dettaglio: string }
  | { readonly nome: 'altra-scheda' }
  | { readonly nome: 'primo-avvio'; readonly store: DeviceStore }
  | { readonly nome: 'bloccato'; readonly store: DeviceStore }
  | { readonly nome: 'sbloccato'; readonly session: Session; readonly route: () => Route }
  | { readonly nome: 'blocco'; readonly messaggio: string };

/** How long locking waits for the workspace to flush and close before reloading anyway. */
const ATTESA_CHIUSURA_MS = 5_000;

function entro<T>(promessa: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promessa, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}

function faseErrore(e: unknown): Fase {
  const dettaglio = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const archivio = e instanceof DOMException || /indexeddb/i.test(dettaglio);
  return { nome: 'errore', messaggio: archivio ? t.avvio.erroreArchivio : t.avvio.erroreGenerico, dettaglio };
}

export function App(): JSX.Element {
  const [fase, setFase] = createSignal<Fase>({ nome: 'avvio' });
  let aperto: { workspace: Workspace; keeper: KeyringKeeper; continuita?: Continuita } | undefined;
  let bloccando = false;

  const blocca = async (messaggio: string = t.blocco.inCorso): Promise<void> => {
    if (bloccando) return;
    bloccando = true;
    const a = aperto;
    aperto = undefined;
    setFase({ nome: 'blocco', messaggio });
    if (a) {
      a.continuita?.close();
      await entro(a.workspace.flush(), ATTESA_CHIUSURA_MS).catch(() => undefined);
      await entro(a.workspace.close(), ATTESA_CHIUSURA_MS).catch(() => undefined);
      a.keeper.wipe();
    }
    location.reload();
  };

  const prepara = async (lock: TabLock): Promise<void> => {
    void lock.lost.then(() => blocca(t.blocco.spostata));
    const store = await openDeviceStore();
    setFase((await deviceState(store)) === 'primo-avvio' ? { nome: 'primo-avvio', store } : { nome: 'bloccato', store });
  };

  // While another tab holds the device, wait in line: when that tab closes, this one goes on.
  let attesa: AbortController | undefined;
  const attendiAltraScheda = (): void => {
    setFase({ nome: 'altra-scheda' });
    attesa = new AbortController();
    acquireTabLock('attendi', attesa.signal).then(
      (lock) => { if (lock) void prepara(lock).catch((e: unknown) => setFase(faseErrore(e))); },
      () => undefined, // the wait was abandoned for "Usa Cartella in questa scheda"
    );
  };

  const avvia = async (): Promise<void> => {
    try {
      await initSodium();
      const lock = await acquireTabLock('se-libero');
      if (lock) await prepara(lock);
      else attendiAltraScheda();
    } catch (e) {
      setFase(faseErrore(e));
    }
  };

  const usaQui = async (): Promise<void> => {
    attesa?.abort();
    try {
      const lock = await acquireTabLock('prendi');
      if (lock) await prepara(lock);
    } catch (e) {
      setFase(faseErrore(e));
    }
  };

  /** Opens the workspace with a keyring just unlocked or created; rejects (keys wiped) on failure. */
  const apri = async (store: DeviceStore, data: KeyringData, wrap: KeyringWrap): Promise<void> => {
    const [settings, setSettings] = createSignal(data.settings);
    let continuita: Continuita | undefined;
    const keeper = makeKeyringKeeper(data, wrap, store, (d) => {
      setSettings(d.settings);
      continuita?.nudge(); // a recovery key set or changed: deposits are due
    });
    let workspace: Workspace;
    try {
      workspace = await openDeviceWorkspace(keeper);
    } catch (e) {
      keeper.wipe();
      throw e;
    }
    aperto = { workspace, keeper };
    // Recovery copies (docs/RECOVERY.md): in the background, after the list has had its turn.
    void avviaContinuita(workspace, data.identity, store, () => keeper.current().settings).then((c) => {
      continuita = c;
      if (aperto?.workspace === workspace) aperto.continuita = c;
      else c.close();
    }, () => undefined);
    // Ask the browser not to evict the device's data under storage pressure (best effort).
    void navigator.storage?.persist?.().catch(() => false);
    const [route, navigate] = createRoute();
    const session: Session = {
      workspace,
      profile: data.profile,
      autore: workspace.autore,
      get settings() { return settings(); },
      chiavi: makeChiaviSessione(keeper, store),
      ricerca: avviaRicerca(workspace, data.identity, store),
      async saveSettings(next) {
        await keeper.update((d) => ({ ...d, settings: next }));
      },
      lock: () => void blocca(),
      now: () => new Date(),
      navigate,
    };
    setFase({ nome: 'sbloccato', session, route });
    sessioneMostrata(route().name === 'elenco');
  };

  // Whatever waits in the batcher goes into the encrypted log when the page is hidden or left.
  const salvaOra = (): void => { void aperto?.workspace.flush().catch(() => undefined); };
  const onVisibility = (): void => { if (document.visibilityState === 'hidden') salvaOra(); };
  onMount(() => {
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', salvaOra);
    void avvia();
  });
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', salvaOra);
  });

  const di = <N extends Fase['nome']>(nome: N) => (): Extract<Fase, { nome: N }> | undefined => {
    const f = fase();
    return f.nome === nome ? (f as Extract<Fase, { nome: N }>) : undefined;
  };

  return (
    <Switch>
      <Match when={di('avvio')()}>
        <SchermoAccesso titolo={t.appName}>
          <p class="stato-attesa" role="status"><span class="rotella" aria-hidden="true" />{t.avvio.inCorso}</p>
        </SchermoAccesso>
      </Match>
      <Match when={di('errore')()} keyed>
        {(f) => (
          <SchermoAccesso titolo={t.avvio.erroreTitolo}>
            <p class="avviso avviso-errore" role="alert">{f.messaggio}</p>
            <details class="dettaglio">
              <summary>{t.avvio.dettaglio}</summary>
              <pre>{f.dettaglio}</pre>
            </details>
            <div class="azioni">
              <button type="button" class="btn btn-primario" onClick={() => location.reload()}>{t.avvio.riprova}</button>
            </div>
          </SchermoAccesso>
        )}
      </Match>
      <Match when={di('altra-scheda')()}>
        <AltraScheda onUsaQui={usaQui} />
      </Match>
      <Match when={di('primo-avvio')()} keyed>
        {(f) => <PrimoAvvio store={f.store} onCreato={(data, wrap) => apri(f.store, data, wrap)} />}
      </Match>
      <Match when={di('bloccato')()} keyed>
        {(f) => <Sblocco store={f.store} onSbloccato={(data, wrap) => apri(f.store, data, wrap)} />}
      </Match>
      <Match when={di('sbloccato')()} keyed>
        {(f) => (
          <SessionContext.Provider value={f.session}>
            <Sbloccato session={f.session} route={f.route} />
          </SessionContext.Provider>
        )}
      </Match>
      <Match when={di('blocco')()} keyed>
        {(f) => (
          <SchermoAccesso titolo={t.sblocco.titolo}>
            <p class="stato-attesa" role="status"><span class="rotella" aria-hidden="true" />{f.messaggio}</p>
          </SchermoAccesso>
        )}
      </Match>
    </Switch>
  );
}

/** The unlocked app: the shell, and the idle timer that locks it. */
function Sbloccato(props: { session: Session; route: () => Route }): JSX.Element {
  onMount(() => {
    const timer = makeIdleTimer({
      timeoutMs: () => props.session.settings.lockAfterMinutes * 60_000,
      onIdle: () => props.session.lock(),
    });
    onCleanup(() => timer.stop());
  });
  return <Shell route={props.route} />;
}
