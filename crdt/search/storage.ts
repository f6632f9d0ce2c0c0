/**
 * @module crdt/search/storage
 * Owns the only way the index leaves memory (docs/SEARCH.md, "Storage"): encoded, sealed for
 * this device (crypto/searchIndex.ts) and the plaintext wiped; and the way back, which never
 * fails: a missing, stale, foreign, damaged or unreadable blob gives an empty index to rebuild,
 * with the reason for the log, never an error for the user.
 */
import type { DeviceIdentity } from '../../crypto/identity';
import { openSearchIndex, sealSearchIndex, type SearchSealErrorCode } from '../../crypto/searchIndex';
import { SearchIndex } from './searchIndex';
import { encodeSearchIndex, parseSearchIndex, type SearchIndexErrorCode } from './serialize';

/** The bytes to store: the index sealed for this device. Nothing else of the index is ever written. */
export function storeSearchIndex(index: SearchIndex, identity: DeviceIdentity): Uint8Array {
  const plaintext = encodeSearchIndex(index);
  try {
    return sealSearchIndex(plaintext, identity);
  } finally {
    plaintext.fill(0);
  }
}

/** What `restoreSearchIndex` gives back. */
export interface RestoredSearchIndex {
  /** The restored index, or an empty one to fill (every cartella then differs in revision). */
  readonly index: SearchIndex;
  /** Whether the stored index was read. */
  readonly restored: boolean;
  /** Why it was not (for the log; never shown to the user). Absent when there was nothing stored. */
  readonly problem?: { readonly code: SearchSealErrorCode | SearchIndexErrorCode; readonly message: string };
}

/**
 * Opens a stored index for this device. Never fails and never throws on the stored bytes:
 * whatever is wrong with them, the answer is an empty index and the reason. Then, for each
 * cartella on the device, re-index it when `index.revision(id)` differs from its current
 * revision, and `remove` the ids no longer held.
 */
export function restoreSearchIndex(sealed: Uint8Array | null | undefined, identity: DeviceIdentity): RestoredSearchIndex {
  if (sealed === null || sealed === undefined) return { index: new SearchIndex(), restored: false };
  const opened = openSearchIndex(sealed, identity);
  if (!opened.ok) return { index: new SearchIndex(), restored: false, problem: { code: opened.code, message: opened.message } };
  const parsed = parseSearchIndex(opened.value);
  opened.value.fill(0);
  if (!parsed.ok) return { index: new SearchIndex(), restored: false, problem: { code: parsed.code, message: parsed.message } };
  return { index: parsed.value, restored: true };
}
