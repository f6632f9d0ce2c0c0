/**
 * @module crdt/allegati/memoryBlobCache
 * `BlobCache` in memory (tests, and a device that may not keep anything). Stores copies, so a
 * caller changing its arrays afterwards changes nothing here.
 */
import type { BlobCache, CopiaBlob, StatoCopia, VoceCopia } from './ports';

/** An in-memory blob cache. */
export function makeMemoryBlobCache(): BlobCache {
  const copie = new Map<string, CopiaBlob>();
  const key = (room: string, id: string): string => `${room}/${id}`;
  return {
    async get(room, id) {
      const c = copie.get(key(room, id));
      return c === undefined ? undefined : { ...c, chunks: c.chunks.map((x) => x.slice()) };
    },
    async put(copia) {
      copie.set(key(copia.room, copia.id), { ...copia, chunks: copia.chunks.map((x) => x.slice()) });
    },
    async setStato(room, id, stato: StatoCopia) {
      const c = copie.get(key(room, id));
      if (c !== undefined) copie.set(key(room, id), { ...c, stato });
    },
    async delete(room, id) {
      copie.delete(key(room, id));
    },
    async list(): Promise<VoceCopia[]> {
      return [...copie.values()].map(({ chunks, ...rest }) => ({ ...rest, bytes: chunks.reduce((s, c) => s + c.length, 0) }));
    },
    async close() {},
  };
}
