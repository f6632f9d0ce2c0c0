/**
 * @module client/print/Stampa
 * Printing one document of a cartella (relazione sociale, progetto, comunicazione di
 * avvio) and nothing else: `stampa()` renders it into a sheet at the top of the body, marks
 * the page so that print shows only that sheet (stampa.css), and opens the browser's print
 * dialog. The sheet carries the ente's letterhead from the settings; page numbers come from
 * the `@page` rules of client/styles.css. The sheet stays (hidden on screen) until another
 * document is printed or the cartella is left.
 */
import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { Portal } from 'solid-js/web';
import { Intestazione } from '../app/Intestazione';
import './stampa.css';

export interface DocumentoStampa {
  /** Title of the printed file (the tab's title while printing). */
  readonly titolo: string;
  readonly contenuto: () => JSX.Element;
}

const [documento, setDocumento] = createSignal<DocumentoStampa>();
const CLASSE = 'stampa-documento';

/** Prints `doc` alone, with the letterhead. */
export function stampa(doc: DocumentoStampa): void {
  setDocumento(doc);
  document.documentElement.classList.add(CLASSE);
  const titolo = document.title;
  const fine = (): void => {
    document.title = titolo;
    document.documentElement.classList.remove(CLASSE);
    window.removeEventListener('afterprint', fine);
  };
  window.addEventListener('afterprint', fine);
  // Two frames: the sheet (and any editor in it) is laid out before the print dialog opens.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    document.title = doc.titolo;
    window.print();
  }));
}

/** Where printed documents are rendered; mount once per cartella page. */
export function RadiceStampa(): JSX.Element {
  onCleanup(() => {
    setDocumento(undefined);
    document.documentElement.classList.remove(CLASSE);
  });
  return (
    <Show when={documento()} keyed>
      {(d) => (
        <Portal mount={document.body}>
          <article class="foglio-stampa" data-testid="foglio-stampa" aria-hidden="true">
            <Intestazione />
            {d.contenuto()}
          </article>
        </Portal>
      )}
    </Show>
  );
}
