/**
 * @module crdt/workspace/allegatiStanze
 * Where an attachment lives on this device: the rooms of the open cartelle (admin part: checklist
 * documents; prof part: diary entries), each with its Y.Doc and engine, and the attachment keys
 * taken from the cartella's keyring entry (`deriveAttachmentKey` of the part key of each epoch,
 * docs/ATTACHMENTS.md §2). A device without the prof key has no prof room here, so it can neither
 * seal, fetch nor open a diary attachment.
 */
import type * as Y from 'yjs';
import { deriveAttachmentKey, toBase64Url, type PartKeyRecord } from '../../crypto';
import type { ChiaviAllegati } from '../allegati';
import type { RoomSync } from '../sync/roomSync';
import type { Parte } from './keyringPort';
import type { CartellaAperta } from './types';

/** One room of an open cartella, as the attachments see it. */
export interface StanzaAllegati {
  readonly cartellaId: string;
  readonly parte: Parte;
  readonly roomId: Uint8Array;
  readonly doc: Y.Doc;
  readonly sync: RoomSync;
  readonly record: PartKeyRecord;
}

/** The room of one part of an open cartella (undefined without that part on this device). */
export function stanzaDi(a: CartellaAperta, parte: Parte): StanzaAllegati | undefined {
  const doc = parte === 'admin' ? a.cartella.admin : a.cartella.prof;
  const sync = parte === 'admin' ? a.admin : a.prof;
  const record = parte === 'admin' ? a.keys.admin : a.keys.prof;
  return doc && sync && record ? { cartellaId: a.id, parte, roomId: record.roomId, doc, sync, record } : undefined;
}

/** The rooms of the open cartelle by room id (base64url, as the cache names them). */
export function stanzeAperte(cartelle: readonly CartellaAperta[]): Map<string, StanzaAllegati> {
  const out = new Map<string, StanzaAllegati>();
  for (const a of cartelle) {
    for (const parte of ['admin', 'prof'] as const) {
      const s = stanzaDi(a, parte);
      if (s) out.set(toBase64Url(s.roomId), s);
    }
  }
  return out;
}

/**
 * The attachment keys of the device, read from the open cartelle's keyring entries at each call
 * (a rotation or a hand-over replaces the entry), with the derived keys memoised per room and epoch
 * (a part key never changes for its epoch).
 */
export function chiaviDaPortachiavi(cartelle: () => readonly CartellaAperta[]): ChiaviAllegati {
  const derivate = new Map<string, Uint8Array>();
  const record = (room: Uint8Array): PartKeyRecord | undefined => stanzeAperte(cartelle()).get(toBase64Url(room))?.record;
  const chiave = (r: PartKeyRecord, epoch: number): Uint8Array | undefined => {
    const id = `${toBase64Url(r.roomId)}/${epoch}`;
    const gia = derivate.get(id);
    if (gia) return gia;
    const k = r.keys.find((x) => x.epoch === epoch)?.key;
    if (!k) return undefined;
    const a = deriveAttachmentKey(k);
    derivate.set(id, a);
    return a;
  };
  return {
    attuale(room) {
      const r = record(room);
      const key = r ? chiave(r, r.currentEpoch) : undefined;
      return r && key ? { epoch: r.currentEpoch, key } : undefined;
    },
    perEpoca(room, epoch) {
      const r = record(room);
      return r ? chiave(r, epoch) : undefined;
    },
  };
}
