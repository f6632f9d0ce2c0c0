/**
 * @module client/app/Scorciatoie
 * The "Scorciatoie" help: a modal dialog (native `<dialog>`: focus stays inside, Esc closes)
 * listing the keyboard shortcuts.
 */
import { For, type JSX } from 'solid-js';
import { t } from '../strings';

export function Scorciatoie(props: { ref: (dialog: HTMLDialogElement) => void }): JSX.Element {
  let dialogo: HTMLDialogElement | undefined;
  return (
    <dialog ref={(el) => { dialogo = el; props.ref(el); }} class="dialogo" aria-labelledby="scorciatoie-titolo"
      data-testid="scorciatoie">
      <h2 id="scorciatoie-titolo">{t.scorciatoie.titolo}</h2>
      <p class="aiuto">{t.scorciatoie.intro}</p>
      <table class="tabella-scorciatoie">
        <thead>
          <tr><th scope="col">{t.scorciatoie.tasto}</th><th scope="col">{t.scorciatoie.azione}</th></tr>
        </thead>
        <tbody>
          <For each={t.scorciatoie.elenco}>
            {([tasti, azione]) => (
              <tr>
                <td>
                  <For each={tasti.split(' + ')}>
                    {(tasto, i) => (<>{i() > 0 ? ' + ' : ''}<kbd>{tasto}</kbd></>)}
                  </For>
                </td>
                <td>{azione}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="azioni">
        <button type="button" class="btn btn-secondario" autofocus onClick={() => dialogo?.close()}>{t.scorciatoie.chiudi}</button>
      </div>
    </dialog>
  );
}
