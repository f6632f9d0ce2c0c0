/**
 * @module client/cartelle/RigaCartella
 * One row of the list: the person (a link to the cartella), area, state and phase,
 * responsible worker, last activity and the alert badges.
 */
import { Show, type JSX } from 'solid-js';
import { ETICHETTE_AREA, ETICHETTE_FASE, ETICHETTE_STATO } from '../../crdt/model';
import { formatRoute } from '../app/router';
import { t } from '../strings';
import { dataBreve } from '../ui';
import type { Riassunto } from './riassunto';

const s = t.cartella.elenco;

export function RigaCartella(props: { r: Riassunto }): JSX.Element {
  const r = props.r;
  const nome = r.cognome || r.nome ? `${r.cognome} ${r.nome}`.trim() : s.senzaNome;
  const avvisi = s.avvisiBadge(r.critici, r.attenzione);
  const mostraStato = r.stato !== 'aperta';
  return (
    <tr data-stato={r.stato}>
      <td class="cella-persona">
        <a class="link-cartella" href={formatRoute({ name: 'cartella', id: r.id, sezione: 'riepilogo' })}>{nome}</a>
        <Show when={r.codiceFiscale}><span class="cf">{r.codiceFiscale}</span></Show>
      </td>
      <td>{r.area ? ETICHETTE_AREA[r.area] : t.cartella.comune.nessuno}</td>
      <td>
        <Show when={r.fase}>{(f) => <span class="fase">{ETICHETTE_FASE[f()]}</span>}</Show>
        <Show when={mostraStato}>
          <span class="badge" classList={{ 'badge-chiusa': r.stato === 'chiusa', 'badge-attenzione': r.stato === 'chiusura_proposta' }}>
            {ETICHETTE_STATO[r.stato]}
          </span>
        </Show>
      </td>
      <td>{r.responsabile ?? t.cartella.comune.nessuno}</td>
      <td class="cella-data">{r.ultimaAttivita ? dataBreve(r.ultimaAttivita) : t.cartella.comune.nessuno}</td>
      <td class="cella-avvisi" title={r.messaggi.join('\n')}>
        <Show when={avvisi} fallback={<span class="nessun-avviso">{s.nessunAvviso}</span>}>
          <Show when={r.critici > 0}><span class="badge badge-pericolo">{s.avvisiBadge(r.critici, 0)}</span></Show>
          <Show when={r.attenzione > 0}><span class="badge badge-attenzione">{s.avvisiBadge(0, r.attenzione)}</span></Show>
        </Show>
      </td>
    </tr>
  );
}
