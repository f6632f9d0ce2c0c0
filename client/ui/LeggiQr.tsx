/**
 * @module client/ui/LeggiQr
 * Reading a QR code: "Carica una foto del codice QR" (an image file, decoded in the browser)
 * and, when the device shows a camera to the page, "Inquadra con la fotocamera" (frames read
 * until a code is found, then the camera is released). It hands the decoded text to `onLetto`
 * and judges nothing: the caller runs the text through its own parser and shows its refusal
 * (the `errore` prop), next to the reader's own messages. Nothing leaves the device.
 */
import { createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { t } from '../strings';
import { fotocameraPresente, leggiQrDaFoto, leggiQrDaVideo } from './qrLettura';
import './qr.css';

const s = t.chiavi.qr;

export function LeggiQr(props: {
  /** Prefix of the ids of the controls (unique on the page). */
  id: string;
  /** The decoded text, once per code read. */
  onLetto: (testo: string) => void;
  /** The caller's refusal of the last text read, if any (e.g. "Il codice QR non è un codice di Cartella."). */
  errore?: string | undefined;
  /** Said once a code was read and accepted by the caller. */
  esito?: string | undefined;
}): JSX.Element {
  const [inLettura, setInLettura] = createSignal(false);
  const [fotocamera, setFotocamera] = createSignal(false);
  const [inquadra, setInquadra] = createSignal(false);
  const [errore, setErrore] = createSignal<string>();
  let video: HTMLVideoElement | undefined;
  let stream: MediaStream | undefined;
  let fermaLettura: (() => void) | undefined;

  const chiudiFotocamera = (): void => {
    fermaLettura?.();
    fermaLettura = undefined;
    for (const traccia of stream?.getTracks() ?? []) traccia.stop();
    stream = undefined;
    if (video) video.srcObject = null;
    setInquadra(false);
  };
  onMount(() => void fotocameraPresente().then(setFotocamera));
  onCleanup(chiudiFotocamera);

  const letto = (testo: string): void => {
    setErrore(undefined);
    props.onLetto(testo);
  };
  const daFoto = async (input: HTMLInputElement): Promise<void> => {
    const foto = input.files?.[0];
    if (!foto) return;
    chiudiFotocamera();
    setErrore(undefined);
    setInLettura(true);
    try {
      const r = await leggiQrDaFoto(foto);
      if ('testo' in r) letto(r.testo);
      else setErrore(s.errori[r.errore]);
    } finally {
      setInLettura(false);
      // The same photo chosen again is read again.
      input.value = '';
    }
  };
  const apriFotocamera = async (): Promise<void> => {
    setErrore(undefined);
    setInquadra(true);
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      if (!video) throw new Error('video element missing');
      video.srcObject = stream;
      await video.play();
      fermaLettura = leggiQrDaVideo(video, (testo) => {
        chiudiFotocamera();
        letto(testo);
      });
    } catch {
      chiudiFotocamera();
      setErrore(s.errori.fotocamera);
    }
  };

  const messaggio = (): string | undefined => errore() ?? props.errore;
  return (
    <div class="leggi-qr" data-testid={`${props.id}-leggi-qr`}>
      <div class="campo">
        <label for={`${props.id}-foto`}>{s.foto}</label>
        <input id={`${props.id}-foto`} type="file" accept="image/*" aria-describedby={`${props.id}-foto-aiuto`}
          disabled={inLettura()} onChange={(e) => void daFoto(e.currentTarget)} />
        <p class="aiuto" id={`${props.id}-foto-aiuto`}>{s.fotoAiuto}</p>
      </div>
      <Show when={fotocamera()}>
        <div class="leggi-qr-azioni">
          <Show when={inquadra()} fallback={<button type="button" class="btn" onClick={() => void apriFotocamera()}>{s.fotocamera}</button>}>
            <button type="button" class="btn" onClick={chiudiFotocamera}>{s.chiudiFotocamera}</button>
          </Show>
        </div>
        <Show when={inquadra()}>
          <p class="aiuto">{s.inquadra}</p>
          <video ref={(el) => { video = el; }} muted playsinline aria-label={s.video} />
        </Show>
      </Show>
      <p role="status" class="esito" data-testid={`${props.id}-qr-stato`}>
        <Show when={inLettura()}>{s.lettura}</Show>
        <Show when={!inLettura() && !messaggio() && props.esito}><span class="esito-ok">{props.esito}</span></Show>
      </p>
      <Show when={messaggio()}>
        <p class="avviso avviso-errore" role="alert" data-testid={`${props.id}-qr-errore`}>{messaggio()}</p>
      </Show>
    </div>
  );
}
