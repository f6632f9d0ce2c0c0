/**
 * @module client/app/AggiornamentoDisponibile
 * A calm banner when a new version of the app waits (client/app/pwa): "Aggiorna ora" saves the
 * pending work into the encrypted log first, then lets the new version take over (the page
 * reloads, so the passphrase is asked again). "Più tardi" hides it until the next start.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { t } from '../strings';
import { aggiornamentoDisponibile, attivaAggiornamento } from './pwa';
import { useSession } from './session';

export function AggiornamentoDisponibile(): JSX.Element {
  const session = useSession();
  const [nascosto, setNascosto] = createSignal(false);
  const [inCorso, setInCorso] = createSignal(false);
  const aggiorna = async (): Promise<void> => {
    setInCorso(true);
    try {
      await session.workspace.flush();
    } finally {
      await attivaAggiornamento();
    }
  };
  return (
    <Show when={aggiornamentoDisponibile() && !nascosto()}>
      <div class="banner non-stampare" role="status">
        <p><strong>{t.aggiornamento.disponibile}</strong> {t.aggiornamento.nota}</p>
        <div class="azioni">
          <button type="button" class="btn btn-primario" disabled={inCorso()} onClick={() => void aggiorna()}>
            {t.aggiornamento.aggiorna}
          </button>
          <button type="button" class="btn btn-secondario" onClick={() => setNascosto(true)}>{t.aggiornamento.dopo}</button>
        </div>
      </div>
    </Show>
  );
}
