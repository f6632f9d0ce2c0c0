/**
 * Continuity through the workspace (docs/RECOVERY.md), over the real relay engine in memory:
 * every device deposits its cartelle's keys sealed to the ente's recovery key, again when its
 * keys change and after 30 days, never otherwise; the responsabile's new device, with nothing
 * but the recovery key pair, recovers the cartella (both parts), reads it, follows a rotation
 * newer than the copies through the recovery entry of the key boxes, and flags a copy sealed
 * by a device that was never on the roster.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  envelopeId, escrowMailbox, generateDeviceIdentity, generateRecoveryKey, initSodium, sealToRecovery, type RecoveryKeyPair,
} from '../../crypto';
import { aggiornaAnagrafica, aggiungiVoceDiario, leggiAdmin } from '../../crdt/model';
import {
  DepositiRecupero, escrowFingerprint, memoryEscrowRecords, parseEscrowRecords, serializeEscrowRecords, type EscrowRecords,
} from '../../crdt/workspace';
import type { Frame } from '../../crdt/wire';
import { until } from '../support/cartellaClient';
import { accettata, aperta, type Collega, collega, consegna, diario } from '../support/equipe';
import { makeMemoryRelay, type MemoryRelay } from '../support/memoryRelay';

beforeAll(initSodium);

const NOW = new Date('2026-11-26T09:30:00Z');
const DAY = 24 * 3600 * 1000;

async function dispositivo(relay: MemoryRelay, nome: string, ruolo: 'assistente_sociale' | 'amministrativo' | 'responsabile', recovery?: RecoveryKeyPair) {
  const link = relay.link();
  const c = await collega(link.client, nome, ruolo, NOW, recovery ? { recoveryPublicKey: recovery.publicKey } : {});
  link.connect();
  return { ...c, link };
}

/** A depositor on a device, counting the escrow frames it sends. */
async function depositi(d: Collega, records: EscrowRecords, now: () => number = () => NOW.getTime()) {
  const sent: Frame[] = [];
  const conn = d.ws.connection();
  const workspace = {
    cartelle: () => d.ws.cartelle(),
    subscribe: (l: () => void) => d.ws.subscribe(l),
    connection: () => ({
      addFrameListener: (l: (f: Frame) => boolean) => conn.addFrameListener(l),
      sendFrame: (f: Frame) => { sent.push(f); return conn.sendFrame(f); },
      get state() { return conn.state; },
    }),
  };
  const dep = await DepositiRecupero.start({
    workspace, identity: d.identity, records, now, startDelayMs: 0, debounceMs: 0,
    recoveryPublicKey: () => d.keyring.current().settings.recoveryPublicKey,
  });
  return { dep, sent };
}


