/**
 * @module crdt/allegati/blobCache.contract
 * The contract every `BlobCache` passes (in-memory, IndexedDB).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobCache, CopiaBlob } from './ports';

/** How the suite gets caches: a fresh one, and (when persistent) the same data reopened. */
export interface BlobCacheHarness {
  readonly cache: BlobCache;
  reopen?(): Promise<BlobCache>;
}

const copia = (id: string, stato: CopiaBlob['stato'] = 'da_caricare', room = 'stanza-uno'): CopiaBlob => ({
  room,
  id,
  chunks: [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])],
  stato,
  salvatoIl: 1_700_000_000_000,
});

/** Registers the contract tests for one implementation. */
export function blobCacheContract(name: string, make: () => Promise<BlobCacheHarness>): void {
  describe(`BlobCache contract: ${name}`, () => {
    const open: BlobCache[] = [];
    const fresh = async (): Promise<BlobCacheHarness> => {
      const h = await make();
      open.push(h.cache);
      return h;
    };
    afterEach(async () => {
      for (const c of open.splice(0)) await c.close();
    });

    it('gives back what was put, chunks in order, and nothing for an unknown blob', async () => {
      const { cache } = await fresh();
      await cache.put(copia('a'));
      expect(await cache.get('stanza-uno', 'a')).toEqual(copia('a'));
      expect(await cache.get('stanza-uno', 'b')).toBeUndefined();
      expect(await cache.get('stanza-due', 'a')).toBeUndefined();
    });

    it('keeps its own copy: changing the arrays after put changes nothing stored', async () => {
      const { cache } = await fresh();
      const c = copia('a');
      await cache.put(c);
      (c.chunks[0] as Uint8Array)[0] = 99;
      expect((await cache.get('stanza-uno', 'a'))?.chunks[0]?.[0]).toBe(1);
    });

    it('changes the state of a stored blob, ignores an unknown one, and lists every blob without its bytes', async () => {
      const { cache } = await fresh();
      await cache.put(copia('a'));
      await cache.put(copia('b', 'caricato', 'stanza-due'));
      await cache.setStato('stanza-uno', 'a', 'caricato');
      await cache.setStato('stanza-uno', 'zzz', 'caricato');
      const list = (await cache.list()).sort((x, y) => x.id.localeCompare(y.id));
      expect(list).toEqual([
        { room: 'stanza-uno', id: 'a', stato: 'caricato', salvatoIl: 1_700_000_000_000, bytes: 5 },
        { room: 'stanza-due', id: 'b', stato: 'caricato', salvatoIl: 1_700_000_000_000, bytes: 5 },
      ]);
    });

    it('replaces a blob put again, and forgets a deleted one', async () => {
      const { cache } = await fresh();
      await cache.put(copia('a'));
      await cache.put({ ...copia('a', 'caricato'), chunks: [new Uint8Array([7])] });
      expect(await cache.get('stanza-uno', 'a')).toMatchObject({ stato: 'caricato', chunks: [new Uint8Array([7])] });
      await cache.delete('stanza-uno', 'a');
      expect(await cache.get('stanza-uno', 'a')).toBeUndefined();
      expect(await cache.list()).toEqual([]);
    });

    it('keeps blobs and their state across a reopen (when persistent)', async () => {
      const h = await fresh();
      if (h.reopen === undefined) return;
      await h.cache.put(copia('a'));
      await h.cache.setStato('stanza-uno', 'a', 'caricato');
      await h.cache.close();
      const again = await h.reopen();
      open.push(again);
      expect(await again.get('stanza-uno', 'a')).toEqual(copia('a', 'caricato'));
    });
  });
}
