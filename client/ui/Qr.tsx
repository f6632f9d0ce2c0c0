/**
 * @module client/ui/Qr
 * A QR code drawn as SVG (vector, so it prints crisp at any size), with its quiet zone and an
 * accessible name. The symbol and its error correction come from `simboloQr` (qrSimbolo.ts); a
 * text too long for any QR shows `fallback` instead. Size on screen and on paper follows the
 * number of modules (qr.css): dense codes are drawn larger.
 */
import { createMemo, Show, type JSX } from 'solid-js';
import { percorsoQr, simboloQr, type CorrezioneQr } from './qrSimbolo';
import './qr.css';

export function Qr(props: {
  /** The text to encode (upper-case letters, digits and `-:` give the densest code). */
  testo: string;
  /** What the code holds, read by screen readers ("Codice QR del mio codice"). */
  etichetta: string;
  /** Error correction levels to try in order; default medium, then low. */
  correzione?: readonly CorrezioneQr[];
  /** Shown instead of the code when the text does not fit in a QR code. */
  fallback?: JSX.Element;
  testid?: string;
}): JSX.Element {
  const simbolo = createMemo(() => simboloQr(props.testo, props.correzione));
  return (
    <Show when={simbolo()} fallback={props.fallback}>
      {(s) => (
        <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${s().lato} ${s().lato}`} role="img"
          aria-label={props.etichetta} shape-rendering="crispEdges" style={{ '--qr-lato': String(s().lato) }}
          data-testid={props.testid} data-versione={s().versione} data-correzione={s().correzione}>
          <rect width={s().lato} height={s().lato} fill="#fff" />
          <path d={percorsoQr(s())} fill="#000" />
        </svg>
      )}
    </Show>
  );
}
