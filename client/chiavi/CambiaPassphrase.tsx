/**
 * @module client/chiavi/CambiaPassphrase
 * Changes the passphrase that unlocks this device: the current one is checked against the
 * stored keyring (Argon2id), the new one is judged like at first run, and the keyring is sealed
 * again under it before the old key is forgotten.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { passphraseProblems } from '../../crypto';
import { Campo } from '../app/Campo';
import { nextPaint } from '../app/nextPaint';
import { useSession } from '../app/session';
import { t } from '../strings';

const s = t.chiavi.passphrase;

export function CambiaPassphrase(): JSX.Element {
  const session = useSession();
  const [attuale, setAttuale] = createSignal('');
  const [nuova, setNuova] = createSignal('');
  const [conferma, setConferma] = createSignal('');
  const [inviato, setInviato] = createSignal(false);
  const [inCorso, setInCorso] = createSignal(false);
  const [sbagliata, setSbagliata] = createSignal(false);
  const [esito, setEsito] = createSignal<'fatto' | 'errore'>();
  const erroreAttuale = (): string | undefined => (sbagliata() ? s.errori.sbagliata : attuale() === '' ? s.errori.attualeVuota : undefined);
  const erroreNuova = (): string | undefined => {
    if (nuova() === '') return t.primoAvvio.errori.passphraseVuota;
    if (nuova() === attuale()) return s.errori.uguale;
    const p = passphraseProblems(nuova());
    return p.length ? p.map((x) => t.primoAvvio.errori[x]).join(' ') : undefined;
  };
  const erroreConferma = (): string | undefined => (conferma() === nuova() ? undefined : s.errori.diverse);
  let form: HTMLFormElement | undefined;

  const cambia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (inCorso()) return;
    setInviato(true);
    setEsito(undefined);
    setSbagliata(false);
    if (erroreAttuale() || erroreNuova() || erroreConferma()) {
      form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setInCorso(true);
    await nextPaint();
    try {
      const r = await session.chiavi.cambiaPassphrase(attuale(), nuova());
      if (r === 'sbagliata') {
        setSbagliata(true);
        queueMicrotask(() => form?.querySelector<HTMLElement>('#passphrase-attuale')?.focus());
        return;
      }
      setAttuale('');
      setNuova('');
      setConferma('');
      setInviato(false);
      setEsito('fatto');
    } catch {
      setEsito('errore');
    } finally {
      setInCorso(false);
    }
  };

  return (
    <section class="scheda" aria-labelledby="imp-passphrase">
      <h2 id="imp-passphrase">{s.titolo}</h2>
      <p class="aiuto">{s.aiuto}</p>
      <form ref={form} class="modulo" noValidate onSubmit={(e) => void cambia(e)} aria-busy={inCorso()}>
        <Campo id="passphrase-attuale" etichetta={s.attuale} errore={inviato() ? erroreAttuale() : undefined} annuncia>
          {(a) => (
            <input {...a} type="password" autocomplete="current-password" autocapitalize="off" spellcheck={false}
              value={attuale()} onInput={(ev) => { setAttuale(ev.currentTarget.value); setSbagliata(false); }} />
          )}
        </Campo>
        <Campo id="passphrase-nuova" etichetta={s.nuova} errore={inviato() || nuova() !== '' ? erroreNuova() : undefined}>
          {(a) => (
            <input {...a} type="password" autocomplete="new-password" autocapitalize="off" spellcheck={false}
              value={nuova()} onInput={(ev) => setNuova(ev.currentTarget.value)} />
          )}
        </Campo>
        <Campo id="passphrase-conferma" etichetta={s.conferma} errore={inviato() ? erroreConferma() : undefined}>
          {(a) => (
            <input {...a} type="password" autocomplete="new-password" autocapitalize="off" spellcheck={false}
              value={conferma()} onInput={(ev) => setConferma(ev.currentTarget.value)} />
          )}
        </Campo>
        <div class="azioni">
          <button type="submit" class="btn btn-primario" disabled={inCorso()}>{inCorso() ? s.inCorso : s.cambia}</button>
          <span role="status" class="esito" data-testid="passphrase-esito">
            <Show when={esito() === 'fatto'}><span class="esito-ok">{s.fatto}</span></Show>
          </span>
        </div>
        <Show when={esito() === 'errore'}><p class="avviso avviso-errore" role="alert">{s.errori.salvataggio}</p></Show>
      </form>
    </section>
  );
}
