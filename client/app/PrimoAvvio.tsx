/**
 * @module client/app/PrimoAvvio
 * First run on a device: the worker's profile (name, role) and the passphrase, chosen twice
 * and judged by `passphraseProblems`, with a warning that must be acknowledged: a lost
 * passphrase cannot be recovered yet. Creates the device identity and the keyring, seals it
 * under Argon2id and stores it; nothing is written before every field is valid.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import {
  deriveKeyringWrap, generateDeviceIdentity, newKeyringData, passphraseProblems, RUOLI, sealKeyring, wipeKeyringWrap,
  type KeyringData, type KeyringWrap, type Ruolo,
} from '../../crypto';
import { ImportaBackup } from '../chiavi';
import { t } from '../strings';
import { Campo } from './Campo';
import type { DeviceStore } from './deviceStore';
import { nextPaint } from './nextPaint';
import { SchermoAccesso } from './SchermoAccesso';
import { problemaNome } from './validazione';

const s = t.primoAvvio;

export function PrimoAvvio(props: {
  store: DeviceStore;
  /** The new keyring is stored; open the workspace with it (rejects if that fails). */
  onCreato: (data: KeyringData, wrap: KeyringWrap) => Promise<void>;
}): JSX.Element {
  const [nome, setNome] = createSignal('');
  const [ruolo, setRuolo] = createSignal<Ruolo | undefined>();
  const [passphrase, setPassphrase] = createSignal('');
  const [conferma, setConferma] = createSignal('');
  const [mostra, setMostra] = createSignal(false);
  const [capito, setCapito] = createSignal(false);
  const [toccati, setToccati] = createSignal<ReadonlySet<string>>(new Set());
  const [inviato, setInviato] = createSignal(false);
  const [inCorso, setInCorso] = createSignal(false);
  const [erroreGenerale, setErroreGenerale] = createSignal<string | undefined>();
  const [daBackup, setDaBackup] = createSignal(false);

  const tocca = (campo: string): void => { setToccati((prev) => new Set([...prev, campo])); };
  const visibile = (campo: string): boolean => inviato() || toccati().has(campo);

  const erroreNome = (): string | undefined => problemaNome(nome());
  const erroreRuolo = (): string | undefined => (ruolo() ? undefined : s.errori.ruoloMancante);
  const erroriPassphrase = (): string[] => {
    if (passphrase() === '') return [s.errori.passphraseVuota];
    return passphraseProblems(passphrase()).map((p) => s.errori[p]);
  };
  const erroreConferma = (): string | undefined => {
    if (conferma() === '') return s.errori.confermaVuota;
    return conferma() === passphrase() ? undefined : s.errori.diverse;
  };
  const erroreAvviso = (): string | undefined => (capito() ? undefined : s.errori.avvisoNonConfermato);

  // The passphrase is judged while it is typed (that is when the hint helps), the rest on blur.
  const mostraErroreNome = (): string | undefined => (visibile('nome') ? erroreNome() : undefined);
  const mostraErroreRuolo = (): string | undefined => (visibile('ruolo') ? erroreRuolo() : undefined);
  const mostraErroriPassphrase = (): string[] => (passphrase() !== '' || visibile('passphrase') ? erroriPassphrase() : []);
  const mostraErroreConferma = (): string | undefined =>
    visibile('conferma') || (conferma() !== '' && conferma().length >= passphrase().length) ? erroreConferma() : undefined;
  const mostraErroreAvviso = (): string | undefined => (inviato() ? erroreAvviso() : undefined);

  let form: HTMLFormElement | undefined;

  const crea = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (inCorso()) return;
    setInviato(true);
    setErroreGenerale(undefined);
    const scelto = ruolo();
    if (erroreNome() || !scelto || erroriPassphrase().length || erroreConferma() || erroreAvviso()) {
      form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setInCorso(true);
    await nextPaint();
    const data = newKeyringData({ nome: nome().trim(), ruolo: scelto }, generateDeviceIdentity(), new Date());
    if (!data.ok) {
      setErroreGenerale(s.errori.nomeCaratteri);
      setInCorso(false);
      return;
    }
    let wrap: KeyringWrap | undefined;
    try {
      wrap = deriveKeyringWrap(passphrase());
      await props.store.writeKeyring(sealKeyring(data.value, wrap));
    } catch {
      if (wrap) wipeKeyringWrap(wrap);
      setErroreGenerale(s.errori.salvataggio);
      setInCorso(false);
      return;
    }
    setPassphrase('');
    setConferma('');
    try {
      await props.onCreato(data.value, wrap);
    } catch {
      // The keyring is stored: the lock screen opens it again and words what goes wrong there.
      wipeKeyringWrap(wrap);
      location.reload();
    }
  };

  return (
    <SchermoAccesso titolo={s.titolo}>
      <Show when={!daBackup()} fallback={<ImportaBackup store={props.store} onCreato={props.onCreato} onIndietro={() => setDaBackup(false)} />}>
      <p class="lead">{s.intro}</p>
      <form ref={form} class="modulo" noValidate onSubmit={(e) => void crea(e)} aria-busy={inCorso()}>
        <fieldset class="gruppo" disabled={inCorso()}>
          <legend>{s.profilo}</legend>
          <Campo id="primo-nome" etichetta={s.nome} aiuto={s.nomeAiuto} errore={mostraErroreNome()}>
            {(a) => (
              <input {...a} type="text" name="nome" autocomplete="name" maxLength={100} required
                value={nome()} onInput={(e) => setNome(e.currentTarget.value)} onBlur={() => tocca('nome')} />
            )}
          </Campo>
          <fieldset class="scelta" role="radiogroup" aria-required="true" aria-describedby={mostraErroreRuolo() ? 'primo-ruolo-errore' : undefined}
            aria-invalid={mostraErroreRuolo() ? 'true' : undefined}>
            <legend>{s.ruolo}</legend>
            <For each={RUOLI}>
              {(r) => (
                <label class="opzione">
                  <input type="radio" name="ruolo" value={r} checked={ruolo() === r}
                    aria-invalid={mostraErroreRuolo() ? 'true' : undefined}
                    onChange={() => setRuolo(r)} onBlur={() => tocca('ruolo')} />
                  <span>{t.ruoli[r]}</span>
                </label>
              )}
            </For>
            <Show when={mostraErroreRuolo()}>
              <p class="errore-campo" id="primo-ruolo-errore">{mostraErroreRuolo()}</p>
            </Show>
          </fieldset>
        </fieldset>

        <fieldset class="gruppo" disabled={inCorso()}>
          <legend>{s.passphraseTitolo}</legend>
          <Campo id="primo-passphrase" etichetta={s.passphrase} aiuto={s.passphraseAiuto}
            errore={mostraErroriPassphrase().join(' ') || undefined}>
            {(a) => (
              <input {...a} type={mostra() ? 'text' : 'password'} name="passphrase" autocomplete="new-password"
                autocapitalize="off" spellcheck={false} required
                value={passphrase()} onInput={(e) => setPassphrase(e.currentTarget.value)} onBlur={() => tocca('passphrase')} />
            )}
          </Campo>
          <Campo id="primo-conferma" etichetta={s.conferma} errore={mostraErroreConferma()}>
            {(a) => (
              <input {...a} type={mostra() ? 'text' : 'password'} name="conferma" autocomplete="new-password"
                autocapitalize="off" spellcheck={false} required
                value={conferma()} onInput={(e) => setConferma(e.currentTarget.value)} onBlur={() => tocca('conferma')} />
            )}
          </Campo>
          <label class="opzione">
            <input type="checkbox" checked={mostra()} onChange={(e) => setMostra(e.currentTarget.checked)} />
            <span>{s.mostra}</span>
          </label>
        </fieldset>

        <section class="avviso avviso-attenzione" aria-labelledby="primo-avviso-titolo">
          <h2 id="primo-avviso-titolo">{s.avvisoTitolo}</h2>
          <p>{s.avvisoTesto}</p>
          <label class="opzione">
            <input type="checkbox" id="primo-capito" checked={capito()} disabled={inCorso()}
              aria-invalid={mostraErroreAvviso() ? 'true' : undefined}
              aria-describedby={mostraErroreAvviso() ? 'primo-capito-errore' : undefined}
              onChange={(e) => setCapito(e.currentTarget.checked)} />
            <span>{s.avvisoConferma}</span>
          </label>
          <Show when={mostraErroreAvviso()}>
            <p class="errore-campo" id="primo-capito-errore">{mostraErroreAvviso()}</p>
          </Show>
        </section>

        <Show when={erroreGenerale()}>
          <p class="avviso avviso-errore" role="alert">{erroreGenerale()}</p>
        </Show>
        <div class="azioni">
          <button type="submit" class="btn btn-primario" disabled={inCorso()}>
            {inCorso() ? s.creazione : s.crea}
          </button>
          <Show when={inCorso()}>
            <span class="solo-lettori" role="status">{s.creazione}</span>
          </Show>
        </div>
      </form>
      <p class="altra-strada">
        <button type="button" class="btn btn-link" disabled={inCorso()} onClick={() => setDaBackup(true)}>{t.chiavi.importa.apri}</button>
      </p>
      </Show>
    </SchermoAccesso>
  );
}
