/**
 * @module client/ui/Pulsante
 * A button in the house style (`btn` classes of client/styles.css). While an action runs it
 * stays in place, says so and refuses a second click, so nothing is submitted twice.
 */
import { Show, type JSX } from 'solid-js';

export function Pulsante(props: {
  children: JSX.Element;
  tipo?: 'button' | 'submit';
  variante?: 'primario' | 'secondario' | 'pericolo' | 'link';
  piccolo?: boolean;
  inCorso?: boolean;
  /** Text while `inCorso` (e.g. "Salvataggio…"). */
  testoInCorso?: string;
  disabilitato?: boolean;
  onClick?: (e: MouseEvent) => void;
  titolo?: string;
  /** Accessible name when the visible text is not enough (e.g. "Registra" in a table row). */
  etichetta?: string;
  scorciatoia?: string;
  controlla?: string;
  espanso?: boolean;
  testid?: string;
  ref?: (el: HTMLButtonElement) => void;
}): JSX.Element {
  return (
    <button type={props.tipo ?? 'button'}
      class={`btn btn-${props.variante ?? 'secondario'}`} classList={{ 'btn-piccolo': !!props.piccolo }}
      disabled={props.disabilitato || props.inCorso} aria-busy={props.inCorso ? 'true' : undefined}
      title={props.titolo} aria-label={props.etichetta} aria-keyshortcuts={props.scorciatoia} aria-controls={props.controlla}
      aria-expanded={props.espanso === undefined ? undefined : props.espanso ? 'true' : 'false'}
      data-testid={props.testid} ref={(el) => props.ref?.(el)}
      onClick={(e) => props.onClick?.(e)}>
      <Show when={props.inCorso && props.testoInCorso} fallback={props.children}>{props.testoInCorso}</Show>
    </button>
  );
}

/** The refusal of an operation that belongs to no single field, announced when it appears. */
export function ErroreModulo(props: { messaggio: string | undefined }): JSX.Element {
  return (
    <Show when={props.messaggio}>
      <p class="avviso avviso-errore errore-modulo" role="alert">{props.messaggio}</p>
    </Show>
  );
}
