/**
 * @module client/app/AltraScheda
 * Shown when another tab of this browser holds the workspace (client/app/tabLock): why only
 * one tab may work at a time, and a button to move here. The other tab then saves and locks.
 */
import { createSignal, type JSX } from 'solid-js';
import { t } from '../strings';
import { SchermoAccesso } from './SchermoAccesso';

export function AltraScheda(props: { onUsaQui: () => Promise<void> }): JSX.Element {
  const [inCorso, setInCorso] = createSignal(false);
  const usaQui = async (): Promise<void> => {
    setInCorso(true);
    try {
      await props.onUsaQui();
    } finally {
      setInCorso(false);
    }
  };
  return (
    <SchermoAccesso titolo={t.altraScheda.titolo}>
      <p class="lead">{t.altraScheda.testo}</p>
      <div class="azioni">
        <button type="button" class="btn btn-primario" disabled={inCorso()} onClick={() => void usaQui()}>
          {inCorso() ? t.altraScheda.inCorso : t.altraScheda.usaQui}
        </button>
      </div>
    </SchermoAccesso>
  );
}
