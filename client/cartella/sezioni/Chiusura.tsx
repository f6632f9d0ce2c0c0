/**
 * @module client/cartella/sezioni/Chiusura
 * Closing a cartella for exactly one of the deck's four reasons: proposed
 * (`proponiChiusura`), then confirmed (`confermaChiusura`) or withdrawn (`ritiraProposta`);
 * a closed cartella can be reopened (`riapriCartella`) with its reason. The whole history
 * stays readable. A year without activity only ever proposes closure.
 */
import { For, Match, Show, Switch, type JSX } from 'solid-js';
import { ETICHETTE_MOTIVO_CHIUSURA } from '../../../crdt/model';
import { formatDataOra } from '../../app/date';
import { t } from '../../strings';
import { conDateItaliane, dataBreve } from '../../ui';
import { useCartella } from '../contesto';
import { ConfermaChiusura, ProponiChiusura, RiapriCartella } from './ModuliChiusura';

const s = t.cartella.chiusura;

export function Chiusura(): JSX.Element {
  const c = useCartella();
  const v = c.vista;
  const attuale = (): ReturnType<typeof v>['admin']['chiusura']['attuale'] => v().admin.chiusura.attuale;
  const motivo = (): string => { const m = attuale()?.motivo; return m ? ETICHETTE_MOTIVO_CHIUSURA[m] : ''; };
  const inattiva = (): boolean => c.avvisi().some((a) => a.codice === 'proposta_chiusura_inattivita');
  return (
    <section class="sezione chiusura" aria-labelledby="titolo-chiusura">
      <h2 id="titolo-chiusura">{s.titolo}</h2>
      <Switch>
        <Match when={v().stato === 'chiusa'}>
          <Show when={c.decisionale()} fallback={<p class="nota">{t.cartella.comune.soloDecisionali}</p>}>
            <RiapriCartella />
          </Show>
        </Match>
        <Match when={v().stato === 'chiusura_proposta'}>
          <p class="avviso avviso-attenzione" data-testid="stato-chiusura">
            {s.proposta(motivo(), dataBreve(attuale()?.data), c.nomeDi(attuale()?.autore ?? ''))}
            <Show when={attuale()?.note}>{(n) => <><br />{n()}</>}</Show>
          </p>
          <Show when={c.decisionale()} fallback={<p class="nota">{t.cartella.comune.soloDecisionali}</p>}>
            <ConfermaChiusura />
          </Show>
        </Match>
        <Match when={v().stato === 'aperta'}>
          <Show when={inattiva()}><p class="avviso avviso-attenzione">{s.inattivitaProposta}</p></Show>
          <Show when={c.decisionale()} fallback={<p class="nota">{t.cartella.comune.soloDecisionali}</p>}>
            <ProponiChiusura inattiva={inattiva()} />
          </Show>
        </Match>
        <Match when={true}><p class="nota">{s.nonAperta}</p></Match>
      </Switch>
      <h3>{s.storia}</h3>
      <Show when={v().admin.chiusura.storia.length > 0} fallback={<p class="vuoto">{s.nessunaStoria}</p>}>
        <ol class="storia-chiusura">
          <For each={v().admin.chiusura.storia}>
            {(e) => (
              <li>
                <strong>{t.cartella.etichette.eventiChiusura[e.stato]}</strong> — {dataBreve(e.data)}
                <Show when={e.motivo}>{(m) => <>: {ETICHETTE_MOTIVO_CHIUSURA[m()]}</>}</Show>
                <Show when={e.destinazione}>{(d) => <> ({d()})</>}</Show>
                <Show when={e.note}>{(n) => <span class="blocco">{conDateItaliane(n())}</span>}</Show>
                <span class="nota blocco">{c.nomeDi(e.autore)}, {formatDataOra(new Date(e.il))}</span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
