/**
 * @module client/chiavi/CopiaSicurezza
 * The keyring backup: every key of this device in one file encrypted under a passphrase the
 * worker chooses here (judged like the device's, Argon2id in crypto/keyringBackup), saved as a
 * download. The warning says what the file gives and that the new computer replaces this one.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { passphraseProblems } from '../../crypto';
import { Campo } from '../app/Campo';
import { nextPaint } from '../app/nextPaint';
import { useSession } from '../app/session';
import { t } from '../strings';
import { scaricaFile } from './scaricaFile';

const s = t.chiavi.backup;

export function CopiaSicurezza(): JSX.Element {
  const session = useSession();
  const [passphrase, setPassphrase] = createSignal('');
  const [conferma, setConferma] = createSignal('');
  const [inviato, setInviato] = createSignal(false);
  const [inCorso, setInCorso] = createSignal(false);
  const [esito, setEsito] = createSignal<{ ok: boolean; testo: string }>();
  const errorePassphrase = (): string | undefined => {
    if (passphrase() === '') return t.primoAvvio.errori.passphraseVuota;
    const p = passphraseProblems(passphrase());
    return p.length ? p.map((x) => t.primoAvvio.errori[x]).join(' ') : undefined;
  };
  const erroreConferma = (): string | undefined => (conferma() === passphrase() ? undefined : s.errori.diverse);
  let form: HTMLFormElement | undefined;

  const scarica = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (inCorso()) return;
    setInviato(true);
    setEsito(undefined);
    if (errorePassphrase() || erroreConferma()) {
      form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setInCorso(true);
    await nextPaint();
    try {
      const file = session.chiavi.esportaBackup(passphrase());
      const nome = `cartella-chiavi-${new Date().toISOString().slice(0, 10)}.cartella-backup`;
      scaricaFile(file, nome, 'application/octet-stream');
      setPassphrase('');
      setConferma('');
      setInviato(false);
      setEsito({ ok: true, testo: s.fatta(nome) });
    } catch {
      setEsito({ ok: false, testo: s.errori.salvataggio });
    } finally {
      setInCorso(false);
    }
  };

  return (
    <section class="scheda" aria-labelledby="imp-backup">
      <h2 id="imp-backup">{s.titolo}</h2>
      <p class="aiuto">{s.aiuto}</p>
      <p class="avviso avviso-attenzione">{s.avviso}</p>
      <form ref={form} class="modulo" noValidate onSubmit={(e) => void scarica(e)} aria-busy={inCorso()}>
        <Campo id="backup-passphrase" etichetta={s.passphrase} aiuto={s.passphraseAiuto}
          errore={inviato() || passphrase() !== '' ? errorePassphrase() : undefined}>
          {(a) => (
            <input {...a} type="password" autocomplete="new-password" autocapitalize="off" spellcheck={false}
              value={passphrase()} onInput={(ev) => setPassphrase(ev.currentTarget.value)} />
          )}
        </Campo>
        <Campo id="backup-conferma" etichetta={s.conferma} errore={inviato() ? erroreConferma() : undefined}>
          {(a) => (
            <input {...a} type="password" autocomplete="new-password" autocapitalize="off" spellcheck={false}
              value={conferma()} onInput={(ev) => setConferma(ev.currentTarget.value)} />
          )}
        </Campo>
        <div class="azioni">
          <button type="submit" class="btn btn-primario" disabled={inCorso()}>{inCorso() ? s.inCorso : s.scarica}</button>
          <span role="status" class="esito" data-testid="backup-esito">
            <Show when={esito()?.ok}><span class="esito-ok">{esito()?.testo}</span></Show>
          </span>
        </div>
        <Show when={esito() && !esito()?.ok}><p class="avviso avviso-errore" role="alert">{esito()?.testo}</p></Show>
      </form>
    </section>
  );
}
