/**
 * @module client/chiavi/Ricevi
 * Receiving a cartella: from the link just opened (captured by linkConsegna), a pasted link or
 * `CARTELLA-CHIAVI:` text, a QR code (a photo of it or the camera; the same text), a file with
 * its one-time passphrase, or a file sealed to this device. Texts go through
 * `leggiTestoConsegna` (testoConsegna.ts) before anything else. The hand-over is fully
 * checked first and what it grants is shown (from whom, which parts, consent or the written
 * reason, validity) before anything changes; accepting adds the keys to the keyring and opens
 * the cartella as it syncs (crdt/workspace `ricevi`).
 */
import { createSignal, onMount, Show, type JSX } from 'solid-js';
import type { ShareBundle } from '../../crypto';
import { Campo } from '../app/Campo';
import { nextPaint } from '../app/nextPaint';
import { useSession } from '../app/session';
import { t } from '../strings';
import { dataBreve } from '../ui';
import { LeggiQr } from '../ui/LeggiQr';
import { prendiLinkConsegna } from './linkConsegna';
import { leggiTestoConsegna } from './testoConsegna';

const s = t.chiavi.ricevi;

export function Ricevi(): JSX.Element {
  const session = useSession();
  const [link, setLink] = createSignal('');
  const [file, setFile] = createSignal<File>();
  const [passphrase, setPassphrase] = createSignal('');
  const [errore, setErrore] = createSignal<string>();
  const [consegna, setConsegna] = createSignal<ShareBundle>();
  const [inCorso, setInCorso] = createSignal(false);
  const [daQr, setDaQr] = createSignal<{ errore?: string; esito?: string }>({});

  const qrLetto = (testo: string): void => {
    const r = leggiTestoConsegna(testo, 'qr');
    if (!r.ok) { setDaQr({ errore: r.message }); return; }
    setLink(testo);
    setErrore(undefined);
    if (r.value.tipo === 'link') { setDaQr({}); void controlla(testo); return; }
    setDaQr({ esito: s.qrLetto });
    document.getElementById('ricevi-passphrase')?.focus();
  };

  const controlla = async (daLink?: string): Promise<void> => {
    setErrore(undefined);
    setConsegna(undefined);
    const l = daLink ?? link().trim();
    const f = file();
    if (!l && !f) { setErrore(s.errori.vuoto); return; }
    setInCorso(true);
    await nextPaint();
    try {
      let r: ReturnType<typeof session.chiavi.apriConsegna>;
      if (l) {
        const testo = leggiTestoConsegna(l, 'testo');
        if (!testo.ok) { setErrore(testo.message); return; }
        if (testo.value.tipo === 'link') r = session.chiavi.apriConsegna({ link: testo.value.link }, session.now());
        else if (!passphrase().trim()) { setErrore(s.errori.passphrase); return; }
        else r = session.chiavi.apriConsegna({ file: testo.value.file, passphrase: passphrase() }, session.now());
      } else {
        let bytes: Uint8Array;
        try { bytes = new Uint8Array(await (f as File).arrayBuffer()); } catch { setErrore(s.errori.lettura); return; }
        r = passphrase().trim()
          ? session.chiavi.apriConsegna({ file: bytes, passphrase: passphrase() }, session.now())
          : session.chiavi.apriConsegna({ sigillato: bytes }, session.now());
      }
      if (r.ok) setConsegna(r.value);
      else setErrore(r.message);
    } finally {
      setInCorso(false);
    }
  };
  onMount(() => {
    const arrivato = prendiLinkConsegna();
    if (arrivato) void controlla(arrivato);
  });
  const accetta = async (): Promise<void> => {
    const b = consegna();
    if (!b) return;
    setInCorso(true);
    try {
      const r = await session.workspace.ricevi(b, session.now());
      if (!r.ok) { setErrore(r.message); return; }
      session.navigate({ name: 'cartella', id: r.value.cartella.id, sezione: 'riepilogo' });
    } finally {
      setInCorso(false);
    }
  };

  return (
    <div class="pagina pagina-stretta ricevi">
      <h1>{s.titolo}</h1>
      <p class="aiuto">{s.intro}</p>
      <Show when={consegna()} fallback={
        <form class="modulo" noValidate onSubmit={(e) => { e.preventDefault(); void controlla(); }} aria-busy={inCorso()}>
          <Campo id="ricevi-link" etichetta={s.link} aiuto={s.linkAiuto}>
            {(a) => <textarea {...a} rows={3} autocapitalize="off" spellcheck={false} value={link()} onInput={(e) => setLink(e.currentTarget.value)} />}
          </Campo>
          <fieldset class="scelta">
            <legend>{s.qr}</legend>
            <p class="aiuto">{s.qrAiuto}</p>
            <LeggiQr id="ricevi" onLetto={qrLetto} errore={daQr().errore} esito={daQr().esito} />
          </fieldset>
          <Campo id="ricevi-file" etichetta={s.file}>
            {(a) => <input {...a} type="file" onChange={(e) => setFile(e.currentTarget.files?.[0])} />}
          </Campo>
          <Campo id="ricevi-passphrase" etichetta={s.passphrase} aiuto={s.passphraseAiuto}>
            {(a) => <input {...a} type="text" autocomplete="off" autocapitalize="characters" spellcheck={false} value={passphrase()} onInput={(e) => setPassphrase(e.currentTarget.value)} />}
          </Campo>
          <Show when={errore()}><p class="avviso avviso-errore" role="alert" data-testid="ricevi-errore">{errore()}</p></Show>
          <div class="azioni"><button type="submit" class="btn btn-primario" disabled={inCorso()}>{s.apri}</button></div>
        </form>
      }>
        {(b) => (
          <section class="scheda" aria-labelledby="ricevi-cosa" data-testid="ricevi-riepilogo">
            <h2 id="ricevi-cosa">{s.cosa}</h2>
            <p><strong>{s.da(b().issuer.nome)}</strong></p>
            <p>{s.ruoli[b().role]}</p>
            <p>{b().handover.consenso ? s.consenso : s.senzaConsenso(b().handover.motivo ?? '')}</p>
            <p class="nota">{s.scade(dataBreve(new Date(b().expiresAt).toISOString().slice(0, 10)))}</p>
            <Show when={errore()}><p class="avviso avviso-errore" role="alert" data-testid="ricevi-errore">{errore()}</p></Show>
            <div class="azioni">
              <button type="button" class="btn btn-primario" disabled={inCorso()} onClick={() => void accetta()}>{inCorso() ? s.inCorso : s.accetta}</button>
              <button type="button" class="btn" onClick={() => { setConsegna(undefined); setLink(''); setDaQr({}); }}>{s.rifiuta}</button>
            </div>
          </section>
        )}
      </Show>
    </div>
  );
}
