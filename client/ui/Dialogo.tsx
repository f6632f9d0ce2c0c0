/**
 * @module client/ui/Dialogo
 * A modal dialog on the native `<dialog>`: the browser traps focus, Esc closes it and the
 * focus returns to what opened it. Used for short confirmations and small forms.
 */
import { createEffect, onCleanup, type JSX } from 'solid-js';

export function Dialogo(props: {
  aperto: boolean;
  titolo: string;
  onChiudi: () => void;
  children: JSX.Element;
  id?: string;
}): JSX.Element {
  let el: HTMLDialogElement | undefined;
  let prima: Element | null = null;
  const idTitolo = `${props.id ?? 'dialogo'}-titolo`;
  createEffect(() => {
    if (!el) return;
    if (props.aperto && !el.open) {
      prima = document.activeElement;
      el.showModal();
    } else if (!props.aperto && el.open) {
      el.close();
    }
  });
  const chiuso = (): void => {
    if (prima instanceof HTMLElement) prima.focus();
    if (props.aperto) props.onChiudi();
  };
  onCleanup(() => { if (el?.open) el.close(); });
  return (
    <dialog ref={el} class="dialogo" id={props.id} aria-labelledby={idTitolo} onClose={chiuso}>
      <h2 id={idTitolo}>{props.titolo}</h2>
      {props.children}
    </dialog>
  );
}
