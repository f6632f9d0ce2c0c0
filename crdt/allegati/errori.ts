/**
 * @module crdt/allegati/errori
 * The refusals of the attachment logic: stable codes (docs/ERRORS.md, "Attachments: on the
 * device") and the Italian sentence the UI shows. Sizes are written as people read them
 * ("20 MB", "23,4 MB").
 */
import type { Err } from '../../crypto';
import type { TransportFailure } from './ports';

/** Every code the attachment logic returns. */
export const CODICI_ALLEGATO = [
  'allegato_vuoto',
  'allegato_troppo_grande',
  'formato_non_supportato',
  'chiave_assente',
  'spazio_esaurito',
  'rete',
  'non_autorizzato',
  'non_disponibile',
  'allegato_danneggiato',
  'formato_diverso',
  'interrotto',
  'archivio_locale',
  'errore_server',
] as const;
export type CodiceAllegato = (typeof CODICI_ALLEGATO)[number];

/** A refusal with its Italian message. */
export type ErroreAllegato = Err<CodiceAllegato>;

/** The outcome of an attachment operation. */
export type EsitoAllegato<T> = { readonly ok: true; readonly value: T } | ErroreAllegato;

/** Builds a refusal. */
export function erroreAllegato(code: CodiceAllegato, message: string): ErroreAllegato {
  return { ok: false, code, message };
}

/** A size as an Italian reader expects it: "20 MB", "23,4 MB", "850 kB". */
export function dimensione(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} MB`;
  return `${bytes === 0 ? 0 : Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** The message for a file above the limit. */
export function troppoGrande(nome: string, bytes: number, limite: number): ErroreAllegato {
  return erroreAllegato(
    'allegato_troppo_grande',
    `Il file «${nome}» pesa ${dimensione(bytes)}: il limite per un allegato è ${dimensione(limite)}. ` +
      'Riduci la risoluzione della scansione o dividi il documento in più file.',
  );
}

/** Turns a transport failure into the refusal the UI shows. */
export function daTrasporto(f: TransportFailure, nome = 'allegato'): ErroreAllegato {
  switch (f.code) {
    case 'rete':
    case 'ticket_timeout':
    case 'shutting_down':
      return erroreAllegato('rete', "Il server non è raggiungibile: l'allegato resta su questo dispositivo e verrà trasferito appena possibile.");
    case 'ticket_refused':
    case 'blob_ticket_invalid':
    case 'blob_ticket_room':
      return erroreAllegato('non_autorizzato', 'Questo dispositivo non risulta autorizzato su questa parte della cartella: controlla di avere ancora accesso al caso.');
    case 'blob_too_large':
      return erroreAllegato(
        'allegato_troppo_grande',
        `Il file «${nome}» supera il limite di ${dimensione(f.refusal?.maxFileBytes ?? 0)} fissato dal server per un allegato. ` +
          'Riduci la risoluzione della scansione o dividi il documento in più file.',
      );
    case 'blob_quota':
      return erroreAllegato(
        'spazio_esaurito',
        `Lo spazio per gli allegati di questa cartella sul server è esaurito (${dimensione(f.refusal?.usedBytes ?? 0)} usati su ${dimensione(f.refusal?.quotaBytes ?? 0)}). ` +
          "Rivolgiti all'amministratore del sistema.",
      );
    case 'blob_not_found':
    case 'blob_incomplete':
    case 'blob_unknown':
      return erroreAllegato('non_disponibile', "L'allegato non è ancora disponibile sul server: chi lo ha aggiunto non ha finito di caricarlo.");
    default:
      return erroreAllegato('errore_server', `Il server ha rifiutato l'operazione sull'allegato (${f.code}).`);
  }
}
