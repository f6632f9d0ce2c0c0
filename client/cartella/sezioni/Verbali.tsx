/**
 * @module client/cartella/sezioni/Verbali
 * Verbali d'équipe: date, participants (at least two) and the minutes, written together
 * in the shared editor right after the verbale is created.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { aggiungiVerbale } from '../../../crdt/model';
import { t } from '../../strings';
import { dataBreve, dataLunga, ModuloSemplice, oggiTesto, Pulsante } from '../../ui';
import { useCartella } from '../contesto';
import { createPerId } from '../createPerId';
import { ElementoConTesto } from './ElementoConTesto';

const s = t.cartella.verbali;

export function Verbali(props: { elemento?: string | undefined }): JSX.Element {
  const c = useCartella();
  const [nuovo, setNuovo] = createSignal(false);
  const [appena, setAppena] = createSignal<string | undefined>(props.elemento);
  const righe = createPerId(() => [...(c.vista().prof?.verbali ?? [])].reverse());
  return (
    <section class="sezione verbali" aria-labelledby="titolo-verbali">
      <div class="testa-sezione">
        <h2 id="titolo-verbali">{s.titolo}</h2>
        <Show when={c.equipe() && !c.chiusa() && !nuovo()}><Pulsante variante="primario" onClick={() => setNuovo(true)}>{s.nuovo}</Pulsante></Show>
      </div>
      <Show when={c.chiusa()}><p class="nota">{t.cartella.comune.chiusaSolaLettura}</p></Show>
      <Show when={nuovo()}>
        <div class="scheda">
          <ModuloSemplice id="verbale" titolo={s.nuovo} invio={s.crea} now={c.now} annulla={() => setNuovo(false)}
            campiDegliErrori={{ campo_obbligatorio: 'partecipanti', data_futura: 'data' }}
            campi={[
              { chiave: 'data', etichetta: s.data, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
              { chiave: 'partecipanti', etichetta: s.partecipanti, tipo: 'area', obbligatorio: true, aiuto: s.partecipantiAiuto,
                iniziale: `${c.utente.name}\n` },
            ]}
            onInvia={(v) => {
              const partecipanti = String(v['partecipanti'] ?? '').split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
              if (partecipanti.length < 2) return { ok: false, code: 'campo_obbligatorio', message: s.almenoDue };
              const r = c.esegui((x, ctx) => aggiungiVerbale(x, { data: String(v['data']), partecipanti }, ctx));
              if (r.ok) { setAppena(r.value); setNuovo(false); }
              return r;
            }} />
        </div>
      </Show>
      <Show when={righe().length > 0} fallback={<p class="vuoto">{s.vuoto}</p>}>
        <ol class="elenco-diario">
          <For each={righe()}>
            {(v) => (
              <ElementoConTesto lista="verbali" id={v().id} titolo={dataLunga(v().data)} testo={v().testo}
                sottotitolo={`${v().partecipanti.join(', ')} · ${c.nomeDi(v().autore)}`} etichettaEditor={s.editor(dataBreve(v().data))}
                aperto={appena() === v().id} apri={s.apri} chiudi={s.chiudiTesto} />
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
