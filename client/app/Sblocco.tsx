/**
 * @module client/app/Sblocco
 * The locked app: one passphrase field. `openKeyring` runs Argon2id (~0.1 s, main thread)
 * behind a visible "Sblocco in corso…"; a wrong passphrase says so plainly and keeps the
 * typed text selected for another try; every other refusal code has its own sentence.
 */
import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { openKeyring, wipeKeyringWrap, type KeyringData, type KeyringWrap } from '../../crypto';
import { t } from '../strings';
import { Campo } from './Campo';
import type { DeviceStore } from './deviceStore';
import { nextPaint } from './nextPaint';
import { SchermoAccesso } from './SchermoAccesso';

const s = t.sblocco;

type Fase = 'attesa' | 'sblocco' | 'apertura';

export function Sblocco(props: {
  store: DeviceStore;
  /** The keyring opened: open the workspace with it (rejects if that fails). */
  onSbloccato: (data: KeyringData, wrap: KeyringWrap) => Promise<void>;
}): JSX.Element {
  const [passphrase, setPassphrase] = createSignal('');
  const [fase, setFase] = createSignal<Fase>('attesa');
  const [errore, setErrore] = createSignal<string | undefined>();
  let campo: HTMLInputElement | undefined;

  onMount(() => campo?.focus());

  const riprova = (messaggio: string): void => {
    setErrore(messaggio);
    setFase('attesa');
    queueMicrotask(() => { campo?.focus(); campo?.select(); });
  };

  const sblocca = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (fase() !== 'attesa') return;
    if (passphrase() === '') return riprova(s.vuota);
    setErrore(undefined);
    setFase('sblocco');
    await nextPaint();
    const sealed = await props.store.readKeyring();
    if (!sealed) {
      location.reload(); // the keyring vanished (site data cleared in another tab): start again
      return;
    }
    const opened = openKeyring(sealed, passphrase());
    if (!opened.ok) return riprova(s.errori[opened.code] ?? s.erroreSconosciuto(opened.code));
    setPassphrase('');
    setFase('apertura');
    try {
      await props.onSbloccato(opened.value.data, opened.value.wrap);
    } catch {
      wipeKeyringWrap(opened.value.wrap);
      riprova(s.errori.apertura ?? s.erroreSconosciuto('apertura'));
    }
  };

  return (
    <SchermoAccesso titolo={s.titolo}>
      <p class="lead">{s.intro}</p>
      <form class="modulo" noValidate onSubmit={(e) => void sblocca(e)} aria-busy={fase() !== 'attesa'}>
        {/* For password managers: which account this passphrase belongs to. */}
        <input type="text" name="username" autocomplete="username" value="cartella" hidden readOnly />
        <Campo id="sblocco-passphrase" etichetta={s.passphrase} errore={errore()} annuncia>
          {(a) => (
            <input {...a} ref={campo} type="password" name="passphrase" autocomplete="current-password"
              autocapitalize="off" spellcheck={false} required disabled={fase() !== 'attesa'}
              value={passphrase()} onInput={(e) => { setPassphrase(e.currentTarget.value); setErrore(undefined); }} />
          )}
        </Campo>
        <div class="azioni">
          <button type="submit" class="btn btn-primario" disabled={fase() !== 'attesa'}>{s.sblocca}</button>
          <Show when={fase() !== 'attesa'}>
            <span class="stato-attesa" role="status" data-testid="sblocco-stato">
              <span class="rotella" aria-hidden="true" />
              {fase() === 'sblocco' ? s.inCorso : s.apertura}
            </span>
          </Show>
        </div>
      </form>
      <p class="nota">{s.dimenticata}</p>
    </SchermoAccesso>
  );
}
