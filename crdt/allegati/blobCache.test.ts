/** Runs the BlobCache contract against the in-memory and the IndexedDB (fake-indexeddb) caches. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { blobCacheContract } from './blobCache.contract';
import { openIndexedDbBlobCache } from './indexedDbBlobCache';
import { makeMemoryBlobCache } from './memoryBlobCache';

blobCacheContract('in-memory', async () => ({ cache: makeMemoryBlobCache() }));

let n = 0;
blobCacheContract('IndexedDB (fake-indexeddb)', async () => {
  const factory = new IDBFactory();
  const name = `allegati-${n++}`;
  return { cache: await openIndexedDbBlobCache(name, factory), reopen: () => openIndexedDbBlobCache(name, factory) };
});
