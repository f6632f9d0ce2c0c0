/**
 * @module client/ui/Selezione
 * A labelled native `<select>`: keyboard and screen readers work as the platform does.
 */
import { For, Show, type JSX } from 'solid-js';
import { Campo, type CampoProps } from './Campo';

export interface Opzione<V extends string> {
  readonly valore: V;
  readonly etichetta: string;
}

export function Selezione<V extends string>(props: Omit<CampoProps, 'children'> & {
  valore: V | '';
  opzioni: readonly Opzione<V>[];
  onCambia: (v: V | '') => void;
  /** Text of the empty first choice; none when omitted. */
  vuota?: string;
  disabilitato?: boolean;
  ref?: (el: HTMLSelectElement) => void;
}): JSX.Element {
  return (
    <Campo {...props}>
      {(a) => (
        <select {...a} disabled={props.disabilitato} ref={(el) => props.ref?.(el)}
          onChange={(e) => props.onCambia(e.currentTarget.value as V | '')}>
          <Show when={props.vuota !== undefined}>
            <option value="" selected={props.valore === ''}>{props.vuota}</option>
          </Show>
          <For each={props.opzioni}>
            {(o) => <option value={o.valore} selected={o.valore === props.valore}>{o.etichetta}</option>}
          </For>
        </select>
      )}
    </Campo>
  );
}

/** A group of radio buttons with a legend (for two to five choices that deserve to be seen). */
export function Scelta<V extends string>(props: {
  nome: string;
  legenda: string;
  valore: V | '';
  opzioni: readonly (Opzione<V> & { readonly aiuto?: string })[];
  onCambia: (v: V) => void;
  errore?: string | undefined;
  obbligatorio?: boolean;
  disabilitato?: boolean;
}): JSX.Element {
  const idErrore = (): string => `${props.nome}-errore`;
  return (
    <fieldset role="radiogroup" class="scelta" classList={{ 'campo-errato': !!props.errore }} disabled={props.disabilitato}
      aria-describedby={props.errore ? idErrore() : undefined} aria-required={props.obbligatorio ? 'true' : undefined}>
      <legend>{props.legenda}<Show when={props.obbligatorio}><span class="obbligatorio" aria-hidden="true"> *</span></Show></legend>
      <For each={props.opzioni}>
        {(o) => (
          <label class="opzione">
            <input type="radio" name={props.nome} value={o.valore} checked={props.valore === o.valore}
              aria-invalid={props.errore ? 'true' : undefined}
              onChange={() => props.onCambia(o.valore)} />
            <span>
              {o.etichetta}
              <Show when={o.aiuto}><span class="aiuto opzione-aiuto">{o.aiuto}</span></Show>
            </span>
          </label>
        )}
      </For>
      <Show when={props.errore}><p class="errore-campo" id={idErrore()}>{props.errore}</p></Show>
    </fieldset>
  );
}
