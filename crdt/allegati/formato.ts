/**
 * @module crdt/allegati/formato
 * Which files may be attached: PDF, JPEG and PNG (scans and photos of paper documents), recognised
 * by their first bytes ("magic bytes"), never by the file's name or the browser's MIME guess. A
 * file renamed to `.pdf` is refused, and an attachment whose content does not match the format
 * recorded in the cartella is refused when opened (the viewer never renders one type as another).
 */

/** The formats an attachment may have. */
export const FORMATI_ALLEGATO = ['pdf', 'jpeg', 'png'] as const;
export type FormatoAllegato = (typeof FORMATI_ALLEGATO)[number];

/** The MIME type to open each format with. */
export const MIME_ALLEGATO: Readonly<Record<FormatoAllegato, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** Names shown to people. */
export const ETICHETTE_FORMATO: Readonly<Record<FormatoAllegato, string>> = {
  pdf: 'PDF',
  jpeg: 'immagine JPEG',
  png: 'immagine PNG',
};

const FIRME: ReadonlyArray<readonly [FormatoAllegato, readonly number[]]> = [
  // "%PDF-" (ISO 32000-1 §7.5.2: the header line starts the file)
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  // SOI marker followed by the first segment's marker byte (JFIF, Exif and raw JPEG alike)
  ['jpeg', [0xff, 0xd8, 0xff]],
  // PNG signature (ISO/IEC 15948 §5.2)
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The format of a file by its first bytes, or undefined when it is none of the accepted ones. */
export function riconosciFormato(bytes: Uint8Array): FormatoAllegato | undefined {
  for (const [formato, firma] of FIRME) {
    if (bytes.length >= firma.length && firma.every((b, i) => bytes[i] === b)) return formato;
  }
  return undefined;
}