describe('deposits of the recovery copies', () => {
  it('deposits each cartella once under every room the device holds, and again only when keys change or 30 days pass', async () => {
    const relay = makeMemoryRelay();
    const ente = generateRecoveryKey();
    const a = await dispositivo(relay, 'Anna Conti', 'assistente_sociale', ente);
    const c = await dispositivo(relay, 'Carla Ferri', 'amministrativo', ente);
    const made = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
    if (!made.ok) throw new Error(made.message);
    const id = made.value.id;
    await consegna(a, c, id, 'amministrativo', 'busta', NOW);

    const recordsA = memoryEscrowRecords();
    const { dep, sent } = await depositi(a, recordsA);
    await until(() => dep.stato().depositate === 1, 'A deposited its cartella');
    expect(sent.filter((f) => f.type === 'escrow')).toHaveLength(2);
    const recordsC = memoryEscrowRecords();
    const depC = await depositi(c, recordsC);
    await until(() => depC.dep.stato().depositate === 1, 'C deposited its cartella');
    // The administrative device holds the admin part only: one room, one deposit.
    expect(depC.sent.filter((f) => f.type === 'escrow').map((f) => f.type === 'escrow' && f.room)).toEqual([aperta(c, id).admin.roomBytes]);
    await until(() => recordsA.saved > 0, 'A saved its record');
    expect((await recordsA.load()).get(id)?.fingerprint).toBe(escrowFingerprint(aperta(a, id).keys));
    dep.close();

    // A restart with the saved records deposits nothing new.
    const again = await depositi(a, recordsA);
    await new Promise((r) => setTimeout(r, 50));
    expect(again.sent).toHaveLength(0);
    expect(again.dep.stato()).toMatchObject({ configurato: true, totale: 1, depositate: 1, pieno: false });
    again.dep.close();

    // 31 days later the copy is made again.
    const later = await depositi(a, recordsA, () => NOW.getTime() + 31 * DAY);
    await until(() => later.sent.filter((f) => f.type === 'escrow').length === 2, 'A refreshed both rooms');
    later.dep.close();
    depC.dep.close();

    // New keys (C removed: the admin part rotated) make the copy due again, with the new epoch.
    await accettata(a, id, c.autore);
    const revoked = await a.ws.revoca(id, c.autore, 'Cambio di ufficio', NOW);
    if (!revoked.ok) throw new Error(revoked.message);
    const rotated = await depositi(a, recordsA);
    await until(() => rotated.sent.filter((f) => f.type === 'escrow').length === 2 && rotated.dep.stato().depositate === 1, 'A deposited the new keys');
    const fingerprint = escrowFingerprint(aperta(a, id).keys);
    await until(() => rotated.dep.record(id)?.fingerprint === fingerprint, 'the record names the new keys');
    rotated.dep.close();
  });

  it('a device without a recovery key deposits nothing and says continuity is not set up', async () => {
    const relay = makeMemoryRelay();
    const a = await dispositivo(relay, 'Anna Conti', 'assistente_sociale');
    const made = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
    if (!made.ok) throw new Error(made.message);
    const { dep, sent } = await depositi(a, memoryEscrowRecords());
    await until(() => aperta(a, made.value.id).admin.status.phase === 'live', 'joined');
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(0);
    expect(dep.stato()).toMatchObject({ configurato: false, totale: 1, depositate: 0 });
    dep.close();
  });

  it('stored records that are malformed are dropped, never thrown, so the cartella is simply deposited again', () => {
    const good = { fingerprint: 'a'.repeat(32), mailbox: 'b'.repeat(64), storedAt: 5 };
    expect(parseEscrowRecords(serializeEscrowRecords(new Map([['c1', good]])))).toEqual(new Map([['c1', good]]));
    for (const bad of [undefined, 42, 'not json', '{"v":2,"records":{}}', '{"v":1}', '{"v":1,"records":{"c1":{"fingerprint":"x","mailbox":"b","storedAt":1}}}',
      JSON.stringify({ v: 1, records: { c1: { ...good, storedAt: -1 } } }), JSON.stringify({ v: 1, records: { c1: null } })]) {
      expect(parseEscrowRecords(bad).size).toBe(0);
    }
  });
});

