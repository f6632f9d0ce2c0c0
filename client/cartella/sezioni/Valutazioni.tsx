/**
 * @module client/cartella/sezioni/Valutazioni
 * Assessment notes: valutazione del bisogno, intermedia, finale — each dated and written in
 * the shared editor right after it is created.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { registraValutazione } from '../../../crdt/model';
import { t } from '../../strings';
import { dataBreve, dataLunga, ModuloSemplice, oggiTesto, Pulsante } from '../../ui';
import { useCartella } from '../contesto';
import { createPerId } from '../createPerId';
import { ElementoConTesto } from './ElementoConTesto';

const s = t.cartella.valutazione;
const TIPI = ['bisogno', 'intermedia', 'finale'] as const;

export function Valutazioni(props: { elemento?: string | undefined }): JSX.Element {
  const c = useCartella();
  const [nuova, setNuova] = createSignal(false);
  const [appena, setAppena] = createSignal<string | undefined>(props.elemento);
  const righe = createPerId(() => [...(c.vista().prof?.valutazioni ?? [])].reverse());
  const tipi = t.cartella.etichette.tipiValutazione;
  return (
    <section class="sezione valutazioni" aria-labelledby="titolo-valutazioni">
      <div class="testa-sezione">
        <h2 id="titolo-valutazioni">{s.titolo}</h2>
        <Show when={c.equipe() && !c.chiusa() && !nuova()}><Pulsante variante="primario" onClick={() => setNuova(true)}>{s.nuova}</Pulsante></Show>
      </div>
      <Show when={c.chiusa()}><p class="nota">{t.cartella.comune.chiusaSolaLettura}</p></Show>
      <Show when={nuova()}>
        <div class="scheda">
          <ModuloSemplice id="valutazione" titolo={s.nuova} invio={s.crea} now={c.now} annulla={() => setNuova(false)}
            campiDegliErrori={{ data_futura: 'data' }}
            campi={[
              { chiave: 'tipo', etichetta: s.tipo, tipo: 'scelta', obbligatorio: true, opzioni: TIPI.map((x) => ({ valore: x, etichetta: tipi[x] ?? x })) },
              { chiave: 'data', etichetta: s.data, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
            ]}
            onInvia={(v) => {
              const r = c.esegui((x, ctx) => registraValutazione(x, { tipo: v['tipo'] as (typeof TIPI)[number], data: String(v['data']) }, ctx));
              if (r.ok) { setAppena(r.value); setNuova(false); }
              return r;
            }} />
        </div>
      </Show>
      <Show when={righe().length > 0} fallback={<p class="vuoto">{s.vuoto}</p>}>
        <ol class="elenco-diario">
          <For each={righe()}>
            {(v) => (
              <ElementoConTesto lista="valutazione" id={v().id} titolo={`${tipi[v().tipo]} — ${dataLunga(v().data)}`} testo={v().testo}
                sottotitolo={c.nomeDi(v().autore)} etichettaEditor={s.editor(tipi[v().tipo] ?? '', dataBreve(v().data))}
                aperto={appena() === v().id} apri={s.apri} chiudi={s.chiudiTesto} />
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
