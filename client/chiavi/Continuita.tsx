/**
 * @module client/chiavi/Continuita
 * In the settings: whether this device's cartelle have their recovery copy on the server
 * (docs/RECOVERY.md), or why not (no recovery key configured, the server's escrow full), and
 * the way into the responsabile's recovery procedure.
 */
import { Show, type JSX } from 'solid-js';
import { continuitaDel } from '../app/continuita';
import { formatData } from '../app/date';
import { useSession } from '../app/session';
import { t } from '../strings';

const s = t.continuita.stato;

export function Continuita(): JSX.Element {
  const session = useSession();
  const c = continuitaDel(session.workspace);
  return (
    <section class="scheda" aria-labelledby="imp-continuita" data-testid="continuita">
      <h2 id="imp-continuita">{s.titolo}</h2>
      <p class="aiuto">{s.aiuto}</p>
      <Show when={c} fallback={<p class="avviso avviso-attenzione">{s.nonConfigurata}</p>}>
        {(cont) => (
          <Show when={session.settings.recoveryPublicKey && cont().stato().configurato} fallback={<p class="avviso avviso-attenzione" data-testid="continuita-assente">{s.nonConfigurata}</p>}>
            <p role="status" data-testid="continuita-stato">{s.depositate(cont().stato().depositate, cont().stato().totale)}</p>
            <Show when={cont().stato().menoRecente}>{(d) => <p class="aiuto">{s.menoRecente(formatData(d()))}</p>}</Show>
            <Show when={cont().stato().pieno}><p class="avviso avviso-errore" role="alert">{s.pieno}</p></Show>
          </Show>
        )}
      </Show>
      <p><a href="#/recupero" data-testid="vai-recupero">{s.recupera}</a></p>
    </section>
  );
}
