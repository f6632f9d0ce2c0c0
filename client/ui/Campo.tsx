/**
 * @module client/ui/Campo
 * One labelled field of the cartella screens: label, control, help line and the inline
 * Italian error, tied together with `aria-describedby` / `aria-invalid` so that a screen
 * reader reads the help and the error with the control.
 */
import { Show, untrack, type JSX } from 'solid-js';
import { t } from '../strings';

/** What the control must spread (`{...a}`): getters, so Solid keeps them current. */
export interface AttributiCampo {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': 'true' | undefined;
  readonly 'aria-required': 'true' | undefined;
}

export interface CampoProps {
  id: string;
  etichetta: string;
  aiuto?: string | undefined;
  /** The help is read by screen readers but not shown (e.g. the date format, already in the placeholder). */
  aiutoNascosto?: boolean;
  errore?: string | undefined;
  obbligatorio?: boolean;
  /** Extra class of the wrapper (e.g. `campo-largo` to span a grid row). */
  classe?: string;
  children: (a: AttributiCampo) => JSX.Element;
}

export function Campo(props: CampoProps): JSX.Element {
  const descritto = (): string | undefined =>
    [props.aiuto ? `${props.id}-aiuto` : '', props.errore ? `${props.id}-errore` : ''].filter(Boolean).join(' ') || undefined;
  const a: AttributiCampo = {
    get id() { return props.id; },
    get 'aria-describedby'() { return descritto(); },
    get 'aria-invalid'() { return props.errore ? 'true' : undefined; },
    get 'aria-required'() { return props.obbligatorio ? 'true' : undefined; },
  };
  return (
    <div class={`campo ${props.classe ?? ''}`} classList={{ 'campo-errato': !!props.errore }}>
      <label for={props.id}>
        {props.etichetta}
        <Show when={props.obbligatorio}><span class="obbligatorio" aria-hidden="true"> *</span></Show>
      </label>
      {untrack(() => props.children(a))}
      <Show when={props.aiuto}>
        <p class="aiuto" classList={{ 'solo-lettori': !!props.aiutoNascosto }} id={`${props.id}-aiuto`}>{props.aiuto}</p>
      </Show>
      <Show when={props.errore}>
        <p class="errore-campo" id={`${props.id}-errore`}>{props.errore}</p>
      </Show>
    </div>
  );
}

/** A one-line text field. */
export function CampoTesto(props: Omit<CampoProps, 'children'> & {
  valore: string;
  onInput: (v: string) => void;
  onBlur?: () => void;
  tipo?: 'text' | 'tel' | 'email';
  maxLength?: number;
  autocomplete?: string;
  maiuscolo?: boolean;
  ref?: (el: HTMLInputElement) => void;
  disabilitato?: boolean;
}): JSX.Element {
  return (
    <Campo {...props}>
      {(a) => (
        <input {...a} type={props.tipo ?? 'text'} value={props.valore} maxLength={props.maxLength}
          autocomplete={props.autocomplete ?? 'off'} disabled={props.disabilitato}
          classList={{ maiuscolo: !!props.maiuscolo }} spellcheck={false}
          ref={(el) => props.ref?.(el)}
          onInput={(e) => props.onInput(e.currentTarget.value)} onBlur={(e) => lasciato(e.currentTarget, props.onBlur)} />
      )}
    </Campo>
  );
}

/**
 * Leaving a field judges what was written in it; leaving it empty says nothing yet (the
 * "required" message waits for the submit): tabbing through a form never fills it with
 * errors, and nothing shifts under a pointer on its way to the button.
 */
export function lasciato(el: HTMLInputElement | HTMLTextAreaElement, onBlur: (() => void) | undefined): void {
  if (el.value.trim() !== '') onBlur?.();
}

/** A multi-line text field; Ctrl+Invio submits its form. */
export function CampoAreaTesto(props: Omit<CampoProps, 'children'> & {
  valore: string;
  onInput: (v: string) => void;
  onBlur?: () => void;
  righe?: number;
  maxLength?: number;
  disabilitato?: boolean;
}): JSX.Element {
  return (
    <Campo {...props}>
      {(a) => (
        <textarea {...a} value={props.valore} rows={props.righe ?? 3} maxLength={props.maxLength}
          disabled={props.disabilitato} aria-keyshortcuts="Control+Enter"
          onInput={(e) => props.onInput(e.currentTarget.value)} onBlur={(e) => lasciato(e.currentTarget, props.onBlur)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }} />
      )}
    </Campo>
  );
}

/** Label text for optional fields in a form where most are required. */
export const facoltativo = (etichetta: string): string => `${etichetta} ${t.cartella.comune.facoltativo}`;
