/**
 * Revocation by rotation through the workspace (docs/ROTATION.md), over the real relay engine in
 * memory: the roster records the revocation, the parts the member held are rotated, the others
 * follow after saving the key in their keyring, the removed device keeps what it had and gets
 * nothing new; an ex-member who rotates is not followed; concurrent rotations end in one epoch
 * that leaves the removed member out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, generateRecoveryKey, initSodium, newKeyringData, openKeyBoxWithRecovery, parseKeyBoxes, type RecoveryKeyPair } from '../../crypto';
import { aggiornaAnagrafica, aggiungiVoceDiario, leggiAdmin, revocaMembro } from '../../crdt/model';
import { until } from '../support/cartellaClient';
import { accettata, aperta, type Collega, collega, consegna, diario } from '../support/equipe';
import { makeMemoryRelay, type MemoryRelay } from '../support/memoryRelay';
import { memoryKeyring, type MemoryKeyring } from '../support/workspaceDevice';
import { rotationFor } from '../support/rotation';

beforeAll(initSodium);

const NOW = new Date('2026-11-26T09:30:00Z');

/** A (founder), B (équipe), C (amministrativo), all accepted on the roster. */
async function equipe(relay: MemoryRelay, recovery?: RecoveryKeyPair, keyringC?: MemoryKeyring) {
  const connect = async (nome: string, ruolo: 'assistente_sociale' | 'amministrativo', keyring?: MemoryKeyring) => {
    const link = relay.link();
    const c = await collega(link.client, nome, ruolo, NOW, {
      ...(recovery ? { recoveryPublicKey: recovery.publicKey } : {}), ...(keyring ? { keyring, identity: keyring.current().identity } : {}),
    });
    link.connect();
    return { ...c, link };
  };
  const a = await connect('Anna Conti', 'assistente_sociale');
  const b = await connect('Bruno Esposito', 'assistente_sociale');
  const c = await connect('Carla Ferri', 'amministrativo', keyringC);
  const created = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
  if (!created.ok) throw new Error(created.message);
  const id = created.value.id;
  await consegna(a, b, id, 'assistente_sociale', 'busta', NOW);
  await consegna(a, c, id, 'amministrativo', 'busta', NOW);
  await accettata(a, id, b.autore);
  await accettata(a, id, c.autore);
  return { a, b, c, id };
}

const cognome = (d: Collega, id: string): string | undefined => leggiAdmin(aperta(d, id).cartella.admin).vista.anagrafica.cognome;

