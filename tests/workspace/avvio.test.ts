/**
 * A device's cold start (docs/SYNC.md, "The workspace"): every room's log is read from the store
 * in one go and opened exactly as one by one would; nothing written offline is lost across the
 * restart; the roster upkeep held back by `inizioCura` still happens, once per cartella, when it
 * resolves; the attachments' view is told of rooms turning live only after its start.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  generateDeviceIdentity, generatePartKey, generateRoomId, initSodium, roomIdToBase64Url, toBase64Url, type CartellaKeys,
} from '../../crypto';
import { creaCartella, leggiAdmin, leggiCartella, aggiornaAnagrafica, type AuthorKey } from '../../crdt/model';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import { openIndexedDbEnvelopeStore } from '../../crdt/sync/indexedDbEnvelopeStore';
import type { EnvelopeStore, RoomKey } from '../../crdt/sync/ports';
import { Workspace } from '../../crdt/workspace';
import { allegatiDopo } from '../../crdt/workspace/allegatiDopo';
import { CodaCura } from '../../crdt/workspace/codaCura';
import { until } from '../support/cartellaClient';
import { makeMemoryRelay } from '../support/memoryRelay';

beforeAll(initSodium);

const NOW = new Date('2026-11-26T09:30:00Z');

const chiaviNuove = (id: string): CartellaKeys => {
  const parte = () => ({ roomId: generateRoomId(), currentEpoch: 1, keys: [{ epoch: 1, key: generatePartKey() }] });
  return { cartellaId: id, admin: parte(), prof: parte(), addedAt: NOW.toISOString() };
};

/** A store that counts how it is read. */
function contaLetture(store: EnvelopeStore): { store: EnvelopeStore; loadRoom: number; loadRooms: number } {
  const conta = { loadRoom: 0, loadRooms: 0 };
  return Object.assign(conta, {
    store: {
      ...store,
      loadRoom: (room: RoomKey) => { conta.loadRoom++; return store.loadRoom(room); },
      loadRooms: (rooms: readonly RoomKey[]) => { conta.loadRooms++; return store.loadRooms(rooms); },
    },
  });
}

async function apri(relay: ReturnType<typeof makeMemoryRelay>, options: {
  cartelle: CartellaKeys[]; store: EnvelopeStore; identity: ReturnType<typeof generateDeviceIdentity>; connetti?: boolean; inizioCura?: Promise<unknown>;
}) {
  const link = relay.link();
  const ws = await Workspace.open({
    identity: options.identity, cartelle: options.cartelle, store: options.store, transport: link.client,
    saveKeys: () => Promise.resolve(), sync: { batchIntervalMs: 0, offlineBatchMs: 0 },
    ...(options.inizioCura ? { inizioCura: options.inizioCura } : {}),
  });
  if (options.connetti !== false) link.connect();
  return { ws, link };
}

/** Writes a cartella offline on a device that never connected: its roster entry has no box key yet. */
async function scriviOffline(relay: ReturnType<typeof makeMemoryRelay>, store: EnvelopeStore, identity: ReturnType<typeof generateDeviceIdentity>, n: number) {
  const cartelle: CartellaKeys[] = [];
  const a = await apri(relay, { cartelle: [], store, identity, connetti: false });
  const autore = toBase64Url(identity.signPublicKey) as AuthorKey;
  for (let i = 0; i < n; i++) {
    const keys = chiaviNuove(roomIdToBase64Url(generateRoomId()));
    const aperta = await a.ws.aggiungiCartella(keys);
    const r = creaCartella({ id: keys.cartellaId, nome: `Operatrice ${i}`, ruolo: 'assistente_sociale' }, { autore, now: NOW }, aperta.cartella);
    if (!r.ok) throw new Error(r.message);
    const m = aggiornaAnagrafica(aperta.cartella, { cognome: `Cognome${i}`, nome: `Nome${i}` }, { autore, now: NOW });
    if (!m.ok) throw new Error(m.message);
    cartelle.push(keys);
  }
  await a.ws.flush();
  expect(a.ws.status().pending).toBeGreaterThan(0);
  await a.ws.close();
  return cartelle;
}

