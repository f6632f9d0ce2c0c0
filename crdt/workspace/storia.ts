/**
 * @module crdt/workspace/storia
 * The signed history of a cartella on this device (docs/HISTORY.md): each room's whole log
 * fetched from the relay (`RoomSync.fetchHistory`, every epoch, seq order) plus this device's
 * changes not acknowledged yet, replayed by crdt/history with every epoch's key the device
 * holds and the roster of the admin document. Offline, what the device keeps (the latest
 * snapshot and the updates after it) stands in, and the result says it is not complete.
 */
import { storiaCartella, envelopesFromRoomLog, type RoomEnvelope, type RoomHistory } from '../history';
import { leggiAdmin } from '../model';
import type { EnvelopeStore } from '../sync/ports';
import type { HistoryItem, RoomSync } from '../sync/roomSync';
import { rifiuto, type Esito } from './esito';
import type { CartellaAperta } from './types';

/** The Storia of both parts of a cartella. */
export interface StoriaCartella {
  readonly admin: RoomHistory;
  /** Absent when this device does not hold the prof part. */
  readonly prof?: RoomHistory;
  /** Every room's whole log came from the relay (false: from the device, snapshot + tail). */
  readonly completa: boolean;
}

/** The room's whole log from the relay, then this device's unacknowledged changes. */
export async function logCompleto(room: RoomSync, store: EnvelopeStore): Promise<Esito<readonly RoomEnvelope[]>> {
  const fetched = await room.fetchHistory();
  if (!fetched.ok) return rifiuto('storia_non_disponibile', fetched.code);
  const local = await store.loadRoom(room.roomKey);
  const pending = local.entries.filter((e) => e.seq === null).map((e) => ({ bytes: e.bytes }));
  return { ok: true, value: [...fetched.value.items.map((i: HistoryItem) => ({ seq: i.seq, bytes: i.bytes })), ...pending] };
}

async function envelopesOf(room: RoomSync, store: EnvelopeStore): Promise<{ envelopes: readonly RoomEnvelope[]; completa: boolean }> {
  const full = await logCompleto(room, store);
  if (full.ok) return { envelopes: full.value, completa: true };
  return { envelopes: envelopesFromRoomLog(await store.loadRoom(room.roomKey)), completa: false };
}

/** Both rooms' history (the relay's full log when joined, else what the device keeps). */
export async function storiaDi(a: CartellaAperta, store: EnvelopeStore): Promise<StoriaCartella> {
  const admin = await envelopesOf(a.admin, store);
  const prof = a.prof ? await envelopesOf(a.prof, store) : undefined;
  const stanza = (room: RoomSync, envelopes: readonly RoomEnvelope[]) => ({
    roomId: room.roomBytes, subkeysForEpoch: (e: number) => room.keys.subkeysForEpoch(e), envelopes,
  });
  const h = storiaCartella({
    roster: leggiAdmin(a.cartella.admin).vista.membri,
    admin: stanza(a.admin, admin.envelopes),
    ...(a.prof && prof ? { prof: stanza(a.prof, prof.envelopes) } : {}),
  });
  return { admin: h.admin, ...(h.prof ? { prof: h.prof } : {}), completa: admin.completa && (prof?.completa ?? true) };
}
