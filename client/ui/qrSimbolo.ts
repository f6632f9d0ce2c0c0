/**
 * @module client/ui/qrSimbolo
 * A text as a QR symbol (encoder: the `qr` package) and that symbol as one SVG path of whole
 * modules, so a printed code stays crisp at any size. The error correction is the first level of
 * a list that fits in version 40: medium (15 %) first, low (7 %) when the text is too long for
 * medium. A text that fits no level gives no symbol, and the screen offers the file instead.
 * Sizes measured for the hand-over texts: docs/SHARING.md, "QR codes".
 */
import encodeQR from 'qr';

/** QR error correction levels (ISO/IEC 18004): 7 %, 15 %, 25 %, 30 % of the symbol recoverable. */
export type CorrezioneQr = 'low' | 'medium' | 'quartile' | 'high';

/** Medium when it fits, else low: robust enough on screen and paper, and the most capacity. */
export const CORREZIONE_QR_PREDEFINITA: readonly CorrezioneQr[] = ['medium', 'low'];

/** The quiet zone around the symbol, in modules: the 4 the standard asks of printed codes. */
export const MARGINE_QR = 4;

export interface SimboloQr {
  /** Rows of modules (true = dark), quiet zone included: `lato` × `lato`. */
  readonly moduli: readonly (readonly boolean[])[];
  readonly lato: number;
  /** QR version, 1..40 (side without the quiet zone = 17 + 4 × version). */
  readonly versione: number;
  readonly correzione: CorrezioneQr;
}

/**
 * The symbol of `testo` at the first level of `livelli` that fits (the encoder picks the
 * smallest version and the densest mode: a text of digits, upper-case letters and `-:` is
 * alphanumeric, 5.5 bits a character), or undefined when it fits none.
 * @throws whatever the encoder throws for anything but a text too long (a programming error).
 */
export function simboloQr(testo: string, livelli: readonly CorrezioneQr[] = CORREZIONE_QR_PREDEFINITA): SimboloQr | undefined {
  for (const correzione of livelli) {
    let moduli: boolean[][];
    try {
      moduli = encodeQR(testo, 'raw', { ecc: correzione, border: MARGINE_QR });
    } catch (e) {
      if (e instanceof Error && /capacity/iu.test(e.message)) continue;
      throw e;
    }
    const lato = moduli.length;
    return { moduli, lato, versione: (lato - 2 * MARGINE_QR - 17) / 4, correzione };
  }
  return undefined;
}

/**
 * The dark modules as one SVG path in module units: each horizontal run of dark modules is one
 * rectangle (`M x y h n v 1 h -n z`), so adjacent modules leave no hairline between them.
 */
export function percorsoQr(simbolo: SimboloQr): string {
  const parti: string[] = [];
  simbolo.moduli.forEach((riga, y) => {
    let x = 0;
    while (x < riga.length) {
      if (!riga[x]) { x += 1; continue; }
      const inizio = x;
      while (x < riga.length && riga[x]) x += 1;
      parti.push(`M${inizio} ${y}h${x - inizio}v1h-${x - inizio}z`);
    }
  });
  return parti.join('');
}
