/**
 * @module client/app/Impostazioni
 * The device settings kept in the keyring (docs/KEYRING.md): minutes of inactivity before the
 * app locks itself, and the ente's name and address for printed letterheads. Saving seals
 * the keyring again; an invalid value is refused next to its field and nothing is saved.
 * Below, the keys of this device (client/chiavi): its code, the ente's recovery key, the
 * backup file and the passphrase.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { CambiaPassphrase, ChiaveRecupero, Continuita, CopiaSicurezza, IlMioCodice } from '../chiavi';
import { t } from '../strings';
import { Campo } from './Campo';
import { formatData } from './date';
import { useSession } from './session';
import { leggiMinuti, problemaEnteIndirizzo, problemaEnteNome, problemaMinuti } from './validazione';

const s = t.impostazioni;

export function Impostazioni(): JSX.Element {
  const session = useSession();
  const iniziali = session.settings;
  const [minuti, setMinuti] = createSignal(String(iniziali.lockAfterMinutes));
  const [enteNome, setEnteNome] = createSignal(iniziali.enteName ?? '');
  const [enteIndirizzo, setEnteIndirizzo] = createSignal(iniziali.enteAddress ?? '');
  const [inviato, setInviato] = createSignal(false);
  const [esito, setEsito] = createSignal<'salvate' | 'errore' | undefined>();
  const [inCorso, setInCorso] = createSignal(false);

  const errori = () => ({
    minuti: problemaMinuti(minuti()),
    enteNome: problemaEnteNome(enteNome()),
    enteIndirizzo: problemaEnteIndirizzo(enteIndirizzo()),
  });
  const mostra = (k: keyof ReturnType<typeof errori>): string | undefined => (inviato() ? errori()[k] : undefined);
  let form: HTMLFormElement | undefined;

  const salva = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (inCorso()) return;
    setInviato(true);
    setEsito(undefined);
    const lockAfterMinutes = leggiMinuti(minuti());
    const err = errori();
    if (lockAfterMinutes === undefined || err.enteNome || err.enteIndirizzo) {
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const nome = enteNome().trim();
    const indirizzo = enteIndirizzo().replace(/\r\n?/g, '\n').trim();
    setInCorso(true);
    try {
      // Only this form's fields change: the rest of the settings (the recovery key) stays.
      const { enteName: _nome, enteAddress: _indirizzo, ...resto } = session.settings;
      await session.saveSettings({
        ...resto,
        lockAfterMinutes,
        ...(nome ? { enteName: nome } : {}),
        ...(indirizzo ? { enteAddress: indirizzo } : {}),
      });
      setMinuti(String(lockAfterMinutes));
      setEnteNome(nome);
      setEnteIndirizzo(indirizzo);
      setInviato(false);
      setEsito('salvate');
    } catch {
      setEsito('errore');
    } finally {
      setInCorso(false);
    }
  };
  const modificato = (): void => { setEsito(undefined); };

  return (
    <div class="pagina pagina-stretta">
      <h1>{s.titolo}</h1>

      <section class="scheda" aria-labelledby="imp-profilo">
        <h2 id="imp-profilo">{s.profilo}</h2>
        <dl class="dati">
          <dt>{s.nome}</dt><dd data-testid="imp-nome">{session.profile.nome}</dd>
          <dt>{s.ruolo}</dt><dd>{t.ruoli[session.profile.ruolo]}</dd>
          <dt>{s.creato}</dt><dd>{formatData(new Date(session.profile.createdAt))}</dd>
        </dl>
      </section>

      <form ref={form} class="modulo" noValidate onSubmit={(e) => void salva(e)} onInput={modificato}>
        <section class="scheda" aria-labelledby="imp-blocco">
          <h2 id="imp-blocco">{s.bloccoTitolo}</h2>
          <Campo id="imp-minuti" etichetta={s.bloccoMinuti} aiuto={s.bloccoAiuto} errore={mostra('minuti')}>
            {(a) => (
              <input {...a} class="corto" type="number" inputmode="numeric" min="1" max="240" step="1" name="minuti"
                required value={minuti()} onInput={(e) => setMinuti(e.currentTarget.value)} />
            )}
          </Campo>
        </section>

        <section class="scheda" aria-labelledby="imp-ente">
          <h2 id="imp-ente">{s.enteTitolo}</h2>
          <p class="aiuto">{s.enteAiuto}</p>
          <Campo id="imp-ente-nome" etichetta={s.enteNome} aiuto={s.enteNomeAiuto} errore={mostra('enteNome')}>
            {(a) => (
              <input {...a} type="text" name="enteNome" autocomplete="organization" maxLength={200}
                value={enteNome()} onInput={(e) => setEnteNome(e.currentTarget.value)} />
            )}
          </Campo>
          <Campo id="imp-ente-indirizzo" etichetta={s.enteIndirizzo} aiuto={s.enteIndirizzoAiuto} errore={mostra('enteIndirizzo')}>
            {(a) => (
              <textarea {...a} name="enteIndirizzo" rows={4} maxLength={500}
                value={enteIndirizzo()} onInput={(e) => setEnteIndirizzo(e.currentTarget.value)} />
            )}
          </Campo>
        </section>

        <div class="azioni">
          <button type="submit" class="btn btn-primario" disabled={inCorso()}>{inCorso() ? s.salvataggio : s.salva}</button>
          <span role="status" class="esito" data-testid="imp-esito">
            <Show when={esito() === 'salvate'}><span class="esito-ok">{s.salvate}</span></Show>
          </span>
        </div>
        <Show when={esito() === 'errore'}>
          <p class="avviso avviso-errore" role="alert">{s.errori.salvataggio}</p>
        </Show>
      </form>

      <IlMioCodice />
      <ChiaveRecupero />
      <Continuita />
      <CopiaSicurezza />
      <CambiaPassphrase />
    </div>
  );
}
