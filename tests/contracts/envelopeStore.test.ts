import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import { openIndexedDbEnvelopeStore } from '../../crdt/sync/indexedDbEnvelopeStore';
import { envelopeStoreContract } from './envelopeStore.contract';

envelopeStoreContract('in-memory', () => Promise.resolve({ store: makeMemoryEnvelopeStore() }), false);

let n = 0;
envelopeStoreContract('IndexedDB (fake-indexeddb)', async () => {
  const factory = new IDBFactory();
  const name = `contract-${n++}`;
  return { store: await openIndexedDbEnvelopeStore(name, factory), reopen: () => openIndexedDbEnvelopeStore(name, factory) };
}, true);
