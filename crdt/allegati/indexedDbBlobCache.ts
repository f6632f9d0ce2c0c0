/**
 * @module crdt/allegati/indexedDbBlobCache
 * `BlobCache` on IndexedDB: the PWA's copy of sealed attachments, so an attachment once fetched
 * (or added on this device) opens offline. It holds only ciphertext (CRTALLG1 chunks); the keys
 * are in the passphrase-sealed keyring, so a stolen laptop leaks nothing. Two object stores: the
 * chunks, and a small record per blob (state, size, time) so listing never loads the bytes.
 */
import type { BlobCache, CopiaBlob, StatoCopia, VoceCopia } from './ports';
import { done, request } from '../sync/idb';

const DB_VERSION = 1;
const CHUNKS = 'chunks';
const VOCI = 'voci';

interface ChunksRow { room: string; id: string; chunks: Uint8Array[] }

/** Opens (creating when needed) the blob cache database `name` with the given IndexedDB factory. */
export async function openIndexedDbBlobCache(name: string, factory: IDBFactory = indexedDB): Promise<BlobCache> {
  const open = factory.open(name, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore(CHUNKS, { keyPath: ['room', 'id'] });
    db.createObjectStore(VOCI, { keyPath: ['room', 'id'] });
  };
  const db = await request(open);

  return {
    async get(room, id): Promise<CopiaBlob | undefined> {
      const tx = db.transaction([CHUNKS, VOCI], 'readonly');
      const [row, voce] = await Promise.all([
        request(tx.objectStore(CHUNKS).get([room, id]) as IDBRequest<ChunksRow | undefined>),
        request(tx.objectStore(VOCI).get([room, id]) as IDBRequest<VoceCopia | undefined>),
      ]);
      if (row === undefined || voce === undefined) return undefined;
      return { room, id, chunks: row.chunks, stato: voce.stato, salvatoIl: voce.salvatoIl };
    },
    async put(copia) {
      const tx = db.transaction([CHUNKS, VOCI], 'readwrite');
      tx.objectStore(CHUNKS).put({ room: copia.room, id: copia.id, chunks: copia.chunks.map((c) => c.slice()) } satisfies ChunksRow);
      const bytes = copia.chunks.reduce((s, c) => s + c.length, 0);
      tx.objectStore(VOCI).put({ room: copia.room, id: copia.id, stato: copia.stato, salvatoIl: copia.salvatoIl, bytes } satisfies VoceCopia);
      await done(tx);
    },
    async setStato(room, id, stato: StatoCopia) {
      const tx = db.transaction(VOCI, 'readwrite');
      const store = tx.objectStore(VOCI);
      const voce = (await request(store.get([room, id]))) as VoceCopia | undefined;
      if (voce !== undefined) store.put({ ...voce, stato });
      await done(tx);
    },
    async delete(room, id) {
      const tx = db.transaction([CHUNKS, VOCI], 'readwrite');
      tx.objectStore(CHUNKS).delete([room, id]);
      tx.objectStore(VOCI).delete([room, id]);
      await done(tx);
    },
    async list(): Promise<VoceCopia[]> {
      const tx = db.transaction(VOCI, 'readonly');
      return (await request(tx.objectStore(VOCI).getAll())) as VoceCopia[];
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}
