/**
 * @module client/app/Shell
 * The unlocked app's frame: header (name, navigation, who is working, Scorciatoie, Blocca),
 * the sync status always in view, and the route outlet with the cartella screens and
 * Impostazioni. Owns the keyboard shortcuts and the document title per route.
 */
import { createEffect, createMemo, For, Match, onCleanup, Show, Suspense, Switch, type JSX } from 'solid-js';
import { t } from '../strings';
import { AggiornamentoDisponibile } from './AggiornamentoDisponibile';
import { Recupera, Ricevi } from '../chiavi';
import { Impostazioni } from './Impostazioni';
import { Logo } from './Logo';
import { formatRoute, type Route } from './router';
import { Agenda, CartellaView, ElencoCartelle, FlussoSiuss, NuovoAccesso, Statistiche } from './schermi';
import { ascoltaScorciatoie, SELETTORE_CERCA } from './scorciatoie';
import { Scorciatoie } from './Scorciatoie';
import { useSession } from './session';
import { StatoSync } from './StatoSync';

type VoceMenu = { nome: Route['name']; route: Route; etichetta: string; tasti: string };

const VOCI: ReadonlyArray<VoceMenu> = [
  { nome: 'elenco', route: { name: 'elenco' }, etichetta: t.shell.cartelle, tasti: 'Alt+L' },
  { nome: 'nuovo', route: { name: 'nuovo' }, etichetta: t.shell.nuovoAccesso, tasti: 'Alt+N' },
  { nome: 'agenda', route: { name: 'agenda' }, etichetta: t.shell.agenda, tasti: 'Alt+A' },
  { nome: 'statistiche', route: { name: 'statistiche' }, etichetta: t.shell.statistiche, tasti: 'Alt+S' },
  { nome: 'impostazioni', route: { name: 'impostazioni' }, etichetta: t.shell.impostazioni, tasti: 'Alt+I' },
];

/** Tries a few frames for an element that a lazily loaded screen is about to render. */
function quandoPresente(selettore: string, azione: (el: HTMLElement) => void, tentativi = 30): void {
  const el = document.querySelector<HTMLElement>(selettore);
  if (el) azione(el);
  else if (tentativi > 0) requestAnimationFrame(() => quandoPresente(selettore, azione, tentativi - 1));
}

export function Shell(props: { route: () => Route }): JSX.Element {
  const session = useSession();
  let aiuto: HTMLDialogElement | undefined;
  let main: HTMLElement | undefined;

  const cartella = createMemo(() => {
    const r = props.route();
    return r.name === 'cartella' ? r : undefined;
  });
  const cartellaId = createMemo(() => cartella()?.id);

  createEffect(() => {
    const nome = props.route().name;
    document.title = `${t.titoli[nome]} — ${t.appName}`;
  });

  onCleanup(
    ascoltaScorciatoie({
      elenco: () => session.navigate({ name: 'elenco' }),
      nuovoAccesso: () => session.navigate({ name: 'nuovo' }),
      impostazioni: () => session.navigate({ name: 'impostazioni' }),
      agenda: () => session.navigate({ name: 'agenda' }),
      statistiche: () => session.navigate({ name: 'statistiche' }),
      blocca: () => session.lock(),
      cerca: () => {
        if (props.route().name !== 'elenco') session.navigate({ name: 'elenco' });
        quandoPresente(SELETTORE_CERCA, (el) => el.focus());
      },
      aiuto: () => { if (!aiuto?.open) aiuto?.showModal(); },
    }),
  );

  const vaiAlContenuto = (e: MouseEvent): void => {
    e.preventDefault(); // "#contenuto" would be read as a route by the hash router
    main?.focus();
  };

  return (
    <div class="app">
      <a class="salta" href="#contenuto" onClick={vaiAlContenuto}>{t.shell.saltaAlContenuto}</a>
      <header class="testata non-stampare">
        <div class="testata-riga">
          <a class="marchio" href={formatRoute({ name: 'elenco' })}>
            <Logo />
            <span class="marchio-nome">{t.appName}</span>
          </a>
          <nav class="menu" aria-label={t.shell.navigazione}>
            <ul>
              <For each={VOCI}>
                {(voce) => (
                  <li>
                    <a href={formatRoute(voce.route)} aria-keyshortcuts={voce.tasti}
                      aria-current={props.route().name === voce.nome ? 'page' : undefined}>
                      {voce.etichetta}
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </nav>
          <div class="testata-utente">
            <p class="utente" data-testid="utente">
              <span class="solo-lettori">{t.shell.operatore}: </span>
              <span class="utente-nome">{session.profile.nome}</span>
              <span class="utente-ruolo">{t.ruoli[session.profile.ruolo]}</span>
            </p>
            <button type="button" class="btn-testata" aria-keyshortcuts="?" title={t.shell.scorciatoieTitolo}
              aria-haspopup="dialog" onClick={() => aiuto?.showModal()}>
              {t.shell.scorciatoie}
            </button>
            <button type="button" class="btn-testata btn-blocca" aria-keyshortcuts="Alt+B" title={t.shell.bloccaTitolo}
              onClick={() => session.lock()}>
              <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
                <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
                <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.8" />
              </svg>
              {t.shell.blocca}
            </button>
          </div>
        </div>
        <StatoSync workspace={session.workspace} />
      </header>
      <AggiornamentoDisponibile />
      <main id="contenuto" class="contenuto" tabindex="-1" ref={main}>
        <Suspense fallback={<p class="caricamento" role="status">{t.caricamento}</p>}>
          <Switch>
            <Match when={props.route().name === 'elenco'}><ElencoCartelle /></Match>
            <Match when={props.route().name === 'nuovo'}><NuovoAccesso /></Match>
            <Match when={props.route().name === 'impostazioni'}><Impostazioni /></Match>
            <Match when={props.route().name === 'agenda'}><Agenda /></Match>
            <Match when={props.route().name === 'statistiche'}><Statistiche /></Match>
            <Match when={props.route().name === 'siuss'}><FlussoSiuss /></Match>
            <Match when={props.route().name === 'ricevi'}><Ricevi /></Match>
            <Match when={props.route().name === 'recupero'}><Recupera /></Match>
            <Match when={cartellaId()}>
              {/* Keyed by id: another cartella is a new view; another section is the same view. */}
              <Show when={cartellaId()} keyed>
                {(id) => (
                  <CartellaView id={id} sezione={cartella()?.sezione ?? 'riepilogo'} elemento={cartella()?.elemento} />
                )}
              </Show>
            </Match>
          </Switch>
        </Suspense>
      </main>
      <Scorciatoie ref={(el) => { aiuto = el; }} />
    </div>
  );
}