describe('Workspace.recupera', () => {
  it('recovers a lost cartella on the responsabile\'s new device from the escrow alone, both parts, sealers named', async () => {
    const relay = makeMemoryRelay();
    const ente = generateRecoveryKey();
    const a = await dispositivo(relay, 'Anna Conti', 'assistente_sociale', ente);
    const made = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
    if (!made.ok) throw new Error(made.message);
    const id = made.value.id;
    const ctx = { autore: a.autore, now: NOW };
    expect(aggiornaAnagrafica(aperta(a, id).cartella, { cognome: 'Rossi' }, ctx).ok).toBe(true);
    expect(aggiungiVoceDiario(aperta(a, id).cartella, { data: '2026-11-25', tipo: 'colloquio', testo: 'colloquio con la madre' }, ctx).ok).toBe(true);
    const { dep } = await depositi(a, memoryEscrowRecords());
    await until(() => dep.stato().depositate === 1 && a.ws.status().pending === 0, 'A deposited and synced');
    dep.close();
    a.link.disconnect();
    await a.ws.close(); // the laptop is lost

    const r = await dispositivo(relay, 'Responsabile', 'responsabile');
    const report = await r.ws.recupera(ente, NOW);
    if (!report.ok) throw new Error(report.message);
    expect(report.value.nonApribili).toEqual([]);
    expect(report.value.cartelle).toHaveLength(1);
    expect(report.value.cartelle[0]).toMatchObject({ cartellaId: id, stato: 'recuperata', parti: ['admin', 'prof'] });
    expect(report.value.cartelle[0]?.copie.map((c) => c.nome)).toEqual(['Anna Conti']); // one deposit under both rooms, listed once
    await until(() => diario(r, id).length === 1, 'the diary arrived');
    expect(diario(r, id)).toEqual(['colloquio con la madre']);
    expect(leggiAdmin(aperta(r, id).cartella.admin).vista.anagrafica.cognome).toBe('Rossi');
    // The keys are in the responsabile's keyring (saved), the recovery key is not.
    expect(r.keyring.current().cartelle.map((k) => k.cartellaId)).toEqual([id]);
    expect(r.keyring.current().settings.recoveryPublicKey).toBeUndefined();
  });

  it('follows a rotation newer than the copy through the recovery entry of its key boxes', async () => {
    const relay = makeMemoryRelay();
    const ente = generateRecoveryKey();
    const a = await dispositivo(relay, 'Anna Conti', 'assistente_sociale', ente);
    const b = await dispositivo(relay, 'Bruno Esposito', 'assistente_sociale', ente);
    const made = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
    if (!made.ok) throw new Error(made.message);
    const id = made.value.id;
    await consegna(a, b, id, 'assistente_sociale', 'busta', NOW);
    await accettata(a, id, b.autore);
    const { dep } = await depositi(a, memoryEscrowRecords());
    await until(() => dep.stato().depositate === 1, 'A deposited epoch 1');
    dep.close(); // no deposit after the rotation: the escrow keeps epoch 1

    const revoked = await a.ws.revoca(id, b.autore, 'Trasferito', NOW);
    if (!revoked.ok) throw new Error(revoked.message);
    const ctx = { autore: a.autore, now: NOW };
    expect(aggiungiVoceDiario(aperta(a, id).cartella, { data: '2026-11-26', tipo: 'colloquio', testo: 'dopo il cambio di chiavi' }, ctx).ok).toBe(true);
    await until(() => a.ws.status().pending === 0, 'A synced epoch 2');

    const r = await dispositivo(relay, 'Responsabile', 'responsabile');
    const report = await r.ws.recupera(ente, NOW);
    if (!report.ok) throw new Error(report.message);
    expect(report.value.cartelle[0]).toMatchObject({ cartellaId: id, stato: 'recuperata' });
    expect(aperta(r, id).admin.status.epoch).toBe(2);
    await until(() => diario(r, id).includes('dopo il cambio di chiavi'), 'the note written after the rotation is readable');
    const held = r.keyring.current().cartelle[0];
    expect(held?.prof?.keys.map((k) => k.epoch)).toEqual([1, 2]);
  });

  it('flags a copy sealed by a device never on the roster, and reports a blob that does not open without stopping', async () => {
    const relay = makeMemoryRelay();
    const ente = generateRecoveryKey();
    const a = await dispositivo(relay, 'Anna Conti', 'assistente_sociale', ente);
    const made = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
    if (!made.ok) throw new Error(made.message);
    const id = made.value.id;
    await until(() => aperta(a, id).admin.status.phase === 'live' && a.ws.status().pending === 0, 'A synced');
    const keys = aperta(a, id).keys;
    // What a hostile relay could do: a copy of its own making under the prof room, garbage under the admin room.
    const stranger = generateDeviceIdentity();
    const mailbox = escrowMailbox(ente.publicKey);
    const forged = sealToRecovery(ente.publicKey, keys, stranger, NOW.getTime());
    expect(await relay.store.depositEscrow({ roomId: keys.prof!.roomId, mailbox, blob: forged, storedAt: NOW.getTime() }, 1, { maxRoomsPerMailbox: 10, maxMailboxesPerRoom: 4 }))
      .toMatchObject({ status: 'stored' });
    const garbage = new Uint8Array(200).fill(7);
    await relay.store.depositEscrow({ roomId: keys.admin.roomId, mailbox, blob: garbage, storedAt: NOW.getTime() }, 1, { maxRoomsPerMailbox: 10, maxMailboxesPerRoom: 4 });

    const r = await dispositivo(relay, 'Responsabile', 'responsabile');
    const report = await r.ws.recupera(ente, NOW);
    if (!report.ok) throw new Error(report.message);
    expect(report.value.nonApribili).toHaveLength(1);
    expect(report.value.nonApribili[0]).toMatchObject({ code: 'recovery_malformed' });
    expect(report.value.cartelle[0]).toMatchObject({ cartellaId: id, stato: 'da_verificare', messaggio: expect.stringContaining('non riconosciuto') });
    expect(envelopeId(forged)).toHaveLength(16);
  });

  it('refuses to list without the connection, with an Italian message', async () => {
    const relay = makeMemoryRelay();
    const link = relay.link();
    const r = await collega(link.client, 'Responsabile', 'responsabile', NOW);
    const report = await r.ws.recupera(generateRecoveryKey(), NOW);
    expect(report).toMatchObject({ ok: false, code: 'non_collegato', message: expect.stringContaining('collegamento') });
  });
});
