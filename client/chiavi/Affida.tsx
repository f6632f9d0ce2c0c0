/**
 * @module client/chiavi/Affida
 * Handing a cartella to a colleague (crdt/workspace `condividi`): the colleague's name, role and
 * code ("il mio codice"), the person's consent or a written reason, and how the keys travel —
 * a link (24 hours), a file with a one-time passphrase said aloud (also shown and printable as
 * a QR code of the same file), or a file sealed to the colleague's code. The colleague's code
 * can be pasted or read from its QR code. The hand-over is recorded on the roster; an
 * amministrativo never gets the professional key.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import {
  generateOneTimePassphrase, LINK_VALIDITY_MS, parseMyKeyCode, RUOLI, sealBundleTo, shareLink, wrapBundleWithPassphrase, wrappedBundleToText,
  type Ruolo,
} from '../../crypto';
import { livelloChiavi } from '../../crdt/model';
import { Campo } from '../app/Campo';
import { nextPaint } from '../app/nextPaint';
import { useSession } from '../app/session';
import { stampa } from '../print';
import { t } from '../strings';
import { dataBreve } from '../ui';
import { LeggiQr } from '../ui/LeggiQr';
import { Qr } from '../ui/Qr';
import { simboloQr } from '../ui/qrSimbolo';
import { scaricaFile } from './scaricaFile';

const s = t.chiavi.affida;
type Modo = 'link' | 'file' | 'sigillato';
interface FileConsegna { readonly bytes: Uint8Array; readonly nome: string }
type Pronto =
  | { modo: 'link'; link: string }
  /** `testoQr` is undefined when the file is too large for a QR code (docs/SHARING.md, "QR codes"). */
  | { modo: 'file'; passphrase: string; file: FileConsegna; testoQr: string | undefined; scade: Date }
  | { modo: 'sigillato'; file: FileConsegna };

