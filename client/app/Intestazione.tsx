/**
 * @module client/app/Intestazione
 * The ente's letterhead (name and address from Impostazioni) for printed documents. Visible
 * only in print (`.solo-stampa`); the print screens put it at the top of what they print.
 * Renders nothing when no ente is set.
 */
import { Show, type JSX } from 'solid-js';
import { useSession } from './session';

export function Intestazione(): JSX.Element {
  const session = useSession();
  return (
    <Show when={session.settings.enteName || session.settings.enteAddress}>
      <header class="intestazione-stampa solo-stampa">
        <Show when={session.settings.enteName}>
          <p class="intestazione-ente">{session.settings.enteName}</p>
        </Show>
        <Show when={session.settings.enteAddress}>
          <p class="intestazione-indirizzo">{session.settings.enteAddress}</p>
        </Show>
      </header>
    </Show>
  );
}
