/**
 * @module client/cartella/sezioni/Procedimento
 * The procedimento amministrativo beside the help process (L. 241/1990): iniziativa and
 * start, the due date and the days left (`termini`), and its steps — comunicazione di avvio
 * (printable, composed from the data), istruttoria (suspension, preavviso di rigetto),
 * determinazione, written communication of the outcome — plus the ISEE attestation and the
 * prestazioni granted (with their SIUSS completeness).
 */
import { Show, type JSX } from 'solid-js';
import { ETICHETTE_INIZIATIVA, termini } from '../../../crdt/model';
import { t } from '../../strings';
import { dataBreve } from '../../ui';
import { useCartella } from '../contesto';
import { ComunicazioneAvvio } from './ComunicazioneAvvio';
import { Decisione, Isee, Istruttoria } from './ModuliProcedimento';
import { Prestazioni } from './Prestazioni';

const s = t.cartella.procedimento;

export function Procedimento(): JSX.Element {
  const c = useCartella();
  const pr = (): ReturnType<typeof c.vista>['admin']['procedimento'] => c.vista().admin.procedimento;
  const term = (): ReturnType<typeof termini> => termini(pr(), c.now());
  return (
    <section class="sezione procedimento" aria-labelledby="titolo-procedimento">
      <h2 id="titolo-procedimento">{s.titolo}</h2>
      <Show when={pr().iniziativa && term()} fallback={<p class="nota">{s.nonAvviato}</p>}>
        <div class="griglia-riepilogo">
          <section class="scheda" aria-labelledby="titolo-iniziativa">
            <h3 id="titolo-iniziativa">{s.iniziativa}</h3>
            <dl class="dati">
              <dt>{s.iniziativa}</dt><dd>{ETICHETTE_INIZIATIVA[pr().iniziativa?.tipo ?? 'ufficio']}</dd>
              <Show when={pr().iniziativa?.protocollo}>{(p) => <><dt>{s.protocollo}</dt><dd>{p()}</dd></>}</Show>
              <Show when={pr().iniziativa?.dataRicezione}>{(d) => <><dt>{s.ricezione}</dt><dd>{dataBreve(d())}</dd></>}</Show>
              <Show when={pr().iniziativa?.ente}>{(e) => <><dt>{s.ente}</dt><dd>{e()}</dd></>}</Show>
              <dt>{s.avvio}</dt><dd>{dataBreve(pr().iniziativa?.dataAvvio)}</dd>
            </dl>
          </section>
          <section class="scheda scheda-termini" aria-labelledby="titolo-termini" data-testid="termini">
            <h3 id="titolo-termini">{s.termine}</h3>
            <Show when={term()}>
              {(x) => (
                <dl class="dati">
                  <dt>{s.termine}</dt><dd>{s.giorni(x().termineGiorni)}</dd>
                  <dt>{s.scadenza}</dt><dd>{dataBreve(x().scadenza)}</dd>
                  <Show when={x().concluso} fallback={
                    <>
                      <dt>{s.rimanenti}</dt>
                      <dd classList={{ 'testo-pericolo': x().scaduto }}>{x().scaduto ? s.scaduto(-x().giorniRimanenti) : x().giorniRimanenti}</dd>
                      <Show when={x().scaduto}><dt>{s.sostitutivo}</dt><dd>{dataBreve(x().scadenzaPotereSostitutivo)}</dd></Show>
                      <Show when={x().sospeso}><dt>{s.sospeso}</dt><dd>{t.cartella.comune.si}</dd></Show>
                    </>
                  }>
                    <dt>{s.concluso}</dt><dd>{x().nelTermine ? s.nelTermine : s.fuoriTermine}</dd>
                  </Show>
                </dl>
              )}
            </Show>
          </section>
        </div>
        <h3>{s.passi}</h3>
        <ol class="passi-procedimento">
          <Passo titolo={s.passo.iniziativa} fatto><p>{ETICHETTE_INIZIATIVA[pr().iniziativa?.tipo ?? 'ufficio']} — {dataBreve(pr().iniziativa?.dataAvvio)}</p></Passo>
          <Passo titolo={s.passo.avvio} fatto={!!pr().comunicazioneAvvio}><ComunicazioneAvvio /></Passo>
          <Passo titolo={s.passo.istruttoria} fatto={!!pr().determinazione}><Istruttoria /></Passo>
          <Passo titolo={s.passo.decisoria} fatto={!!pr().determinazione}><Decisione parte="determinazione" /></Passo>
          <Passo titolo={s.passo.integrativa} fatto={!!pr().comunicazioneEsito}><Decisione parte="esito" /></Passo>
        </ol>
      </Show>
      <Isee />
      <Prestazioni />
    </section>
  );
}

function Passo(props: { titolo: string; fatto?: boolean; children: JSX.Element }): JSX.Element {
  return (
    <li class="passo" classList={{ 'passo-fatto': !!props.fatto }}>
      <div class="testa-passo">
        <h4>{props.titolo}</h4>
        <span class="badge" classList={{ 'badge-ok': !!props.fatto }}>{props.fatto ? s.fatto : s.daFare}</span>
      </div>
      {props.children}
    </li>
  );
}
