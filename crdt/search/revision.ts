/**
 * @module crdt/search/revision
 * Owns the revision of a cartella's documents (docs/SEARCH.md, "Staleness"): a short digest
 * that changes whenever anything is added to or deleted from either document, so a restored
 * index re-reads only the cartelle that changed since it was sealed. A Yjs state vector alone
 * would miss deletions (they advance no clock), so the digest also covers the delete set.
 */
import * as Y from 'yjs';
import { concatBytes, toBase64Url } from '../../crypto/bytes';
import { blake2b } from '../../crypto/primitives';
import type { Cartella } from '../model';

const DOMAIN = new TextEncoder().encode('cartella-search-revision-v1');

function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function docState(doc: Y.Doc): Uint8Array {
  const sv = Y.encodeStateVector(doc);
  // Relative to its own state vector an update carries no items, only the full delete set.
  const ds = Y.encodeStateAsUpdate(doc, sv);
  return concatBytes(u32(sv.length), sv, u32(ds.length), ds);
}

/**
 * The revision of a cartella (22 characters of base64url): equal for documents holding the same
 * items and deletions, different after any change, and different when the professional part
 * appears or goes. Needs `initSodium()` (BLAKE2b), as the app calls at start.
 */
export function revisioneCartella(c: Cartella): string {
  const parts = [DOMAIN, docState(c.admin), Uint8Array.of(c.prof ? 1 : 0)];
  if (c.prof) parts.push(docState(c.prof));
  return toBase64Url(blake2b(16, concatBytes(...parts)));
}
