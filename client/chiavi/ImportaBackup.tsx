/**
 * @module client/chiavi/ImportaBackup
 * First run on a new computer from a keyring backup (CopiaSicurezza): the file and its
 * passphrase. The file is checked fully by `importKeyringBackup` (wrong passphrase, damaged or
 * foreign file each named); the keyring is then sealed for this device under the same
 * passphrase and stored, and the cartelle come back from the relay as their rooms sync.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { deriveKeyringWrap, importKeyringBackup, sealKeyring, wipeKeyringWrap, type KeyringData, type KeyringWrap } from '../../crypto';
import { Campo } from '../app/Campo';
import type { DeviceStore } from '../app/deviceStore';
import { nextPaint } from '../app/nextPaint';
import { t } from '../strings';

const s = t.chiavi.importa;
/** A backup holds keys, not case data: far below this. */
const MAX_BYTES = 8 * 1024 * 1024;

export function ImportaBackup(props: {
  store: DeviceStore;
  onCreato: (data: KeyringData, wrap: KeyringWrap) => Promise<void>;
  onIndietro: () => void;
}): JSX.Element {
  const [file, setFile] = createSignal<File>();
  const [passphrase, setPassphrase] = createSignal('');
  const [inviato, setInviato] = createSignal(false);
  const [inCorso, setInCorso] = createSignal(false);
  const [errore, setErrore] = createSignal<{ campo: 'file' | 'passphrase' | 'generale'; testo: string }>();
  const erroreFile = (): string | undefined =>
    errore()?.campo === 'file' ? errore()?.testo : inviato() && !file() ? s.errori.fileMancante : undefined;
  const errorePassphrase = (): string | undefined =>
    errore()?.campo === 'passphrase' ? errore()?.testo : inviato() && passphrase() === '' ? s.errori.passphraseVuota : undefined;
  let form: HTMLFormElement | undefined;

  const importa = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (inCorso()) return;
    setInviato(true);
    setErrore(undefined);
    const f = file();
    if (!f || passphrase() === '') {
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setInCorso(true);
    await nextPaint();
    let bytes: Uint8Array;
    try {
      if (f.size > MAX_BYTES) throw new RangeError('too large');
      bytes = new Uint8Array(await f.arrayBuffer());
    } catch {
      setErrore({ campo: 'file', testo: s.errori.lettura });
      setInCorso(false);
      return;
    }
    const r = importKeyringBackup(bytes, passphrase());
    if (!r.ok) {
      setErrore(r.code === 'backup_passphrase' ? { campo: 'passphrase', testo: s.errori.passphraseErrata } : { campo: 'file', testo: r.message });
      setInCorso(false);
      return;
    }
    let wrap: KeyringWrap | undefined;
    try {
      wrap = deriveKeyringWrap(passphrase());
      await props.store.writeKeyring(sealKeyring(r.value, wrap));
    } catch {
      if (wrap) wipeKeyringWrap(wrap);
      setErrore({ campo: 'generale', testo: s.errori.salvataggio });
      setInCorso(false);
      return;
    }
    setPassphrase('');
    try {
      await props.onCreato(r.value, wrap);
    } catch {
      // The keyring is stored: the lock screen opens it again and words what goes wrong there.
      wipeKeyringWrap(wrap);
      location.reload();
    }
  };

  return (
    <>
      <h2>{s.titolo}</h2>
      <p class="lead">{s.intro}</p>
      <form ref={form} class="modulo" noValidate onSubmit={(e) => void importa(e)} aria-busy={inCorso()}>
        <fieldset class="gruppo" disabled={inCorso()}>
          <Campo id="importa-file" etichetta={s.file} errore={erroreFile()} annuncia>
            {(a) => <input {...a} type="file" accept=".cartella-backup,application/octet-stream" onChange={(ev) => { setFile(ev.currentTarget.files?.[0]); setErrore(undefined); }} />}
          </Campo>
          <Campo id="importa-passphrase" etichetta={s.passphrase} errore={errorePassphrase()} annuncia>
            {(a) => (
              <input {...a} type="password" autocomplete="current-password" autocapitalize="off" spellcheck={false}
                value={passphrase()} onInput={(ev) => { setPassphrase(ev.currentTarget.value); setErrore(undefined); }} />
            )}
          </Campo>
        </fieldset>
        <Show when={errore()?.campo === 'generale'}><p class="avviso avviso-errore" role="alert">{errore()?.testo}</p></Show>
        <div class="azioni">
          <button type="submit" class="btn btn-primario" disabled={inCorso()}>{inCorso() ? s.inCorso : s.importa}</button>
          <button type="button" class="btn btn-link" disabled={inCorso()} onClick={() => props.onIndietro()}>{s.indietro}</button>
        </div>
      </form>
    </>
  );
}
