/**
 * @module client/chiavi/ChiaveRecupero
 * The ente's recovery key on this device: the public half is configured here (pasted from
 * the responsabile), so every cartella's keys can also be sealed to it; a responsabile can
 * generate the pair once for the whole ente — the private half is shown only to be printed and
 * kept offline, never stored on the device. The printed sheet (client/print) carries the text and
 * a QR code of it at high error correction (a sheet in a safe for years may get a stain or a
 * crease); it leaves the page with the generated key. docs/RECOVERY.md tells the procedure.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import {
  generateRecoveryKey, parseRecoveryPublicKeyText, recoveryPrivateKeyToText, recoveryPublicKeyToText, type RecoveryKeyPair,
} from '../../crypto';
import { Campo } from '../app/Campo';
import { useSession } from '../app/session';
import { RadiceStampa, stampa } from '../print';
import { t } from '../strings';
import { dataBreve } from '../ui';
import { Qr } from '../ui/Qr';

const s = t.chiavi.recupero;

export function ChiaveRecupero(): JSX.Element {
  const session = useSession();
  const [attuale, setAttuale] = createSignal(session.chiavi.recupero());
  const [testo, setTesto] = createSignal('');
  const [errore, setErrore] = createSignal<string>();
  const [esito, setEsito] = createSignal<string>();
  const [generata, setGenerata] = createSignal<RecoveryKeyPair>();
  const [conservata, setConservata] = createSignal(false);
  const responsabile = session.profile.ruolo === 'responsabile';
  const stampaPrivata = (g: RecoveryKeyPair): void => {
    const testo = recoveryPrivateKeyToText(g);
    const giorno = dataBreve(session.now().toISOString().slice(0, 10));
    stampa({
      titolo: s.genera.foglioTitolo,
      contenuto: () => (
        <div class="foglio-qr" data-testid="foglio-recupero">
          <h1>{s.genera.foglioTitolo}</h1>
          <p>{s.genera.foglioGenerata(giorno)}</p>
          <p class="codice-stampato">{testo}</p>
          <Qr testo={testo} etichetta={s.genera.foglioQr} correzione={['high', 'quartile', 'medium', 'low']} testid="recupero-privata-qr" />
          <p class="avvertenza">{s.genera.foglioIstruzioni}</p>
        </div>
      ),
    });
  };

  const imposta = async (chiave: Uint8Array | undefined): Promise<void> => {
    try {
      await session.chiavi.impostaRecupero(chiave);
      setAttuale(chiave);
      setTesto('');
      setEsito(chiave ? s.salvata : undefined);
    } catch {
      setErrore(t.impostazioni.errori.salvataggio);
    }
  };
  const salva = (e: SubmitEvent): void => {
    e.preventDefault();
    setEsito(undefined);
    const r = parseRecoveryPublicKeyText(testo());
    if (!r.ok) { setErrore(r.message); return; }
    setErrore(undefined);
    void imposta(r.value);
  };
  const usaGenerata = (): void => {
    const g = generata();
    if (!g || !conservata()) return;
    void imposta(g.publicKey).then(() => {
      g.privateKey.fill(0);
      setGenerata(undefined);
      setConservata(false);
    });
  };

  return (
    <section class="scheda" aria-labelledby="imp-recupero" data-testid="chiave-recupero">
      <h2 id="imp-recupero">{s.titolo}</h2>
      <p class="aiuto">{s.aiuto}</p>
      <Show when={attuale()} fallback={<p class="avviso avviso-attenzione" data-testid="recupero-assente">{s.nonConfigurata}</p>}>
        {(k) => (
          <div class="riga-chiave">
            <p><span class="etichetta-dato">{s.configurata}</span> <span class="codice-chiave" data-testid="recupero-pubblica">{recoveryPublicKeyToText(k())}</span></p>
            <button type="button" class="btn btn-piccolo" onClick={() => void imposta(undefined)}>{s.rimuovi}</button>
          </div>
        )}
      </Show>
      <form class="modulo" noValidate onSubmit={salva}>
        <Campo id="recupero-pubblica-testo" etichetta={s.pubblica} aiuto={s.pubblicaAiuto} errore={errore()} annuncia>
          {(a) => (
            <textarea {...a} rows={2} autocapitalize="off" spellcheck={false} value={testo()}
              onInput={(ev) => { setTesto(ev.currentTarget.value); setErrore(undefined); }} />
          )}
        </Campo>
        <div class="azioni">
          <button type="submit" class="btn btn-primario">{s.salva}</button>
          <span role="status" class="esito"><Show when={esito()}><span class="esito-ok">{esito()}</span></Show></span>
        </div>
      </form>
      <Show when={responsabile}>
        <details class="dettaglio-modulo">
          <summary>{s.genera.titolo}</summary>
          <p class="aiuto">{s.genera.aiuto}</p>
          <Show when={generata()} fallback={
            <button type="button" class="btn" onClick={() => setGenerata(generateRecoveryKey())}>{s.genera.pulsante}</button>
          }>
            {(g) => (
              <div class="chiave-generata">
                <RadiceStampa />
                <h3>{s.genera.privata}</h3>
                <p class="avviso avviso-errore">{s.genera.privataAvviso}</p>
                <p class="codice-chiave" data-testid="recupero-privata">{recoveryPrivateKeyToText(g())}</p>
                <button type="button" class="btn" data-testid="stampa-recupero" onClick={() => stampaPrivata(g())}>{s.genera.stampa}</button>
                <h3>{s.genera.pubblicaDaDare}</h3>
                <p class="codice-chiave" data-testid="recupero-pubblica-generata">{recoveryPublicKeyToText(g().publicKey)}</p>
                <label class="opzione">
                  <input type="checkbox" checked={conservata()} onChange={(ev) => setConservata(ev.currentTarget.checked)} />
                  <span>{s.genera.conservata}</span>
                </label>
                <div class="azioni">
                  <button type="button" class="btn btn-primario" disabled={!conservata()} onClick={usaGenerata}>{s.genera.usa}</button>
                </div>
              </div>
            )}
          </Show>
        </details>
      </Show>
    </section>
  );
}