describe('Workspace.revoca', () => {
  it('rotates prof and admin for an équipe member: the others follow after saving the key, the removed device stays as it was', async () => {
    const relay = makeMemoryRelay();
    const { a, b, c, id } = await equipe(relay);
    const ctxA = { autore: a.autore, now: NOW };
    expect(aggiornaAnagrafica(aperta(a, id).cartella, { cognome: 'Rossi' }, ctxA).ok).toBe(true);
    expect(aggiungiVoceDiario(aperta(a, id).cartella, { data: '2026-11-25', tipo: 'colloquio', testo: 'prima della revoca' }, ctxA).ok).toBe(true);
    await until(() => cognome(b, id) === 'Rossi' && cognome(c, id) === 'Rossi' && diario(b, id).length === 1, 'everyone has epoch 1');

    const r = await a.ws.revoca(id, b.autore, 'Trasferito ad altro servizio', NOW);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    expect(r.value.ruotate.map((p) => [p.parte, p.epoca, p.daQuestoDispositivo])).toEqual([['prof', 2, true], ['admin', 2, true]]);
    expect(r.value.ruotate.flatMap((p) => p.senzaChiave)).toEqual([]);

    await until(() => b.ws.accesso(id)?.admin === 'revocata' && b.ws.accesso(id)?.prof === 'revocata', 'b revoked');
    expect(b.ws.accesso(id)).toMatchObject({ solaLettura: true, messaggio: expect.stringContaining('revocato') });
    expect(b.ws.status().revoked).toBe(2);
    // The revocation reached B's roster before the rotation did.
    expect(leggiAdmin(aperta(b, id).cartella.admin).vista.membri.find((m) => m.chiave === b.autore)?.revocatoIl).toBe('2026-11-26');
    await until(() => aperta(c, id).admin.status.epoch === 2 && aperta(c, id).admin.status.phase === 'live', 'c follows the admin rotation');
    expect(aperta(c, id).prof).toBeNull();

    // The keyrings: A and C keep epoch 1 and hold epoch 2 (saved before use); B has nothing new.
    const partsA = a.keyring.current().cartelle[0];
    expect(partsA?.admin.keys.map((k) => k.epoch)).toEqual([1, 2]);
    expect(partsA?.prof?.keys.map((k) => k.epoch)).toEqual([1, 2]);
    expect(c.keyring.current().cartelle[0]?.admin.currentEpoch).toBe(2);
    expect(c.keyring.current().cartelle[0]?.prof).toBeUndefined();
    expect(b.keyring.current().cartelle[0]?.admin.keys.map((k) => k.epoch)).toEqual([1]);

    expect(aggiornaAnagrafica(aperta(a, id).cartella, { nome: 'Maria' }, ctxA).ok).toBe(true);
    expect(aggiungiVoceDiario(aperta(a, id).cartella, { data: '2026-11-26', tipo: 'colloquio', testo: 'dopo la revoca' }, ctxA).ok).toBe(true);
    await until(() => leggiAdmin(aperta(c, id).cartella.admin).vista.anagrafica.nome === 'Maria', 'c reads the new epoch');
    await until(() => aperta(a, id).admin.status.pending === 0 && aperta(a, id).prof?.status.pending === 0, 'a acked');
    await new Promise((r) => setTimeout(r, 30));
    expect(leggiAdmin(aperta(b, id).cartella.admin).vista.anagrafica.nome).toBeUndefined();
    expect(diario(b, id)).toEqual(['prima della revoca']);
  });

  it('a colleague uses the new key only once its keyring write of it has completed', async () => {
    const relay = makeMemoryRelay();
    const made = newKeyringData({ nome: 'Carla Ferri', ruolo: 'amministrativo' }, generateDeviceIdentity(), NOW);
    if (!made.ok) throw new Error(made.message);
    const inner = memoryKeyring(made.value);
    let gate: Promise<void> = Promise.resolve();
    let open: () => void = () => {};
    const gated: MemoryKeyring = { ...inner, update: async (change) => { await gate; return inner.update(change); } };
    const { a, b, c, id } = await equipe(relay, undefined, gated);
    gate = new Promise((r) => { open = r; });
    const r = await a.ws.revoca(id, b.autore, 'Trasferito', NOW);
    expect(r.ok).toBe(true);
    await until(() => aperta(c, id).admin.status.phase === 'rekeying', 'c is saving the key');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(aperta(c, id).admin.status).toMatchObject({ phase: 'rekeying', epoch: 1 });
    expect(c.keyring.current().cartelle[0]?.admin.currentEpoch).toBe(1);
    open();
    await until(() => aperta(c, id).admin.status.phase === 'live' && aperta(c, id).admin.status.epoch === 2, 'c at epoch 2');
    expect(c.keyring.current().cartelle[0]?.admin.currentEpoch).toBe(2);
  });

  it('boxes the new keys to the ente recovery key too, and rotates only the admin part for an amministrativo', async () => {
    const relay = makeMemoryRelay();
    const ente = generateRecoveryKey();
    const { a, c, id } = await equipe(relay, ente);
    const r = await a.ws.revoca(id, c.autore, 'Cambio di ufficio', NOW);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    expect(r.value.ruotate.map((p) => p.parte)).toEqual(['admin']);
    await until(() => c.ws.accesso(id)?.admin === 'revocata', 'c revoked');
    const roomId = aperta(a, id).admin.roomBytes;
    const records = await relay.store.readRotations(roomId, 1, 10);
    const boxes = parseKeyBoxes(records[0]?.keyBoxes ?? new Uint8Array(0));
    if (!boxes.ok) throw new Error(boxes.message);
    const recovered = openKeyBoxWithRecovery(boxes.value, ente);
    expect(recovered.ok && recovered.value).toEqual(a.keyring.current().cartelle[0]?.admin.keys.find((k) => k.epoch === 2)?.key);
  });

  it('writes nothing when the rooms are not joined (non_collegato)', async () => {
    const relay = makeMemoryRelay();
    const { a, b, id } = await equipe(relay);
    a.link.disconnect();
    await until(() => aperta(a, id).admin.status.phase === 'offline', 'a offline');
    const r = await a.ws.revoca(id, b.autore, 'Motivo', NOW);
    expect(r).toMatchObject({ ok: false, code: 'non_collegato' });
    expect(leggiAdmin(aperta(a, id).cartella.admin).vista.membri.find((m) => m.chiave === b.autore)?.revocatoIl).toBeUndefined();
  });
});

