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
import { openKeyBox, parseKeyBoxes, toBase64Url, type DeviceIdentity } from '../../crypto';
import { leggiAdmin, livelloChiavi, membriAttivi } from '../model';
import { rotationKeyMatches, type RotationRecord } from '../sync/roomSync';
import type { Parte } from './keyringPort';

/** The verdict on a record; `adopt` still has to be saved before the engine uses the key. */
export type Verdetto =
  | { readonly kind: 'adopt'; readonly key: Uint8Array; readonly destinatari: ReadonlySet<string> }
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
}): Verdetto {
  const { record, parte, identity } = input;
  const parsed = parseKeyBoxes(record.keyBoxes, record);
  if (!parsed.ok) return { kind: 'untrusted', code: parsed.code, message: parsed.message };
  const boxes = parsed.value;
  const signer = toBase64Url(boxes.signer);
  const me = toBase64Url(identity.signPublicKey);
  // Our own rotation (recovered after a crash between the relay's switch and the save) needs no roster.
  if (signer !== me) {
    const { vista } = leggiAdmin(input.admin);
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
  const opened = openKeyBox(boxes, identity);
  if (!opened.ok) {
    return opened.code === 'key_box_absent'
      ? { kind: 'revoked', code: opened.code, message: opened.message }
      : { kind: 'untrusted', code: opened.code, message: opened.message };
  }
  if (!rotationKeyMatches(record, opened.value)) {
    return { kind: 'untrusted', code: 'rotation_key_mismatch', message: 'La nuova chiave ricevuta non è quella annunciata dal cambio di chiavi.' };
  }
  return { kind: 'adopt', key: opened.value, destinatari: destinatariDi(boxes) };
}
