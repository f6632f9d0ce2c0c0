/**
 * @module client/cartella/stampe/StampaProgetto
 * The printed progetto individualizzato, for the person to read and sign: dates, review
 * schedule, each objective with results, commitments, supports and times, signatures.
 */
import { For, Show, type JSX } from 'solid-js';
import { prossimaVerifica } from '../../../crdt/model';
import { formatData } from '../../app/date';
import { t } from '../../strings';
import { dataBreve } from '../../ui';
import { useCartella } from '../contesto';
import { DatiPersona } from './DatiPersona';

const s = t.cartella.progetto;

export function StampaProgetto(): JSX.Element {
  const c = useCartella();
  const resp = (): string => { const r = c.vista().admin.meta.responsabile; return r ? c.nomeDi(r) : ''; };
  return (
    <Show when={c.vista().prof?.progetto}>
      {(p) => (
        <div class="documento-progetto">
          <h1>{t.cartella.stampa.progetto}</h1>
          <dl class="dati-documento">
            <DatiPersona />
            <dt>{s.dataInizio}</dt><dd>{dataBreve(p().dataInizio)}</dd>
            <dt>{s.chiusuraPrevista}</dt><dd>{dataBreve(p().chiusuraPrevista)}</dd>
            <dt>{s.verificaOgniMesi}</dt><dd>{p().verificaOgniMesi} — {s.prossimaVerifica.toLowerCase()} {dataBreve(prossimaVerifica(p()))}</dd>
            <Show when={p().firmatoIl}>{(f) => <><dt>{s.firmatoIl}</dt><dd>{dataBreve(f())}</dd></>}</Show>
          </dl>
          <table>
            <thead>
              <tr><th>{s.obiettivo}</th><th>{s.risultatiAttesi}</th><th>{s.impegniPersona}</th><th>{s.sostegniServizi}</th><th>{s.tempi}</th></tr>
            </thead>
            <tbody>
              <For each={p().obiettivi}>
                {(o) => (
                  <tr>
                    <td>{o.descrizione}</td><td>{o.risultatiAttesi}</td><td>{o.impegniPersona}</td><td>{o.sostegniServizi}</td>
                    <td>{o.tempi}{o.scadenza ? ` (${dataBreve(o.scadenza)})` : ''}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <div class="firme">
            <div class="firma">{s.firmaPersona}<br />{`${c.vista().admin.anagrafica.nome ?? ''} ${c.vista().admin.anagrafica.cognome ?? ''}`}</div>
            <div class="firma">{s.firmaOperatore}<br />{resp()}</div>
          </div>
          <p class="piede-documento">{t.cartella.stampa.stampatoIl(formatData(c.now()))}</p>
        </div>
      )}
    </Show>
  );
}