export function Affida(props: { cartellaId: string; onFine: () => void }): JSX.Element {
  const session = useSession();
  const [nome, setNome] = createSignal('');
  const [ruolo, setRuolo] = createSignal<Ruolo>('assistente_sociale');
  const [codice, setCodice] = createSignal('');
  const [consenso, setConsenso] = createSignal(true);
  const [motivo, setMotivo] = createSignal('');
  const [modo, setModo] = createSignal<Modo>('link');
  const [errori, setErrori] = createSignal<{ nome?: string; codice?: string; motivo?: string; generale?: string }>({});
  const [pronto, setPronto] = createSignal<Pronto>();
  const [inCorso, setInCorso] = createSignal(false);
  const [copiato, setCopiato] = createSignal(false);
  const [codiceDaQr, setCodiceDaQr] = createSignal<{ errore?: string; esito?: string }>({});

  const codiceLetto = (testo: string): void => {
    const k = parseMyKeyCode(testo);
    if (!k.ok) { setCodiceDaQr({ errore: k.message }); return; }
    setCodice(testo.trim());
    setCodiceDaQr({ esito: s.codiceLetto });
  };

  const prepara = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const k = parseMyKeyCode(codice());
    const err = {
      ...(nome().trim() ? {} : { nome: s.errori.nome }),
      ...(k.ok ? {} : { codice: s.errori.codice }),
      ...(consenso() || motivo().trim() ? {} : { motivo: s.errori.motivo }),
    };
    setErrori(err);
    if (!k.ok || Object.keys(err).length > 0) return;
    setInCorso(true);
    await nextPaint();
    try {
      const r = session.workspace.condividi(props.cartellaId, {
        ruolo: livelloChiavi(ruolo()), destinatario: { codice: k.value, nome: nome().trim(), ruolo: ruolo() },
        consenso: consenso(), ...(consenso() ? {} : { motivo: motivo().trim() }),
        ...(modo() === 'link' ? { validitaMs: LINK_VALIDITY_MS } : {}),
      }, session.now());
      if (!r.ok) { setErrori({ generale: r.message }); return; }
      const nomeFile = `cartella-consegna-${session.now().toISOString().slice(0, 10)}.cartella-chiavi`;
      if (modo() === 'link') setPronto({ modo: 'link', link: shareLink(r.value.bytes, location.origin) });
      else if (modo() === 'file') {
        const passphrase = generateOneTimePassphrase();
        const file = { bytes: wrapBundleWithPassphrase(r.value.bytes, passphrase), nome: nomeFile };
        scarica(file);
        const testoQr = wrappedBundleToText(file.bytes);
        setPronto({
          modo: 'file', passphrase, file, testoQr: simboloQr(testoQr) ? testoQr : undefined, scade: new Date(r.value.bundle.expiresAt),
        });
      } else {
        const file = { bytes: sealBundleTo(k.value.boxPublicKey, r.value.bytes), nome: nomeFile };
        scarica(file);
        setPronto({ modo: 'sigillato', file });
      }
    } finally {
      setInCorso(false);
    }
  };
  const scarica = (f: FileConsegna): void => scaricaFile(f.bytes, f.nome, 'application/octet-stream');
  const stampaQr = (testoQr: string, scade: Date): void => stampa({
    titolo: s.foglioTitolo,
    contenuto: () => (
      <div class="foglio-qr">
        <h1>{s.foglioTitolo}</h1>
        <Qr testo={testoQr} etichetta={s.qrEtichetta} />
        <p class="avvertenza">{s.foglioIstruzioni}</p>
        <p>{s.foglioScade(dataBreve(scade.toISOString().slice(0, 10)))}</p>
      </div>
    ),
  });
  const copia = async (testo: string): Promise<void> => {
    try { await navigator.clipboard.writeText(testo); setCopiato(true); } catch { setCopiato(false); }
  };

  return (
    <section class="scheda affida" aria-labelledby="titolo-affida" data-testid="affida">
      <h3 id="titolo-affida">{s.titolo}</h3>
      <p class="aiuto">{s.intro}</p>
      <Show when={pronto()} fallback={
        <form class="modulo" noValidate onSubmit={(e) => void prepara(e)} aria-busy={inCorso()}>
          <div class="griglia-campi">
            <Campo id="affida-nome" etichetta={s.nome} errore={errori().nome}>
              {(a) => <input {...a} type="text" maxLength={100} value={nome()} onInput={(e) => setNome(e.currentTarget.value)} />}
            </Campo>
            <Campo id="affida-ruolo" etichetta={s.ruolo}>
              {(a) => (
                <select {...a} value={ruolo()} onChange={(e) => setRuolo(e.currentTarget.value as Ruolo)}>
                  <For each={RUOLI}>{(r) => <option value={r}>{t.ruoli[r]}</option>}</For>
                </select>
              )}
            </Campo>
          </div>
          <Campo id="affida-codice" etichetta={s.codice} aiuto={s.codiceAiuto} errore={errori().codice}>
            {(a) => <textarea {...a} rows={2} autocapitalize="off" spellcheck={false} value={codice()} onInput={(e) => setCodice(e.currentTarget.value)} />}
          </Campo>
          <details class="dettaglio-modulo">
            <summary>{s.codiceQr}</summary>
            <LeggiQr id="affida-codice" onLetto={codiceLetto} errore={codiceDaQr().errore} esito={codiceDaQr().esito} />
          </details>
          <label class="opzione">
            <input type="checkbox" checked={consenso()} onChange={(e) => setConsenso(e.currentTarget.checked)} />
            <span>{s.consenso}</span>
          </label>
          <Show when={!consenso()}>
            <Campo id="affida-motivo" etichetta={s.motivo} aiuto={s.motivoAiuto} errore={errori().motivo}>
              {(a) => <textarea {...a} rows={2} maxLength={500} value={motivo()} onInput={(e) => setMotivo(e.currentTarget.value)} />}
            </Campo>
          </Show>
          <fieldset class="scelta" role="radiogroup">
            <legend>{s.modo}</legend>
            <For each={['link', 'file', 'sigillato'] as const}>
              {(m) => (
                <label class="opzione">
                  <input type="radio" name="affida-modo" value={m} checked={modo() === m} onChange={() => setModo(m)} />
                  <span>{s.modi[m]}</span>
                </label>
              )}
            </For>
          </fieldset>
          <Show when={errori().generale}><p class="avviso avviso-errore" role="alert">{errori().generale}</p></Show>
          <div class="azioni">
            <button type="submit" class="btn btn-primario" disabled={inCorso()}>{s.crea}</button>
            <button type="button" class="btn" onClick={() => props.onFine()}>{t.cartella.comune.annulla}</button>
          </div>
        </form>
      }>
        {(p) => (
          <div data-testid="affida-pronto">
            <h4>{s.pronto}</h4>
            <Show when={p().modo === 'link' ? (p() as { link: string }).link : undefined}>
              {(l) => (
                <>
                  <p class="avviso avviso-attenzione">{s.avvisoLink}</p>
                  <p class="codice-chiave" data-testid="affida-link">{l()}</p>
                  <button type="button" class="btn" onClick={() => void copia(l())}>{s.copia}</button>
                  <span role="status" class="esito"><Show when={copiato()}><span class="esito-ok">{s.copiato}</span></Show></span>
                </>
              )}
            </Show>
            <Show when={p().modo === 'file' ? (p() as Extract<Pronto, { modo: 'file' }>) : undefined}>
              {(f) => (
                <>
                  <p>{s.passphraseConsegna}</p>
                  <p class="codice-chiave" data-testid="affida-passphrase">{f().passphrase}</p>
                  <div class="consegna-qr">
                    <div>
                      <p>{s.fileScaricato}</p>
                      <button type="button" class="btn" onClick={() => scarica(f().file)}>{s.scarica}</button>
                    </div>
                    <div>
                      <h5>{s.qr}</h5>
                      <p class="aiuto">{s.qrAiuto}</p>
                      <Show when={f().testoQr} fallback={<p class="avviso avviso-attenzione" data-testid="affida-qr-troppo-grande">{s.qrTroppoGrande}</p>}>
                        {(testo) => (
                          <>
                            <Qr testo={testo()} etichetta={s.qrEtichetta} testid="affida-qr" />
                            <button type="button" class="btn" onClick={() => stampaQr(testo(), f().scade)}>{s.stampaQr}</button>
                          </>
                        )}
                      </Show>
                    </div>
                  </div>
                </>
              )}
            </Show>
            <Show when={p().modo === 'sigillato' ? (p() as Extract<Pronto, { modo: 'sigillato' }>) : undefined}>
              {(f) => (
                <>
                  <p>{s.sigillatoScaricato}</p>
                  <button type="button" class="btn" onClick={() => scarica(f().file)}>{s.scarica}</button>
                </>
              )}
            </Show>
            <div class="azioni"><button type="button" class="btn btn-primario" onClick={() => props.onFine()}>{t.cartella.comune.chiudi}</button></div>
          </div>
        )}
      </Show>
    </section>
  );
}
