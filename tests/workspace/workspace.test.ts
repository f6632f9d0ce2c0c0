/**
 * The device workspace: cartelle created on one device reach a colleague who receives the
 * keys, survive a restart from the local store, and an administrative device that holds
 * only the admin key never has the professional part.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, initSodium, type CartellaKeys } from '../../crypto';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import { Workspace } from '../../crdt/workspace';
import { leggiAdmin } from '../../crdt/model';
import { until } from '../support/cartellaClient';
import { makeMemoryRelay } from '../support/memoryRelay';

beforeAll(initSodium);

const NOW = new Date('2026-11-26T09:30:00Z');

async function device(relay: ReturnType<typeof makeMemoryRelay>, cartelle: CartellaKeys[] = [], store = makeMemoryEnvelopeStore(), identity = generateDeviceIdentity()) {
  const saved: CartellaKeys[] = [...cartelle];
  const link = relay.link();
  const ws = await Workspace.open({
    identity, cartelle, store, transport: link.client,
    saveKeys: (k) => { saved.push(k); return Promise.resolve(); },
    sync: { batchIntervalMs: 0, offlineBatchMs: 0 },
  });
  link.connect();
  return { ws, saved, link, store, identity };
}

describe('workspace', () => {
  it('creates a cartella with fresh keys saved before anything is written', async () => {
    const relay = makeMemoryRelay();
    const a = await device(relay);
    const r = await a.ws.nuovaCartella({ nome: 'Giulia Rinaldi', ruolo: 'assistente_sociale' }, NOW);
    if (!r.ok) throw new Error(r.message);
    expect(a.saved).toHaveLength(1);
    expect(a.saved[0]?.cartellaId).toBe(r.value.id);
    expect(r.value.prof).not.toBeNull();
    expect(leggiAdmin(r.value.cartella.admin).vista.meta.id).toBe(r.value.id);
    await until(() => a.ws.status().pending === 0 && a.ws.status().lastSyncedAt !== undefined, 'synced');
  });

  it('refuses invalid input without creating keys', async () => {
    const relay = makeMemoryRelay();
    const a = await device(relay);
    const r = await a.ws.nuovaCartella({ nome: '', ruolo: 'assistente_sociale' }, NOW);
    expect(r.ok).toBe(false);
    expect(a.saved).toHaveLength(0);
    expect(a.ws.cartelle()).toHaveLength(0);
  });

  it('a colleague who receives the keys sees the cartella; a restart reopens it from the local store', async () => {
    const relay = makeMemoryRelay();
    const a = await device(relay);
    const r = await a.ws.nuovaCartella({ nome: 'Giulia Rinaldi', ruolo: 'assistente_sociale' }, NOW);
    if (!r.ok) throw new Error(r.message);
    const b = await device(relay, [r.value.keys]);
    const onB = b.ws.cartella(r.value.id);
    if (!onB) throw new Error('the cartella of the keyring is open on b');
    await until(() => leggiAdmin(onB.cartella.admin).vista.meta.id === r.value.id, 'b has it');
    await a.ws.close();
    const again = await device(relay, [r.value.keys], a.store, a.identity);
    const reopened = again.ws.cartella(r.value.id);
    expect(reopened && leggiAdmin(reopened.cartella.admin).vista.meta.id).toBe(r.value.id);
  });

  it('an administrative device holds no professional document at all', async () => {
    const relay = makeMemoryRelay();
    const a = await device(relay);
    const r = await a.ws.nuovaCartella({ nome: 'Giulia Rinaldi', ruolo: 'assistente_sociale' }, NOW);
    if (!r.ok) throw new Error(r.message);
    const { prof: _prof, ...adminOnly } = r.value.keys;
    const c = await device(relay, [adminOnly]);
    const open = c.ws.cartella(r.value.id);
    expect(open?.prof).toBeNull();
    expect(open?.cartella.prof).toBeNull();
  });
});
