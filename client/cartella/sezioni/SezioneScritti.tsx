/**
 * @module client/cartella/sezioni/SezioneScritti
 * A section of written items of the prof document (verbali d'équipe, valutazioni): a title,
 * "new" for the équipe while the cartella is open, the form that creates an item, then the
 * items newest first, each with its text in the shared editor. The item just created opens
 * its editor at once. Sections differ only in their form and in how an item is titled.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { t } from '../../strings';
import { Pulsante } from '../../ui';
import { useCartella } from '../contesto';
import { createPerId } from '../createPerId';
import { ElementoConTesto } from './ElementoConTesto';

export interface TestiSezione {
  readonly titolo: string;
  readonly nuovo: string;
  readonly vuoto: string;
  readonly apri: string;
  readonly chiudiTesto: string;
}

/** What every written item has (the model's `Scritto`). */
interface Scritto { readonly id: string; readonly testo: string }

export function SezioneScritti<T extends Scritto>(props: {
  /** The prof list (its CSS class and the ids of its titles). */
  lista: 'verbali' | 'valutazione';
  classe: string;
  testi: TestiSezione;
  elementi: () => readonly T[];
  /** The item named in the address: its editor opens. */
  elemento?: string | undefined;
  /** The form creating an item: `creato(id)` once it exists, `annulla()` to close it. */
  modulo: (creato: (id: string) => void, annulla: () => void) => JSX.Element;
  titoloDi: (x: T) => string;
  sottotitoloDi: (x: T) => string;
  etichettaEditor: (x: T) => string;
}): JSX.Element {
  const c = useCartella();
  const [nuovo, setNuovo] = createSignal(false);
  const [appena, setAppena] = createSignal<string | undefined>(props.elemento);
  const righe = createPerId(() => [...props.elementi()].reverse());
  const idTitolo = `titolo-${props.classe}`;
  return (
    <section class={`sezione ${props.classe}`} aria-labelledby={idTitolo}>
      <div class="testa-sezione">
        <h2 id={idTitolo}>{props.testi.titolo}</h2>
        <Show when={c.equipe() && !c.chiusa() && !nuovo()}>
          <Pulsante variante="primario" onClick={() => setNuovo(true)}>{props.testi.nuovo}</Pulsante>
        </Show>
      </div>
      <Show when={c.chiusa()}><p class="nota">{t.cartella.comune.chiusaSolaLettura}</p></Show>
      <Show when={nuovo()}>
        <div class="scheda">{props.modulo((id) => { setAppena(id); setNuovo(false); }, () => setNuovo(false))}</div>
      </Show>
      <Show when={righe().length > 0} fallback={<p class="vuoto">{props.testi.vuoto}</p>}>
        <ol class="elenco-diario">
          <For each={righe()}>
            {(v) => (
              <ElementoConTesto lista={props.lista} id={v().id} titolo={props.titoloDi(v())} testo={v().testo}
                sottotitolo={props.sottotitoloDi(v())} etichettaEditor={props.etichettaEditor(v())}
                aperto={appena() === v().id} apri={props.testi.apri} chiudi={props.testi.chiudiTesto} />
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
