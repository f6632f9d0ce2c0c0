/**
 * @module crdt/workspace/rotationDecision
 * Whether this device follows a rotation of one part of a cartella (docs/ROTATION.md,
 * "Receiving a rotation"). The engine has already checked the record's signature by the old
 * epoch's relay-auth key; here: the key boxes parse and name the record's room and epochs, the
 * device that signed them is an active member on the roster this device holds (for the prof
 * part, one with équipe keys), and this device's box opens to the key the room was switched to.
 * A removed member who rotated first is therefore not followed, and cannot keep access through
 * the others. Pure: saving the key is the caller's job.
 */
import type * as Y from 'yjs';
import { openKeyBox, openKeyBoxWithRecovery, parseKeyBoxes, toBase64Url, type DeviceIdentity, type RecoveryKeyPair } from '../../crypto';
import { leggiAdmin, livelloChiavi, membriAttivi } from '../model';
import { rotationKeyMatches, type RotationRecord } from '../sync/roomSync';
import type { Parte } from './keyringPort';

/** The verdict on a record; `adopt` still has to be saved before the engine uses the key. */
export type Verdetto =
  | {
    readonly kind: 'adopt'; readonly key: Uint8Array; readonly destinatari: ReadonlySet<string>;
    /** The rotator's roster key; `daVerificare` when the roster was not there to check it (a recovery). */
    readonly firmatario: string; readonly daVerificare: boolean;
  }
  | { readonly kind: 'revoked'; readonly code: string; readonly message: string }
  | { readonly kind: 'untrusted'; readonly code: string; readonly message: string };

/** The roster keys (base64url) of the members the boxes were sealed to. */
export function destinatariDi(boxes: { readonly entries: ReadonlyArray<{ readonly kind: string; readonly signPublicKey?: Uint8Array }> }): ReadonlySet<string> {
  return new Set(boxes.entries.flatMap((e) => (e.kind === 'membro' && e.signPublicKey ? [toBase64Url(e.signPublicKey)] : [])));
}

export function decidiRotazione(input: {
  readonly record: RotationRecord;
  readonly parte: Parte;
  readonly identity: DeviceIdentity;
  readonly admin: Y.Doc;
  readonly now: Date;
  /**
   * The ente's recovery key pair while a recovery is under way (`Workspace.recupera`): a device
   * that is not among the boxes' members opens the recovery entry instead (docs/RECOVERY.md, step 6).
   */
  readonly recupero?: RecoveryKeyPair;
}): Verdetto {
  const { record, parte, identity } = input;
  const parsed = parseKeyBoxes(record.keyBoxes, record);
  if (!parsed.ok) return { kind: 'untrusted', code: parsed.code, message: parsed.message };
  const boxes = parsed.value;
  const signer = toBase64Url(boxes.signer);
  const me = toBase64Url(identity.signPublicKey);
  const { vista } = leggiAdmin(input.admin);
  // A recovery device joins with the keys of a copy older than the rotation: the relay gives it the
  // records before any envelope, so there is no roster yet. The key is adopted and the signer
  // checked once the roster has arrived (`Workspace.recupera`); the records' signature by the old
  // epoch's relay-auth key already shows the rotator held the cartella's keys.
  const daVerificare = input.recupero !== undefined && vista.membri.length === 0;
  // Our own rotation (recovered after a crash between the relay's switch and the save) needs no roster.
  if (signer !== me && !daVerificare) {
    const attivo = membriAttivi(vista, input.now).find((m) => m.chiave === signer);
    if (!attivo) {
      const ex = vista.membri.some((m) => m.chiave === signer);
      return {
        kind: 'untrusted',
        code: ex ? 'rotazione_da_ex_membro' : 'rotazione_da_sconosciuto',
        message: ex
          ? 'Le chiavi sono state cambiate da una persona che non fa più parte dell\'équipe di questa cartella: il cambio non è stato seguito.'
          : 'Le chiavi sono state cambiate da una persona che su questo dispositivo non risulta nell\'équipe della cartella: il cambio non è stato seguito.',
      };
    }
    if (parte === 'prof' && livelloChiavi(attivo.ruolo) !== 'equipe') {
      return { kind: 'untrusted', code: 'rotazione_da_amministrativo', message: 'Le chiavi della parte professionale sono state cambiate da chi non ne ha accesso: il cambio non è stato seguito.' };
    }
  }
  const own = openKeyBox(boxes, identity);
  const opened = !own.ok && own.code === 'key_box_absent' && input.recupero ? openKeyBoxWithRecovery(boxes, input.recupero) : own;
  if (!opened.ok) {
    return opened.code === 'key_box_absent'
      ? { kind: 'revoked', code: opened.code, message: opened.message }
      : { kind: 'untrusted', code: opened.code, message: opened.message };
  }
  if (!rotationKeyMatches(record, opened.value)) {
    return { kind: 'untrusted', code: 'rotation_key_mismatch', message: 'La nuova chiave ricevuta non è quella annunciata dal cambio di chiavi.' };
  }
  return { kind: 'adopt', key: opened.value, destinatari: destinatariDi(boxes), firmatario: signer, daVerificare };
}
