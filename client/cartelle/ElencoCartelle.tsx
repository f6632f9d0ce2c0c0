/**
 * @module client/cartelle/ElencoCartelle
 * Every cartella on this device: who, area, state and phase, responsible worker, last
 * activity and what needs attention; search by name or codice fiscale, filters, order.
 * Keyboard: "/" (shell) focuses the search, Invio opens the first result, ↓/↑ move along
 * the list.
 */
import { createEffect, createMemo, For, Show, type JSX } from 'solid-js';
import { AREE, ETICHETTE_AREA, ETICHETTE_FASE, FASI } from '../../crdt/model';
import { elencoMostrato } from '../app/avvio';
import { formatRoute } from '../app/router';
import { useSession } from '../app/session';
import { t } from '../strings';
import { createRiassunti } from './createRiassunti';
import { FILTRI_VUOTI, filtra, filtri, filtriAttivi, setFiltri, type Filtri } from './filtri';
import type { Riassunto } from './riassunto';
import { RigaCartella } from './RigaCartella';
import { RisultatiTesto } from './RisultatiTesto';
import './elenco.css';

const s = t.cartella.elenco;

export function ElencoCartelle(): JSX.Element {
  const session = useSession();
  const { elenco, avanzamento } = createRiassunti(session.workspace, () => session.now());
  const visibili = createMemo(() => filtra(elenco(), filtri()));
  // Every cartella read: work held back at unlock may start (client/app/avvio).
  createEffect(() => { if (!avanzamento() && elenco().length === session.workspace.cartelle().length) elencoMostrato(); });
  let corpo: HTMLTableSectionElement | undefined;

  const cambia = <K extends keyof Filtri>(k: K, v: Filtri[K]): void => { setFiltri((f) => ({ ...f, [k]: v })); };
  const link = (i: number): HTMLAnchorElement | null | undefined =>
    corpo?.querySelectorAll<HTMLAnchorElement>('a.link-cartella')[i];
  const apriPrima = (e: SubmitEvent): void => {
    e.preventDefault();
    const primo = visibili()[0];
    if (primo) session.navigate({ name: 'cartella', id: primo.id, sezione: 'riepilogo' });
  };
  const frecceRicerca = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowDown') return;
    const l = link(0);
    if (l) { e.preventDefault(); l.focus(); }
  };
  const frecceElenco = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const tutti = [...(corpo?.querySelectorAll<HTMLAnchorElement>('a.link-cartella') ?? [])];
    const i = tutti.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && i === 0) document.getElementById('cerca-cartelle')?.focus();
    else tutti[e.key === 'ArrowDown' ? Math.min(i + 1, tutti.length - 1) : i - 1]?.focus();
  };

  return (
    <div class="pagina elenco-cartelle">
      <div class="testa-pagina">
        <h1>{s.titolo}</h1>
        <a class="btn btn-primario" href={formatRoute({ name: 'nuovo' })} aria-keyshortcuts="Alt+N">{s.nuovoAccesso}</a>
      </div>

      <form class="filtri" role="search" aria-label={s.filtri} onSubmit={apriPrima}>
        <div class="campo campo-cerca">
          <label for="cerca-cartelle">{s.cerca}</label>
          <input id="cerca-cartelle" type="search" data-scorciatoia="cerca" aria-keyshortcuts="/"
            placeholder={s.cercaSegnaposto} autocomplete="off" spellcheck={false} value={filtri().testo}
            aria-describedby="cerca-aiuto" onInput={(e) => cambia('testo', e.currentTarget.value)} onKeyDown={frecceRicerca} />
          <p class="aiuto" id="cerca-aiuto">{s.suggerimento}</p>
        </div>
        <div class="filtri-scelte">
          <FiltroSelect id="filtro-stato" etichetta={s.stato} valore={filtri().stato} tutte={s.tutte}
            opzioni={Object.entries(s.statiFiltro)} onCambia={(v) => cambia('stato', v as Filtri['stato'])} />
          <FiltroSelect id="filtro-fase" etichetta={s.fase} valore={filtri().fase} tutte={s.tutte}
            opzioni={FASI.map((f) => [f, ETICHETTE_FASE[f]] as const)} onCambia={(v) => cambia('fase', v as Filtri['fase'])} />
          <FiltroSelect id="filtro-area" etichetta={s.area} valore={filtri().area} tutte={s.tutte}
            opzioni={AREE.map((a) => [a, ETICHETTE_AREA[a]] as const)} onCambia={(v) => cambia('area', v as Filtri['area'])} />
          <FiltroSelect id="filtro-avvisi" etichetta={s.avvisi} valore={filtri().avvisi} tutte={s.tutte}
            opzioni={Object.entries(s.avvisiFiltro)} onCambia={(v) => cambia('avvisi', v as Filtri['avvisi'])} />
          <FiltroSelect id="filtro-ordine" etichetta={s.ordina} valore={filtri().ordine}
            opzioni={Object.entries(s.ordini)} onCambia={(v) => cambia('ordine', (v || 'nome') as Filtri['ordine'])} />
          <Show when={filtriAttivi(filtri())}>
            <button type="button" class="btn btn-link azzera-filtri"
              onClick={() => setFiltri({ ...FILTRI_VUOTI, ordine: filtri().ordine })}>{s.azzera}</button>
          </Show>
        </div>
      </form>

      <Show when={avanzamento()} keyed>
        {(a) => (
          <p class="stato-attesa" role="status">
            <span class="rotella" aria-hidden="true" />{s.lettura(a.fatte, a.totale)}
          </p>
        )}
      </Show>
      <Show when={!avanzamento()}>
        <p class="conteggio" role="status" aria-live="polite" data-testid="conteggio-cartelle">
          {s.conteggio(visibili().length, elenco().length)}
        </p>
        <Show when={elenco().length > 0} fallback={
          <div class="vuoto scheda">
            <p>{s.nessunaCartella}</p>
            <p class="nota">{s.nessunaCartellaAiuto}</p>
            <a class="btn btn-primario" href={formatRoute({ name: 'nuovo' })}>{s.nuovoAccesso}</a>
          </div>
        }>
          <Show when={visibili().length > 0} fallback={<p class="vuoto">{s.nessunRisultato}</p>}>
            <table class="tabella-cartelle">
              <thead>
                <tr>
                  <th scope="col">{s.colonne.nome}</th>
                  <th scope="col">{s.colonne.area}</th>
                  <th scope="col">{s.colonne.fase}</th>
                  <th scope="col">{s.colonne.responsabile}</th>
                  <th scope="col">{s.colonne.attivita}</th>
                  <th scope="col">{s.colonne.avvisi}</th>
                </tr>
              </thead>
              <tbody ref={corpo} onKeyDown={frecceElenco}>
                <For each={visibili()}>{(r: Riassunto) => <RigaCartella r={r} />}</For>
              </tbody>
            </table>
          </Show>
        </Show>
      </Show>
      <RisultatiTesto testo={filtri().testo} />
    </div>
  );
}

function FiltroSelect(props: {
  id: string; etichetta: string; valore: string; tutte?: string;
  opzioni: ReadonlyArray<readonly [string, string]>; onCambia: (v: string) => void;
}): JSX.Element {
  return (
    <div class="campo">
      <label for={props.id}>{props.etichetta}</label>
      <select id={props.id} onChange={(e) => props.onCambia(e.currentTarget.value)}>
        <Show when={props.tutte !== undefined}><option value="" selected={props.valore === ''}>{props.tutte}</option></Show>
        <For each={props.opzioni}>{([v, l]) => <option value={v} selected={props.valore === v}>{l}</option>}</For>
      </select>
    </div>
  );
}

