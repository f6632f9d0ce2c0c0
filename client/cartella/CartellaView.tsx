/**
 * @module client/cartella/CartellaView
 * One cartella: its heading (who, state, phase, responsible worker, who else is here now),
 * the tabs of its sections (router.ts `SEZIONI`) and the open section. On a device without
 * the professional key (administrative staff) the professional sections do not exist: no
 * tab, no panel, no route. Presence and carets travel in a y-protocols Awareness bound to
 * the cartella's room (`bindAwareness`), sealed like everything else.
 */
import { createEffect, createMemo, createSignal, Match, onCleanup, Show, Switch, type JSX } from 'solid-js';
import { Awareness } from 'y-protocols/awareness';
import { bindAwareness } from '../../crdt/sync';
import type { CartellaAperta } from '../../crdt/workspace';
import { SEZIONI, type Sezione } from '../app/router';
import { RadiceStampa } from '../print';
import { useSession } from '../app/session';
import { t } from '../strings';
import { Schede, type Scheda } from '../ui';
import { ContestoCartellaCtx, creaContestoCartella } from './contesto';
import { IntestazioneCartella } from './IntestazioneCartella';
import { Anagrafica } from './sezioni/Anagrafica';
import { Chiusura } from './sezioni/Chiusura';
import { Diario } from './sezioni/Diario';
import { Documenti } from './sezioni/Documenti';
import { Equipe } from './sezioni/Equipe';
import { Procedimento } from './sezioni/Procedimento';
import { Progetto } from './sezioni/Progetto';
import { Relazioni } from './sezioni/Relazioni';
import { Riepilogo } from './sezioni/Riepilogo';
import { SchedaSinba } from './sezioni/SchedaSinba';
import { Valutazioni } from './sezioni/Valutazioni';
import { Verbali } from './sezioni/Verbali';
import './cartella.css';

/** Sections that live in the admin document: the only ones on an administrative device. */
const SEZIONI_AMMINISTRATIVE: readonly Sezione[] = ['riepilogo', 'anagrafica', 'documenti', 'procedimento', 'chiusura', 'equipe'];

export interface CartellaViewProps { id: string; sezione: Sezione; elemento?: string }

export function CartellaView(props: CartellaViewProps): JSX.Element {
  const session = useSession();
  const [aperta, setAperta] = createSignal(session.workspace.cartella(props.id));
  // The keys of a cartella may arrive while its address is open (a colleague shares it).
  onCleanup(session.workspace.subscribe(() => { if (!aperta()) setAperta(session.workspace.cartella(props.id)); }));
  return (
    <Show when={aperta()} keyed fallback={<NonTrovata />}>
      {(a) => <CartellaAperta aperta={a} sezione={props.sezione} elemento={props.elemento} />}
    </Show>
  );
}

function NonTrovata(): JSX.Element {
  return (
    <div class="pagina">
      <h1>{t.cartella.vista.nonTrovata}</h1>
      <p>{t.cartella.vista.nonTrovataAiuto}</p>
      <a class="btn btn-secondario" href="#/">{t.cartella.vista.tornaElenco}</a>
    </div>
  );
}

function CartellaAperta(props: { aperta: CartellaAperta; sezione: Sezione; elemento?: string | undefined }): JSX.Element {
  const session = useSession();
  const { aperta } = props;
  const docPresenza = aperta.cartella.prof ?? aperta.cartella.admin;
  const awareness = new Awareness(docPresenza);
  const ctx = creaContestoCartella(aperta, awareness);
  const slega = bindAwareness(aperta.prof ?? aperta.admin, awareness);
  // After binding, so that the state goes out at once (bindAwareness sends changes, not the state it finds).
  awareness.setLocalState({ user: ctx.utente, sezione: props.sezione });
  // A colleague who just arrived has not heard our state yet: say it again (see the report: bindAwareness could).
  const saluta = ({ added }: { added: number[] }, origine: unknown): void => {
    if (origine !== 'local' && added.some((id) => id !== awareness.clientID)) awareness.setLocalState(awareness.getLocalState());
  };
  awareness.on('change', saluta);
  onCleanup(() => { awareness.off('change', saluta); slega(); awareness.destroy(); });
  createEffect(() => awareness.setLocalStateField('sezione', props.sezione));

  const disponibili = aperta.cartella.prof ? SEZIONI : SEZIONI_AMMINISTRATIVE;
  const sezione = createMemo<Sezione>(() => (disponibili.includes(props.sezione) ? props.sezione : 'riepilogo'));
  const schede: readonly Scheda<Sezione>[] = disponibili.map((s, i) => ({
    valore: s, etichetta: t.cartella.sezioni[s], scorciatoia: i < 10 ? `Alt+${(i + 1) % 10}` : undefined,
  }));
  const vai = (s: Sezione): void => session.navigate({ name: 'cartella', id: aperta.id, sezione: s });

  const onKeyDown = (e: KeyboardEvent): void => {
    if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const m = /^Digit(\d)$/.exec(e.code);
    if (!m) return;
    const i = (Number(m[1]) + 9) % 10;
    const s = disponibili[i];
    if (!s) return;
    e.preventDefault();
    vai(s);
    queueMicrotask(() => document.getElementById(`tab-${s}`)?.focus());
  };
  window.addEventListener('keydown', onKeyDown);
  onCleanup(() => window.removeEventListener('keydown', onKeyDown));

  return (
    <ContestoCartellaCtx.Provider value={ctx}>
      <div class="pagina cartella" data-testid="cartella" data-stato={ctx.vista().stato}>
        <IntestazioneCartella />
        <Schede etichetta={t.cartella.vista.sezioni} schede={schede} selezionata={sezione()} onScegli={vai} idPannello="pannello-cartella" />
        <div class="pannello-cartella" id="pannello-cartella" role="tabpanel" aria-labelledby={`tab-${sezione()}`}>
          <Switch>
            <Match when={sezione() === 'riepilogo'}><Riepilogo /></Match>
            <Match when={sezione() === 'anagrafica'}><Anagrafica /></Match>
            <Match when={sezione() === 'diario'}><Diario elemento={props.elemento} /></Match>
            <Match when={sezione() === 'documenti'}><Documenti /></Match>
            <Match when={sezione() === 'procedimento'}><Procedimento /></Match>
            <Match when={sezione() === 'relazioni'}><Relazioni elemento={props.elemento} /></Match>
            <Match when={sezione() === 'progetto'}><Progetto /></Match>
            <Match when={sezione() === 'verbali'}><Verbali elemento={props.elemento} /></Match>
            <Match when={sezione() === 'valutazione'}><Valutazioni elemento={props.elemento} /></Match>
            <Match when={sezione() === 'chiusura'}><Chiusura /></Match>
            <Match when={sezione() === 'equipe'}><Equipe /></Match>
          </Switch>
          <Show when={sezione() === 'anagrafica'}><SchedaSinba /></Show>
        </div>
        <RadiceStampa />
      </div>
    </ContestoCartellaCtx.Provider>
  );
}
