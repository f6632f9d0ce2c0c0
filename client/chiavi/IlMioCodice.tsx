/**
 * @module client/chiavi/IlMioCodice
 * This device's code ("il mio codice"): the public keys a colleague needs to seal a cartella
 * to this device. Not a secret; shown grouped for reading aloud, with a copy button, and as a QR
 * code the colleague's device reads in "Affida la cartella a un collega" (taken in person, it
 * cannot be swapped in transit: docs/SHARING.md, "Threat notes").
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { useSession } from '../app/session';
import { t } from '../strings';
import { Qr } from '../ui/Qr';

const s = t.chiavi.mioCodice;

export function IlMioCodice(): JSX.Element {
  const session = useSession();
  const codice = session.chiavi.mioCodice();
  const [copiato, setCopiato] = createSignal(false);
  const copia = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(codice);
      setCopiato(true);
    } catch {
      // No clipboard (permissions): the code stays selectable on screen.
      setCopiato(false);
    }
  };
  return (
    <section class="scheda" aria-labelledby="imp-mio-codice">
      <h2 id="imp-mio-codice">{s.titolo}</h2>
      <p class="aiuto">{s.aiuto}</p>
      <p class="codice-chiave" data-testid="mio-codice" tabindex="0">{codice}</p>
      <Qr testo={codice} etichetta={s.qr} testid="mio-codice-qr" />
      <p class="aiuto">{s.qrAiuto}</p>
      <div class="azioni">
        <button type="button" class="btn" onClick={() => void copia()}>{s.copia}</button>
        <span role="status" class="esito"><Show when={copiato()}><span class="esito-ok">{s.copiato}</span></Show></span>
      </div>
      <p><a href="#/ricevi">{t.chiavi.ricevi.titolo}</a></p>
    </section>
  );
}
