/**
 * @module client/chiavi/testoConsegna
 * What a received text is, whether pasted in "Ricevi una cartella" or read from a QR code: a
 * hand-over link (`…#ricevi=…`) or the QR text of a one-time-passphrase file
 * (`CARTELLA-CHIAVI:…`, docs/SHARING.md). The one validating step for both inputs: the text is
 * bounded, recognised by its prefix and parsed by crypto's parser of that form; the bundle inside
 * is then checked for this device by `apriConsegna`.
 */
import {
  err, LINK_MAX_CHARS, ok, parseShareLink, parseWrappedBundleText, SHARE_LINK_PARAM, SHARE_QR_MAX_CHARS, SHARE_QR_PREFIX, type Result,
} from '../../crypto';
import { t } from '../strings';

export type TestoConsegna =
  | { readonly tipo: 'link'; readonly link: string }
  | { readonly tipo: 'file'; readonly file: Uint8Array };

/**
 * `link_malformed`, `qr_malformed`: the form is recognised but damaged; `non_cartella`: neither
 * form; `mio_codice`: a device's code ("il mio codice"), which is for the issuer, not the receiver.
 */
export type ErroreTestoConsegna = 'link_malformed' | 'qr_malformed' | 'non_cartella' | 'mio_codice';

const MAX_CHARS = Math.max(LINK_MAX_CHARS, SHARE_QR_MAX_CHARS);
const s = t.chiavi.ricevi.errori;

/** Reads a pasted text (`da: 'testo'`) or a QR code's text (`da: 'qr'`); never throws. */
export function leggiTestoConsegna(testo: string, da: 'testo' | 'qr'): Result<TestoConsegna, ErroreTestoConsegna> {
  const estraneo = (): Result<never, 'non_cartella'> => err('non_cartella', da === 'qr' ? s.nonCartella : s.testoNonCartella);
  if (typeof testo !== 'string' || testo.length > MAX_CHARS) return estraneo();
  const compatto = testo.replace(/\s+/gu, '');
  const inizio = compatto.slice(0, SHARE_QR_PREFIX.length).toUpperCase();
  if (inizio === SHARE_QR_PREFIX) {
    const file = parseWrappedBundleText(testo);
    return file.ok ? ok({ tipo: 'file', file: file.value }) : file;
  }
  if (inizio.startsWith('CODICE:')) return err('mio_codice', s.mioCodice);
  if (compatto.includes(`${SHARE_LINK_PARAM}=`)) {
    const link = parseShareLink(testo);
    return link.ok ? ok({ tipo: 'link', link: testo.trim() }) : link;
  }
  return estraneo();
}
