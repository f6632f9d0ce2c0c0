/**
 * @module crypto/keyringMerge
 * Owns how keys received for a cartella (a share bundle, a recovery blob) join the keyring:
 * `mergeCartellaKeys` adds a new cartella, or adds epochs and the professional part to one
 * already held. A merge only ever adds: it never removes an epoch, never moves the current
 * epoch back, never drops the prof part (an équipe entry is never downgraded to
 * amministrativo). A different room or a different key for an epoch already held is a
 * conflict, never silently resolved. `recordUsedBundleId` remembers accepted bundles.
 */
import { bytesEqual } from './bytes';
import { BUNDLE_ID_BYTES, findCartellaKeys, MAX_USED_BUNDLE_IDS, validateKeyringData } from './keyringData';
import type { CartellaKeys, KeyringData, KeyringDataErrorCode, PartKeyRecord } from './keyringData';
import { err, ok } from './result';
import type { Result } from './result';
import { sodium } from './sodium';

/** Why `mergeCartellaKeys` refused. */
export type MergeCartellaKeysErrorCode = 'keyring_conflict' | KeyringDataErrorCode;

/** What a merge did: a cartella not held before, more keys for one held, or nothing new. */
export type MergeChange = 'added' | 'updated' | 'unchanged';

/** A merged keyring and what changed. */
export interface MergeOutcome {
  data: KeyringData;
  change: MergeChange;
}

/** Internal: a merge conflict, naming the part and epoch. */
class Conflict extends Error {}

function mergePart(held: PartKeyRecord, incoming: PartKeyRecord, part: string): { record: PartKeyRecord; grew: boolean } {
  if (!bytesEqual(held.roomId, incoming.roomId)) throw new Conflict(`${part}: the incoming room differs from the one held`);
  const s = sodium();
  const byEpoch = new Map(held.keys.map((k) => [k.epoch, k.key]));
  let grew = false;
  for (const { epoch, key } of incoming.keys) {
    const mine = byEpoch.get(epoch);
    if (mine === undefined) {
      byEpoch.set(epoch, key);
      grew = true;
    } else if (mine.length !== key.length || s.memcmp(mine, key) !== true) {
      throw new Conflict(`${part}: a different key for epoch ${epoch}`);
    }
  }
  const currentEpoch = Math.max(held.currentEpoch, incoming.currentEpoch);
  const keys = [...byEpoch.entries()].sort(([a], [b]) => a - b).map(([epoch, key]) => ({ epoch, key }));
  return { record: { roomId: held.roomId, currentEpoch, keys }, grew: grew || currentEpoch !== held.currentEpoch };
}

/**
 * A new keyring with `incoming` merged in; `data` is not changed. A cartella not held is
 * appended (`added`, with `incoming.addedAt`). For one held (`updated`, or `unchanged` when
 * nothing is new; its `addedAt` is kept): epochs not held are added to each part, the current
 * epoch becomes the later of the two, and a prof part is added if held without one, never
 * removed. Refusals: `keyring_conflict` when a part's room differs or an epoch held has a
 * different key; `keyring_malformed` when `incoming` (or the result) would not pass the parser,
 * e.g. a room already used by another cartella.
 */
export function mergeCartellaKeys(data: KeyringData, incoming: CartellaKeys): Result<MergeOutcome, MergeCartellaKeysErrorCode> {
  if (typeof incoming !== 'object' || incoming === null) return err('keyring_malformed', 'not a cartella entry');
  // Validate the entry alone first, so the merge below reads only well-formed parts.
  const alone = validateKeyringData({ ...data, cartelle: [incoming] });
  if (!alone.ok) return alone;
  const entry = alone.value.cartelle[0] as CartellaKeys;
  const held = findCartellaKeys(data, entry.cartellaId);
  if (held === undefined) {
    const added = validateKeyringData({ ...data, cartelle: [...data.cartelle, entry] });
    return added.ok ? ok({ data: added.value, change: 'added' }) : added;
  }
  let merged: CartellaKeys;
  let grew: boolean;
  try {
    const admin = mergePart(held.admin, entry.admin, 'admin');
    let prof = held.prof;
    let profGrew = false;
    if (held.prof !== undefined && entry.prof !== undefined) {
      const m = mergePart(held.prof, entry.prof, 'prof');
      prof = m.record;
      profGrew = m.grew;
    } else if (held.prof === undefined && entry.prof !== undefined) {
      prof = entry.prof;
      profGrew = true;
    }
    merged = { cartellaId: held.cartellaId, admin: admin.record, ...(prof !== undefined ? { prof } : {}), addedAt: held.addedAt };
    grew = admin.grew || profGrew;
  } catch (e) {
    if (e instanceof Conflict) return err('keyring_conflict', `cartella ${held.cartellaId}: ${e.message}`);
    throw e;
  }
  if (!grew) return ok({ data, change: 'unchanged' });
  const updated = validateKeyringData({ ...data, cartelle: data.cartelle.map((c) => (c === held ? merged : c)) });
  return updated.ok ? ok({ data: updated.value, change: 'updated' }) : updated;
}

/**
 * A new keyring that remembers `bundleId` as used (appended; already there: unchanged). Keeps
 * the newest `MAX_USED_BUNDLE_IDS`, dropping the oldest.
 * @throws RangeError if `bundleId` is not 16 bytes (it comes from a parsed bundle).
 */
export function recordUsedBundleId(data: KeyringData, bundleId: Uint8Array): KeyringData {
  if (!(bundleId instanceof Uint8Array) || bundleId.length !== BUNDLE_ID_BYTES) {
    throw new RangeError(`a bundle id is ${BUNDLE_ID_BYTES} bytes`);
  }
  if (hasUsedBundleId(data, bundleId)) return data;
  const used = [...data.usedBundleIds, bundleId.slice()];
  return { ...data, usedBundleIds: used.slice(Math.max(0, used.length - MAX_USED_BUNDLE_IDS)) };
}

/** Whether the keyring remembers `bundleId` as used. */
export function hasUsedBundleId(data: Pick<KeyringData, 'usedBundleIds'>, bundleId: Uint8Array): boolean {
  return data.usedBundleIds.some((id) => bytesEqual(id, bundleId));
}
