/**
 * @module client/cartella/sezioni/ElementoConTesto
 * One written item of the prof part (verbale, valutazione) in a list: its heading, its text,
 * and the shared editor on its rich text when opened (colleagues' carets included).
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { frammento } from '../../../crdt/model';
import { EditorTesto } from '../../editor';
import { t } from '../../strings';
import { Pulsante } from '../../ui';
import { useCartella } from '../contesto';

export function ElementoConTesto(props: {
  lista: 'verbali' | 'valutazione';
  id: string;
  titolo: string;
  sottotitolo: string;
  testo: string;
  etichettaEditor: string;
  aperto?: boolean;
  apri: string;
  chiudi: string;
}): JSX.Element {
  const c = useCartella();
  const [aperto, setAperto] = createSignal(!!props.aperto);
  const f = c.aperta.cartella.prof ? frammento(c.aperta.cartella.prof, props.lista, props.id) : undefined;
  const idTitolo = `titolo-${props.lista}-${props.id}`;
  return (
    <li class="voce-diario elemento-testo" aria-labelledby={idTitolo}>
      <header class="testa-voce">
        <h3 id={idTitolo}>{props.titolo}</h3>
        <p class="nota">{props.sottotitolo}</p>
      </header>
      <Show when={aperto() && f} fallback={
        <div class="testo-voce">{props.testo.trim() === '' ? <span class="nota">{t.cartella.diario.testoVuoto}</span> : props.testo}</div>
      }>
        <EditorTesto frammento={f} awareness={c.awareness} utente={c.utente} modificabile={c.equipe() && !c.chiusa()}
          etichetta={props.etichettaEditor} autofocus onFine={() => setAperto(false)} />
      </Show>
      <div class="azioni azioni-voce">
        <Pulsante piccolo onClick={() => setAperto((x) => !x)} espanso={aperto()}>{aperto() ? props.chiudi : props.apri}</Pulsante>
      </div>
    </li>
  );
}
