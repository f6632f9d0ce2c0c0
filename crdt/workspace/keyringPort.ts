/**
 * @module crdt/workspace/keyringPort
 * What the workspace needs of the device keyring to change keys: read it, and apply a change
 * that is sealed and written durably before it resolves (the PWA's `KeyringKeeper` has exactly
 * this shape). A key received or made by a rotation joins the keyring through
 * `mergeCartellaKeys` — which only ever adds — before any envelope is sealed or opened with it.
 */
import {
  findCartellaKeys, mergeCartellaKeys, type CartellaKeys, type KeyringData, type PartKeyRecord,
} from '../../crypto';

/** The device keyring as the workspace uses it. */
export interface WorkspaceKeyring {
  /** The keyring as last written to the device. */
  current(): KeyringData;
  /**
   * Applies `change` to the current data, seals and writes it durably, then resolves with the
   * new data. Rejects, changing nothing, if `change` throws or the write fails.
   */
  update(change: (data: KeyringData) => KeyringData): Promise<KeyringData>;
}

/** One part of a cartella. */
export type Parte = 'admin' | 'prof';

/** A keyring change refused (carried out of `update` by throwing, caught by the caller). */
export class KeyringRefusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * Saves the key of `epoch` for one part of a cartella (making it the current epoch) and resolves
 * with the cartella's entry as written. Older epochs stay: history remains readable.
 */
export async function saveEpochKey(
  keyring: WorkspaceKeyring, cartellaId: string, parte: Parte, epoch: number, key: Uint8Array,
): Promise<CartellaKeys> {
  const data = await keyring.update((d) => {
    const held = findCartellaKeys(d, cartellaId);
    if (!held) throw new KeyringRefusal('keyring_malformed', `cartella ${cartellaId} is not in the keyring`);
    const part: PartKeyRecord | undefined = held[parte];
    if (!part) throw new KeyringRefusal('keyring_malformed', `cartella ${cartellaId} has no ${parte} part in the keyring`);
    const record: PartKeyRecord = { roomId: part.roomId, currentEpoch: epoch, keys: [...part.keys.filter((k) => k.epoch !== epoch), { epoch, key }].sort((a, b) => a.epoch - b.epoch) };
    const merged = mergeCartellaKeys(d, { ...held, [parte]: record });
    if (!merged.ok) throw new KeyringRefusal(merged.code, merged.message);
    return merged.value.data;
  });
  const entry = findCartellaKeys(data, cartellaId);
  if (!entry) throw new Error('the merged cartella is missing from the keyring');
  return entry;
}