describe('cold start of the workspace', () => {
  for (const [nome, nuovoStore] of [
    ['in memory', () => Promise.resolve(makeMemoryEnvelopeStore())],
    ['IndexedDB', () => openIndexedDbEnvelopeStore('avvio', new IDBFactory())],
  ] as const) {
    it(`opens every room from one read of the store (${nome}) with the same documents, and pushes what was written offline`, async () => {
      const relay = makeMemoryRelay();
      const identity = generateDeviceIdentity();
      const base = await nuovoStore();
      const cartelle = await scriviOffline(relay, base, identity, 3);
      const letture = contaLetture(base);
      const b = await apri(relay, { cartelle, store: letture.store, identity, connetti: false });
      expect(letture.loadRooms).toBe(1);
      expect(letture.loadRoom).toBe(0);
      for (const keys of cartelle) {
        const v = leggiCartella(b.ws.cartella(keys.cartellaId)?.cartella ?? { admin: new Y.Doc(), prof: null });
        expect(v.admin.meta.id).toBe(keys.cartellaId);
        expect(v.admin.anagrafica.cognome).toMatch(/^Cognome\d$/);
      }
      expect(b.ws.status().pending).toBeGreaterThan(0);
      b.link.connect();
      await until(() => b.ws.status().pending === 0 && b.ws.status().lastSyncedAt !== undefined, 'the offline changes reached the relay');
      // A colleague's device holding the keys gets them from the relay.
      const c = await apri(relay, { cartelle, store: makeMemoryEnvelopeStore(), identity: generateDeviceIdentity() });
      await until(() => cartelle.every((k) => leggiAdmin(c.ws.cartella(k.cartellaId)?.cartella.admin ?? new Y.Doc()).vista.anagrafica.cognome !== undefined), 'the colleague has every cartella');
      await Promise.all([b.ws.close(), c.ws.close()]);
    });
  }

  it('a room absent from the store opens empty from a batched read', async () => {
    const store = makeMemoryEnvelopeStore();
    const ignota = roomIdToBase64Url(generateRoomId()) as RoomKey;
    const logs = await store.loadRooms([ignota]);
    expect(logs.get(ignota)).toEqual({ snapshot: undefined, entries: [] });
  });

  it('holds the roster upkeep until inizioCura resolves, then registers this device\'s box key on every cartella', async () => {
    const relay = makeMemoryRelay();
    const identity = generateDeviceIdentity();
    const store = makeMemoryEnvelopeStore();
    const cartelle = await scriviOffline(relay, store, identity, 2);
    let avvia: () => void = () => undefined;
    const inizioCura = new Promise<void>((r) => { avvia = r; });
    const { ws } = await apri(relay, { cartelle, store, identity, inizioCura });
    const box = toBase64Url(identity.boxPublicKey);
    const chiaveBox = (id: string): string | undefined =>
      leggiAdmin(ws.cartella(id)?.cartella.admin ?? new Y.Doc()).vista.membri.find((m) => m.chiave === ws.autore)?.chiaveBox;
    await until(() => ws.status().pending === 0 && ws.cartelle().every((c) => c.admin.status.phase === 'live'), 'every room live');
    await new Promise((r) => setTimeout(r, 20));
    expect(cartelle.map((k) => chiaveBox(k.cartellaId))).toEqual([undefined, undefined]);
    avvia();
    await until(() => cartelle.every((k) => chiaveBox(k.cartellaId) === box), 'the box key registered on every roster');
    await until(() => ws.status().pending === 0, 'the registrations acknowledged');
    await ws.close();
  });
});

describe('CodaCura', () => {
  it('looks at each cartella once however often it was asked while held, and only after the start', async () => {
    const viste: string[] = [];
    let avvia: () => void = () => undefined;
    const coda = new CodaCura((id) => viste.push(id), { inizio: new Promise<void>((r) => { avvia = r; }) });
    for (let i = 0; i < 5; i++) { coda.aggiungi('a'); coda.aggiungi('b'); }
    await new Promise((r) => setTimeout(r, 5));
    expect(viste).toEqual([]);
    expect(coda.inAttesa).toBe(2);
    avvia();
    await until(() => coda.inAttesa === 0 && viste.length === 2, 'both looked at');
    expect(viste.sort()).toEqual(['a', 'b']);
  });

  it('runs a long queue in slices that yield to the event loop, and a look that asks again runs again later', async () => {
    const viste: string[] = [];
    const coda = new CodaCura((id) => {
      viste.push(id);
      if (id === 'a' && viste.filter((x) => x === 'a').length === 1) coda.aggiungi('a');
    }, { fettaMs: 0 });
    coda.aggiungi('a');
    coda.aggiungi('b');
    coda.aggiungi('c');
    await Promise.resolve();
    // With a slice of 0 ms, one look per slice: the rest waits for a later task.
    expect(viste).toEqual(['a']);
    await until(() => viste.length === 4, 'every look ran');
    expect(viste).toEqual(['a', 'b', 'c', 'a']);
  });

  it('a look that throws does not cost the others theirs', async () => {
    const viste: string[] = [];
    const errori: unknown[] = [];
    const onErr = (e: unknown): void => { errori.push(e); };
    process.on('uncaughtException', onErr);
    try {
      const coda = new CodaCura((id) => { if (id === 'x') throw new Error('rotto'); viste.push(id); });
      coda.aggiungi('x');
      coda.aggiungi('y');
      await until(() => viste.length === 1 && errori.length === 1, 'y looked at, x reported');
      expect(viste).toEqual(['y']);
    } finally {
      process.off('uncaughtException', onErr);
    }
  });

  it('nothing runs after chiudi', async () => {
    const viste: string[] = [];
    const coda = new CodaCura((id) => viste.push(id));
    coda.aggiungi('a');
    coda.chiudi();
    coda.aggiungi('b');
    await new Promise((r) => setTimeout(r, 5));
    expect(viste).toEqual([]);
  });
});

describe('allegatiDopo', () => {
  function finto() {
    const ascoltatori = new Set<() => void>();
    let stato: 'open' | 'closed' | 'connecting' = 'open';
    return {
      set stato(s: typeof stato) { stato = s; },
      notifica: () => { for (const l of ascoltatori) l(); },
      ws: {
        connection: () => ({ state: stato, addFrameListener: () => () => true, sendFrame: () => true }),
        cartella: () => undefined,
        cartelle: () => [],
        subscribe: (l: () => void) => { ascoltatori.add(l); return () => ascoltatori.delete(l); },
      },
    };
  }

  it('passes on only connection changes before the start, one call at the start, and every change after', async () => {
    const f = finto();
    let avvia: () => void = () => undefined;
    const vista = allegatiDopo(f.ws as unknown as Parameters<typeof allegatiDopo>[0], new Promise<void>((r) => { avvia = r; }));
    let chiamate = 0;
    vista.subscribe(() => { chiamate++; });
    f.notifica();
    f.notifica();
    expect(chiamate).toBe(0);
    f.stato = 'closed';
    f.notifica();
    expect(chiamate).toBe(1);
    avvia();
    await Promise.resolve();
    await Promise.resolve();
    expect(chiamate).toBe(2);
    f.notifica();
    expect(chiamate).toBe(3);
  });
});