describe('a removed member who rotates', () => {
  it('is refused by its own workspace once its roster shows the revocation', async () => {
    const relay = makeMemoryRelay();
    const { a, b, id } = await equipe(relay);
    expect(revocaMembro(aperta(a, id).cartella, { chiave: b.autore, motivo: 'Uscito' }, { autore: a.autore, now: NOW }).ok).toBe(true);
    await until(() => leggiAdmin(aperta(b, id).cartella.admin).vista.membri.find((m) => m.chiave === b.autore)?.revocatoIl !== undefined, 'b sees it');
    expect(await b.ws.ruotaChiavi(id, NOW, ['admin'])).toMatchObject({ ok: false, code: 'autore_non_membro' });
  });

  it('before the others rotate is not followed: they stay in untrusted-rotation with their documents and keys as they were', async () => {
    const relay = makeMemoryRelay();
    const { a, b, c, id } = await equipe(relay);
    const ctxA = { autore: a.autore, now: NOW };
    expect(aggiornaAnagrafica(aperta(a, id).cartella, { cognome: 'Verdi' }, ctxA).ok).toBe(true);
    // A records the revocation; before A rotates, B's device (still holding the key, whatever its
    // roster says) rotates the admin room itself, boxing the new key to A, C and itself.
    expect(revocaMembro(aperta(a, id).cartella, { chiave: b.autore, motivo: 'Uscito' }, ctxA).ok).toBe(true);
    await until(() => cognome(c, id) === 'Verdi' && leggiAdmin(aperta(c, id).cartella.admin).vista.membri.some((m) => m.chiave === b.autore && m.revocatoIl), 'c sees the revocation');
    const room = aperta(b, id).admin;
    const { key, keyBoxes } = rotationFor(room.roomBytes, 1, b.identity, [a.identity, b.identity, c.identity]);
    expect(await room.rotate(key, keyBoxes, () => Promise.resolve())).toMatchObject({ ok: true, epoch: 2 });

    await until(() => a.ws.accesso(id)?.admin === 'non_attendibile' && c.ws.accesso(id)?.admin === 'non_attendibile', 'a and c do not follow');
    expect(c.ws.accesso(id)).toMatchObject({ solaLettura: true, messaggio: expect.stringContaining('non risulta') });
    expect(c.ws.status().untrusted).toBe(1);
    expect(c.ws.status().problems.map((p) => p.code)).toContain('rotazione_da_ex_membro');
    expect(cognome(c, id)).toBe('Verdi');
    expect(c.keyring.current().cartelle[0]?.admin.keys.map((k) => k.epoch)).toEqual([1]);
    expect(a.keyring.current().cartelle[0]?.admin.keys.map((k) => k.epoch)).toEqual([1]);
    // A cannot take the room back by rotating: it does not hold the current key.
    expect(await a.ws.ruotaChiavi(id, NOW, ['admin'])).toMatchObject({ ok: false, code: 'chiavi_non_attendibili' });
  });
});

describe('concurrent rotations', () => {
  it('A revoking B while D rotates end in one epoch without B, and A and D carry on together', async () => {
    const relay = makeMemoryRelay();
    const { a, b, id } = await equipe(relay);
    const link = relay.link();
    const d = { ...(await collega(link.client, 'Dario Galli', 'assistente_sociale', NOW)), link };
    link.connect();
    await consegna(a, d, id, 'assistente_sociale', 'busta', NOW);
    await accettata(a, id, d.autore);
    await until(() => aperta(d, id).prof?.status.phase === 'live', 'd live');

    const [revoca, rotazione] = await Promise.all([a.ws.revoca(id, b.autore, 'Uscito', NOW), d.ws.ruotaChiavi(id, NOW, ['prof'])]);
    if (!revoca.ok) throw new Error(`${revoca.code}: ${revoca.message}`);
    if (!rotazione.ok) throw new Error(`${rotazione.code}: ${rotazione.message}`);
    const prof = (x: Collega) => aperta(x, id).prof;
    await until(() => prof(a)?.status.phase === 'live' && prof(d)?.status.phase === 'live' && prof(a)?.status.epoch === prof(d)?.status.epoch, 'one epoch');
    const epoch = prof(a)?.status.epoch ?? 0;
    expect(epoch).toBeGreaterThanOrEqual(2);
    // A's last rotation (or the one it adopted) is the room's epoch: the race left one.
    expect(revoca.value.ruotate.find((p) => p.parte === 'prof')?.epoca).toBe(epoch);
    await until(() => b.ws.accesso(id)?.prof === 'revocata', 'b revoked');
    expect(b.keyring.current().cartelle[0]?.prof?.keys.some((k) => k.epoch === epoch)).toBe(false);
    const ctx = (x: Collega) => ({ autore: x.autore, now: NOW });
    expect(aggiungiVoceDiario(aperta(a, id).cartella, { data: '2026-11-26', tipo: 'equipe', testo: 'da A' }, ctx(a)).ok).toBe(true);
    expect(aggiungiVoceDiario(aperta(d, id).cartella, { data: '2026-11-26', tipo: 'equipe', testo: 'da D' }, ctx(d)).ok).toBe(true);
    await until(() => diario(a, id).length === 2 && diario(d, id).length === 2, 'a and d converge');
  });
});
