/**
 * @module client/cartella/sezioni/Riepilogo
 * The cartella at a glance: the segretariato's outcome still to decide, open conflicts
 * (resolvable here), what needs doing (`avvisi`, each leading to its section), the current
 * phase's documents, the procedure's due date, the phase and the équipe.
 */
import { For, Show, type JSX } from 'solid-js';
import {
  checklist, ETICHETTE_ESITO_SEGRETARIATO, ETICHETTE_FASE, ETICHETTE_RUOLO, termini,
} from '../../../crdt/model';
import { t } from '../../strings';
import { conDateItaliane, dataBreve } from '../../ui';
import { CambiaFase } from '../CambiaFase';
import { Conflitti } from '../Conflitti';
import { useCartella } from '../contesto';
import { EsitoSegretariato } from '../EsitoSegretariato';
import { sezioneDiAvviso } from '../presentazione';
import { Appuntamenti } from './Appuntamenti';

const s = t.cartella.riepilogo;

export function Riepilogo(): JSX.Element {
  const c = useCartella();
  const v = c.vista;
  const lista = (): ReturnType<typeof checklist> => checklist(v());
  const mancanti = (): ReturnType<typeof checklist>['mancanti'][number][] => lista().mancanti.filter((x) => x.stato !== 'non_verificabile');
  const nonVerificabili = (): number => lista().voci.filter((x) => x.stato === 'non_verificabile').length;
  const term = (): ReturnType<typeof termini> => termini(v().admin.procedimento, c.now());
  const aperta = (): boolean => v().stato === 'aperta' || v().stato === 'chiusura_proposta';
  // Missing documents are listed by the checklist card: here they are one line.
  const daFare = (): ReturnType<typeof c.avvisi>[number][] => {
    const tutti = c.avvisi();
    const doc = tutti.filter((a) => a.codice === 'documento_mancante');
    // Conflicts have their own card just above.
    const altri = tutti.filter((a) => a.codice !== 'documento_mancante' && a.codice !== 'conflitto');
    return doc.length === 0 ? [...altri] : [...altri, { codice: 'documento_mancante', gravita: 'attenzione', messaggio: s.documentiMancanti(doc.length) }];
  };
  return (
    <div class="riepilogo">
      <Show when={v().stato === 'accesso'}>
        <section class="scheda" aria-labelledby="titolo-esito-riepilogo">
          <h2 id="titolo-esito-riepilogo">{t.cartella.nuovo.esitoTitolo}</h2>
          <Show when={c.decisionale()} fallback={<p>{t.cartella.nuovo.esitoNonDecisionale}</p>}>
            <EsitoSegretariato onConcluso={() => undefined} />
          </Show>
        </section>
      </Show>
      <Conflitti />
      <div class="griglia-riepilogo">
        <section class="scheda avvisi-cartella" aria-labelledby="titolo-avvisi">
          <h2 id="titolo-avvisi">{s.avvisi}</h2>
          <Show when={daFare().length > 0} fallback={<p class="avviso avviso-ok">{s.nessunAvviso}</p>}>
            <ul class="elenco-avvisi" data-testid="avvisi">
              <For each={daFare()}>
                {(a) => {
                  const dove = sezioneDiAvviso(a.codice);
                  return (
                    <li class="voce-avviso" data-gravita={a.gravita}>
                      <span class="badge" classList={{ 'badge-pericolo': a.gravita === 'critico', 'badge-attenzione': a.gravita === 'attenzione' }}>
                        {t.cartella.etichette.gravita[a.gravita]}
                      </span>
                      <span class="testo-avviso">{conDateItaliane(a.messaggio)}</span>
                      <Show when={dove}>
                        {(d) => <a class="vai-avviso" href={`#/cartella/${c.aperta.id}/${d()}`}>{s.vai}<span class="solo-lettori">: {t.cartella.sezioni[d()]}</span></a>}
                      </Show>
                    </li>
                  );
                }}
              </For>
            </ul>
          </Show>
        </section>

        <section class="scheda" aria-labelledby="titolo-checklist">
          <h2 id="titolo-checklist">{s.checklist}</h2>
          <p class="nota">{ETICHETTE_FASE[lista().fase]}</p>
          <Show when={mancanti().length > 0} fallback={<p class="esito-ok">{s.checklistCompleta}</p>}>
            <p>{s.checklistConta(lista().voci.filter((x) => x.completo).length, lista().voci.length - nonVerificabili())}</p>
            <ul class="elenco-semplice">
              <For each={mancanti()}>{(m) => <li>{m.descrizione}</li>}</For>
            </ul>
          </Show>
          <Show when={nonVerificabili() > 0}><p class="nota">{s.nonVerificabili(nonVerificabili())}</p></Show>
          <a href={`#/cartella/${c.aperta.id}/documenti`}>{s.vediDocumenti}</a>
        </section>

        <Show when={term()}>
          {(x) => (
            <section class="scheda" aria-labelledby="titolo-proc-riepilogo">
              <h2 id="titolo-proc-riepilogo">{s.procedimento}</h2>
              <Show when={!x().concluso} fallback={<p class="esito-ok">{s.concluso}</p>}>
                <p classList={{ 'testo-pericolo': x().scaduto }}>{s.scadenza(dataBreve(x().scadenza), x().giorniRimanenti)}</p>
              </Show>
              <a href={`#/cartella/${c.aperta.id}/procedimento`}>{s.vediProcedimento}</a>
            </section>
          )}
        </Show>

        <Show when={v().admin.segretariato.accesso}>
          {(acc) => (
            <section class="scheda" aria-labelledby="titolo-segretariato">
              <h2 id="titolo-segretariato">{s.segretariato}</h2>
              <p>{s.accesso(dataBreve(acc().data), t.cartella.etichette.canali[acc().canale] ?? acc().canale)}</p>
              <p class="citazione">{acc().richiesta}</p>
              <Show when={v().admin.segretariato.esito}>
                {(e) => <p><strong>{ETICHETTE_ESITO_SEGRETARIATO[e().esito]}</strong> — {dataBreve(e().data)}</p>}
              </Show>
            </section>
          )}
        </Show>

        <Show when={v().fase}>
          {(f) => (
            <section class="scheda" aria-labelledby="titolo-fase">
              <h2 id="titolo-fase">{s.fase}</h2>
              <p><strong>{ETICHETTE_FASE[f().fase]}</strong> {t.cartella.vista.dal} {dataBreve(f().dal)}</p>
              <Show when={aperta() && c.decisionale() && c.aperta.cartella.prof}>
                <CambiaFase />
              </Show>
            </section>
          )}
        </Show>

        <section class="scheda" aria-labelledby="titolo-equipe">
          <h2 id="titolo-equipe">{s.equipe}</h2>
          <ul class="elenco-equipe">
            <For each={v().admin.membri}>
              {(m) => (
                <li classList={{ revocato: !!m.revocatoIl }}>
                  <strong>{m.nome}</strong> <span class="nota">{ETICHETTE_RUOLO[m.ruolo]}{m.revocatoIl ? `, ${s.revocato(dataBreve(m.revocatoIl))}` : ''}</span>
                </li>
              )}
            </For>
          </ul>
        </section>
        <Appuntamenti />
      </div>
    </div>
  );
}
