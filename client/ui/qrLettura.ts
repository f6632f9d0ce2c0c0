/**
 * @module client/ui/qrLettura
 * Reading a QR code in the browser, from a photo (any image the browser decodes) or from the
 * frames of a camera. The browser's own BarcodeDetector when it reads QR codes (Chrome on
 * Android, macOS, ChromeOS), else the decoder of the `qr` package, loaded on first use so the
 * app does not carry it until someone reads a code. Returns the text only: what it means is for
 * the caller's parser to decide.
 */

/** What the native Shape Detection API offers (not in TypeScript's DOM types yet). */
interface Rilevatore { detect(sorgente: ImageBitmapSource): Promise<ReadonlyArray<{ readonly rawValue: string }>> }
interface CostruttoreRilevatore {
  new (opzioni: { formats: string[] }): Rilevatore;
  getSupportedFormats(): Promise<readonly string[]>;
}

export type LetturaQr = { readonly testo: string } | { readonly errore: 'immagine' | 'nessuno' };

/** The JS decoder gets at most this many pixels on the longer side (a photo of 12 Mpx is scaled). */
const LATO_MAX_FOTO = 2048;
/** A small picture is enlarged to this side first: the decoder needs a few pixels a module. */
const LATO_MIN_FOTO = 800;
const LATO_MAX_VIDEO = 1024;
/** Pause between two camera frames: a few reads a second, without keeping a core busy. */
const PAUSA_VIDEO_MS = 150;

let nativo: Promise<Rilevatore | undefined> | undefined;

function rilevatoreNativo(): Promise<Rilevatore | undefined> {
  nativo ??= (async () => {
    const Costruttore = (globalThis as { BarcodeDetector?: CostruttoreRilevatore }).BarcodeDetector;
    if (!Costruttore) return undefined;
    try {
      const formati = await Costruttore.getSupportedFormats();
      return formati.includes('qr_code') ? new Costruttore({ formats: ['qr_code'] }) : undefined;
    } catch {
      return undefined;
    }
  })();
  return nativo;
}

async function conRilevatore(r: Rilevatore, sorgente: ImageBitmapSource): Promise<string | undefined> {
  try {
    return (await r.detect(sorgente))[0]?.rawValue;
  } catch {
    return undefined;
  }
}

/** The pixels of `sorgente` scaled so that its longer side is within [min, max] (no smoothing when enlarging). */
function pixel(sorgente: CanvasImageSource, larghezza: number, altezza: number, latoMin: number, latoMax: number): ImageData | undefined {
  const lato = Math.max(larghezza, altezza);
  if (lato <= 0) return undefined;
  const k = lato > latoMax ? latoMax / lato : lato < latoMin ? latoMin / lato : 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(larghezza * k));
  canvas.height = Math.max(1, Math.round(altezza * k));
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.imageSmoothingEnabled = k < 1;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(sorgente, 0, 0, canvas.width, canvas.height);
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

async function conDecoder(immagine: ImageData, accurato: boolean): Promise<string | undefined> {
  const { default: decodeQR } = await import('qr/decode.js');
  try {
    return decodeQR(immagine, accurato ? { effort: Infinity, timeLimit: 3_000 } : {});
  } catch {
    // The decoder throws when it finds no code: a miss, not a failure.
    return undefined;
  }
}

/** The text of the QR code in a photo; `immagine` when the file is not a picture, `nessuno` when no code is read. */
export async function leggiQrDaFoto(foto: Blob): Promise<LetturaQr> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(foto);
  } catch {
    return { errore: 'immagine' };
  }
  try {
    const r = await rilevatoreNativo();
    const nativoLetto = r ? await conRilevatore(r, bitmap) : undefined;
    if (nativoLetto !== undefined) return { testo: nativoLetto };
    const immagine = pixel(bitmap, bitmap.width, bitmap.height, LATO_MIN_FOTO, LATO_MAX_FOTO);
    const testo = immagine ? await conDecoder(immagine, true) : undefined;
    return testo === undefined ? { errore: 'nessuno' } : { testo };
  } finally {
    bitmap.close();
  }
}

/** Whether this device shows a camera to the page (none, or the page may not use it: false). */
export async function fotocameraPresente(): Promise<boolean> {
  try {
    const dispositivi = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    return dispositivi.some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

/**
 * Reads frames of a playing `video` until a QR code is found, then calls `onLetto` once.
 * Returns the function that stops reading (the caller stops the camera itself).
 */
export function leggiQrDaVideo(video: HTMLVideoElement, onLetto: (testo: string) => void): () => void {
  let fermo = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giro = async (): Promise<void> => {
    if (fermo) return;
    let testo: string | undefined;
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      const r = await rilevatoreNativo();
      if (r) testo = await conRilevatore(r, video);
      else {
        const immagine = pixel(video, video.videoWidth, video.videoHeight, 0, LATO_MAX_VIDEO);
        if (immagine) testo = await conDecoder(immagine, false);
      }
    }
    if (fermo) return;
    if (testo !== undefined) { fermo = true; onLetto(testo); return; }
    timer = setTimeout(() => void giro(), PAUSA_VIDEO_MS);
  };
  void giro();
  return () => {
    fermo = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
