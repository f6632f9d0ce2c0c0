/**
 * @module client/cartella/Conflitti
 * Offline conflicts of the admin part, each with every competing value, who wrote it and
 * when, and a button to keep it (`risolviConflitto`): nothing was dropped silently, a
 * person chooses. Works on a closed cartella too (the model allows it).
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { risolviConflitto, type Conflitto } from '../../crdt/model';
import { formatDataOra } from '../app/date';
import { t } from '../strings';
import { ErroreModulo, Pulsante, conDateItaliane } from '../ui';
import { useCartella } from './contesto';
import { campoInParole, valoreInParole } from './presentazione';

const s = t.cartella.conflitti;

export function Conflitti(): JSX.Element {
  const c = useCartella();
  return (
    <Show when={c.vista().admin.conflitti.length > 0}>
      <section class="scheda conflitti" aria-labelledby="titolo-conflitti" id="conflitti" data-testid="conflitti">
        <h2 id="titolo-conflitti">{s.titolo}</h2>
        <p class="nota">{s.intro}</p>
        <ul class="elenco-conflitti">
          <For each={c.vista().admin.conflitti}>{(x) => <VoceConflitto conflitto={x} />}</For>
        </ul>
      </section>
    </Show>
  );
}

function VoceConflitto(props: { conflitto: Conflitto }): JSX.Element {
  const c = useCartella();
  const [errore, setErrore] = createSignal<string>();
  const tieni = (scrittura: string): void => {
    const r = c.esegui((x, ctx) => risolviConflitto(x, {
      sezione: props.conflitto.sezione, campo: props.conflitto.campo, scelta: scrittura as never,
    }, ctx));
    setErrore(r.ok ? undefined : conDateItaliane(r.message));
  };
  const idTitolo = `conflitto-${props.conflitto.sezione}-${props.conflitto.campo}`;
  return (
    <li class="conflitto">
      <h3 id={idTitolo}>{campoInParole(props.conflitto)}</h3>
      <ul class="valori-conflitto" aria-labelledby={idTitolo}>
        <For each={props.conflitto.valori}>
          {(v) => (
            <li class="valore-conflitto">
              <p class="valore">{valoreInParole(v.valore)}</p>
              <p class="nota">{s.valore(c.nomeDi(v.autore), formatDataOra(new Date(v.il)))}</p>
              <Pulsante piccolo onClick={() => tieni(v.scrittura)}>{s.tieni}</Pulsante>
            </li>
          )}
        </For>
      </ul>
      <ErroreModulo messaggio={errore()} />
    </li>
  );
}
