/**
 * @module crypto/shareErrors
 * Owns the refusal codes of key hand-over, recovery and keyring backup (docs/SHARING.md,
 * "Error codes") and their Italian messages. These refusals reach the person in front of the
 * screen (a pasted link, a typed passphrase, a printed recovery key), so `message` is the
 * Italian sentence the UI may show as is, optionally followed by a short detail in brackets;
 * `code` is what code branches on.
 */
import { err } from './result';
import type { Err } from './result';

/** Refusals of a share bundle and of its three wrappings (link, passphrase file, sealed box). */
export type BundleErrorCode =
  | 'bundle_truncated'
  | 'bundle_malformed'
  | 'bundle_version'
  | 'bundle_role'
  | 'bundle_motivo'
  | 'bundle_signature'
  | 'bundle_expired'
  | 'bundle_used'
  | 'bundle_recipient'
  | 'bundle_params'
  | 'bundle_passphrase'
  | 'bundle_passphrase_format'
  | 'bundle_sealed';

/** Refusals of the text forms: a pasted link and the QR text of a passphrase file. */
export type ShareTextErrorCode = 'link_malformed' | 'qr_malformed';

/** Refusals of a typed or pasted key text ("il mio codice", the recovery key). */
export type KeyTextErrorCode = 'key_text_malformed' | 'key_text_checksum' | 'key_text_kind' | 'key_text_key';

/** Refusals of a recovery blob. */
export type RecoveryErrorCode = 'recovery_malformed' | 'recovery_version' | 'recovery_key' | 'recovery_signature';

/** Refusals of a keyring backup file. */
export type BackupErrorCode = 'backup_malformed' | 'backup_version' | 'backup_params' | 'backup_passphrase';

/** Every code of this module. */
export type ShareErrorCode = BundleErrorCode | ShareTextErrorCode | KeyTextErrorCode | RecoveryErrorCode | BackupErrorCode;

const AGGIORNA = "è stato creato da una versione più recente dell'applicazione: aggiornala.";

/** The Italian sentence of each code (the table in docs/SHARING.md). */
export const SHARE_ERROR_MESSAGES: Readonly<Record<ShareErrorCode, string>> = {
  bundle_truncated: 'Il pacchetto di chiavi è incompleto: forse è stato copiato solo in parte.',
  bundle_malformed: 'Il pacchetto di chiavi non è valido o è danneggiato.',
  bundle_version: `Il pacchetto di chiavi ${AGGIORNA}`,
  bundle_role: 'Il pacchetto di chiavi non è coerente con il ruolo indicato (équipe o amministrativo).',
  bundle_motivo: 'Manca il motivo del passaggio della cartella senza il consenso della persona.',
  bundle_signature: 'La firma del pacchetto di chiavi non è valida: potrebbe essere stato alterato.',
  bundle_expired: 'Il pacchetto di chiavi è scaduto: chiedi al collega di inviarne uno nuovo.',
  bundle_used: 'Questo pacchetto di chiavi è già stato usato su questo dispositivo.',
  bundle_recipient: 'Questo pacchetto di chiavi è destinato a un altro collega.',
  bundle_params: 'Il file di chiavi non è utilizzabile su questo dispositivo.',
  bundle_passphrase: 'Frase di accesso errata, oppure il file è stato alterato.',
  bundle_passphrase_format: 'La frase di accesso è di 16 caratteri tra lettere e cifre: controlla di averla scritta tutta.',
  bundle_sealed: 'Questo pacchetto non si apre con le chiavi di questo dispositivo: è destinato a un altro collega, oppure è danneggiato.',
  link_malformed: 'Il collegamento non è valido: copialo per intero, senza modificarlo.',
  qr_malformed: 'Il testo del codice QR non è valido: inquadralo o copialo di nuovo.',
  key_text_malformed: 'Il codice è incompleto o contiene caratteri non validi.',
  key_text_checksum: 'Il codice contiene un errore di battitura: ricontrollalo carattere per carattere.',
  key_text_kind: 'Questo codice è di un altro tipo (ad esempio una chiave di recupero al posto del codice di un collega).',
  key_text_key: 'Il codice non contiene una chiave utilizzabile.',
  recovery_malformed: 'Il salvataggio di recupero non è valido o è danneggiato.',
  recovery_version: `Il salvataggio di recupero ${AGGIORNA}`,
  recovery_key: 'Il salvataggio di recupero non si apre con questa chiave di recupero, oppure è danneggiato.',
  recovery_signature: 'La firma del salvataggio di recupero non è valida: potrebbe essere stato alterato.',
  backup_malformed: 'Il file di backup non è valido o è danneggiato.',
  backup_version: `Il file di backup ${AGGIORNA}`,
  backup_params: 'Il file di backup non è utilizzabile su questo dispositivo.',
  backup_passphrase: 'Frase segreta del backup errata, oppure il file è stato alterato.',
};

/** A refusal with the code's Italian sentence, and `detail` (Italian, short) in brackets if given. */
export function shareErr<C extends ShareErrorCode>(code: C, detail?: string): Err<C> {
  const base = SHARE_ERROR_MESSAGES[code];
  return err(code, detail === undefined ? base : `${base} (${detail})`);
}
