/**
 * @module client/app/StatoSync
 * The sync state, always visible under the header: online or not, changes waiting to be
 * sent, the last moment everything was in sync, and the engine's problems in Italian (each
 * code worded in strings/app.ts; an unknown code still gets a sentence). Problems the engine
 * resolves by itself are listed as ordinary; the others are highlighted.
 */
import { createMemo, For, Show, type JSX } from 'solid-js';
import type { Workspace } from '../../crdt/workspace';
import { t } from '../strings';
import { createSyncStatus } from './createSyncStatus';
import { formatMomento, formatOra } from './date';
import { problemaOrdinario, testoProblema } from './problemiSync';

export function StatoSync(props: { workspace: Workspace }): JSX.Element {
  const stato = createSyncStatus(props.workspace);
  let dialogo: HTMLDialogElement | undefined;

  const problemi = createMemo(() => [...stato().problemi].reverse());
  const daVerificare = createMemo(() => problemi().filter((p) => !problemaOrdinario(p.code)).length + stato().rifiutate);
  const etichetta = (): string =>
    ({ 'in-linea': t.sync.inLinea, 'non-in-linea': t.sync.nonInLinea, connessione: t.sync.connessione })[stato().collegamento];

  return (
    <section class="stato-sync" aria-label={t.sync.regione} data-testid="stato-sync">
      <span class="sync-collegamento" data-stato={stato().collegamento} aria-live="polite" data-testid="sync-collegamento"
        title={stato().collegamento === 'non-in-linea' ? t.sync.nonInLineaAiuto : undefined}>
        <span class="pallino" aria-hidden="true" />
        {etichetta()}
      </span>
      <span class="sync-voce" data-testid="sync-in-attesa" classList={{ 'sync-attesa': stato().inAttesa > 0 }}>
        {stato().inAttesa > 0 ? t.sync.inAttesa(stato().inAttesa) : t.sync.nessunaInAttesa}
      </span>
      <span class="sync-voce" data-testid="sync-ultima">
        {(() => {
          const u = stato().ultimaSincronizzazione;
          return u === undefined ? t.sync.mai : t.sync.ultima(formatMomento(u));
        })()}
      </span>
      <Show when={stato().collegamento === 'non-in-linea'}>
        <span class="sync-voce sync-aiuto">{t.sync.nonInLineaAiuto}</span>
      </Show>
      <Show when={problemi().length > 0 || stato().rifiutate > 0}>
        <button type="button" class="btn-segnalazioni" classList={{ 'da-verificare': daVerificare() > 0 }}
          aria-haspopup="dialog" data-testid="sync-segnalazioni" onClick={() => dialogo?.showModal()}>
          {t.sync.segnalazioni(problemi().length + (stato().rifiutate > 0 ? 1 : 0))}
        </button>
      </Show>

      <dialog ref={dialogo} class="dialogo" aria-labelledby="segnalazioni-titolo">
        <h2 id="segnalazioni-titolo">{t.sync.titoloSegnalazioni}</h2>
        <p class="aiuto">{t.sync.introSegnalazioni}</p>
        <Show when={stato().rifiutate > 0}>
          <p class="avviso avviso-attenzione">{t.sync.rifiutate(stato().rifiutate)}</p>
        </Show>
        <Show when={problemi().length > 0} fallback={<p>{t.sync.nessunaSegnalazione}</p>}>
          <ul class="elenco-segnalazioni">
            <For each={problemi()}>
              {(p) => (
                <li classList={{ 'da-verificare': !problemaOrdinario(p.code) }}>
                  <time datetime={new Date(p.at).toISOString()}>{formatOra(p.at)}</time>
                  <span class="segnalazione-testo">{testoProblema(p.code)}</span>
                  <span class="segnalazione-tipo">
                    {problemaOrdinario(p.code) ? t.sync.ordinaria : t.sync.daVerificare} · {t.sync.codice} {p.code}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <div class="azioni">
          <button type="button" class="btn btn-secondario" onClick={() => dialogo?.close()}>{t.sync.chiudi}</button>
        </div>
      </dialog>
    </section>
  );
}
