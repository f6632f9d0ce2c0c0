/**
 * @module client/app/Campo
 * One labelled form field of the shell's own forms: the label, the control, a help line and
 * the inline error, tied together with `aria-describedby` / `aria-invalid` so a screen reader
 * reads the help and the error with the field. (Shared form components of the cartella
 * screens live in client/ui/.)
 */
import { Show, untrack, type JSX } from 'solid-js';

/**
 * The attributes the control must spread (`{...a}`) to be described by the help and the
 * error. They are getters: Solid's spread keeps them up to date without re-creating the
 * control (which would lose focus and the caret).
 */
export interface AttributiCampo {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': 'true' | undefined;
}

export function Campo(props: {
  id: string;
  etichetta: string;
  aiuto?: string;
  errore?: string | undefined;
  /** Announce the error as soon as it appears (a refusal after submit, not a typing hint). */
  annuncia?: boolean;
  children: (attributi: AttributiCampo) => JSX.Element;
}): JSX.Element {
  const descritto = (): string | undefined =>
    [props.aiuto ? `${props.id}-aiuto` : '', props.errore ? `${props.id}-errore` : ''].filter(Boolean).join(' ') || undefined;
  const attributi: AttributiCampo = {
    get id() { return props.id; },
    get 'aria-describedby'() { return descritto(); },
    get 'aria-invalid'() { return props.errore ? 'true' : undefined; },
  };
  return (
    <div class="campo" classList={{ 'campo-errato': !!props.errore }}>
      <label for={props.id}>{props.etichetta}</label>
      {untrack(() => props.children(attributi))}
      <Show when={props.aiuto}>
        <p class="aiuto" id={`${props.id}-aiuto`}>{props.aiuto}</p>
      </Show>
      <Show when={props.errore}>
        <p class="errore-campo" id={`${props.id}-errore`} role={props.annuncia ? 'alert' : undefined}>{props.errore}</p>
      </Show>
    </div>
  );
}
