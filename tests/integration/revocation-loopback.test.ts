/**
 * Revocation by rotation end to end on loopback: the relay server in process over a real SQLite
 * file, each worker's device a Workspace on a real WebSocket. A and B (équipe) and C
 * (amministrativo: the admin key only) share a cartella; A revokes B. From then on the relay
 * refuses B's writes and A and C never see them; nothing written after the revocation opens with
 * B's keys; A and C keep working; C never held the professional key nor opened a prof envelope;
 * and a rotation by A racing one by a third member D ends in one epoch they both work in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  derivePartSubkeys, initSodium, openEnvelope, parseEnvelope, roomIdToBase64Url, sealEnvelope, signRelayAuth, toBase64Url,
  type CartellaKeys, type PartKeyRecord,
} from '../../crypto';
import { aggiornaAnagrafica, aggiungiVoceDiario, leggiAdmin } from '../../crdt/model';
import type { RoomEnvelope } from '../../crdt/history';
import { frameUpdate } from '../../crdt/sync/updateFraming';
import { makeWebSocketTransport, type WebSocketConstructor } from '../../crdt/sync/webSocketTransport';
import { decodeFrame, encodeFrame, errorCodeName, PROTOCOL_VERSION, type Frame } from '../../crdt/wire';
import { createRelayServer, type RelayServer } from '../../server/app';
import { until } from '../support/cartellaClient';
import { accettata, aperta, type Collega, collega, consegna, diario } from '../support/equipe';

let server: RelayServer;
let dataDir: string;
let url: string;

beforeAll(async () => {
  await initSodium();
  dataDir = mkdtempSync(join(tmpdir(), 'cartella-revoca-'));
  server = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir });
  url = `${server.url.replace(/^http/, 'ws')}/sync`;
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const NOW = new Date('2026-11-26T09:30:00Z');

async function device(nome: string, ruolo: 'assistente_sociale' | 'amministrativo'): Promise<Collega> {
  const transport = makeWebSocketTransport({ url, WebSocket: WebSocket as unknown as WebSocketConstructor, backoff: { minMs: 50, maxMs: 400 } });
  return collega(transport, nome, ruolo, NOW);
}

const anagrafica = (d: Collega, id: string) => leggiAdmin(aperta(d, id).cartella.admin).vista.anagrafica;
const keysOf = (d: Collega): CartellaKeys => {
  const k = d.keyring.current().cartelle[0];
  if (!k) throw new Error(`${d.nome} holds no cartella`);
  return k;
};
const subkeysOf = (p: PartKeyRecord | undefined) => (e: number) => {
  const k = p?.keys.find((x) => x.epoch === e);
  return k ? derivePartSubkeys(k.key) : undefined;
};

/** A bare socket on the relay: what a removed member's modified app could send. */
async function rawSocket(): Promise<{ send(f: Frame): void; next(): Promise<Frame>; close(): void }> {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const queue: Frame[] = [];
  const waiting: Array<(f: Frame) => void> = [];
  ws.on('message', (data: ArrayBuffer) => {
    const f = decodeFrame(new Uint8Array(data));
    if (!f.ok) throw new Error(f.message);
    const w = waiting.shift();
    if (w) w(f.value);
    else queue.push(f.value);
  });
  await new Promise<void>((r, j) => { ws.once('open', () => r()); ws.once('error', j); });
  return {
    send: (f) => ws.send(encodeFrame(f)),
    next: () => new Promise<Frame>((r) => { const f = queue.shift(); if (f) r(f); else waiting.push(r); }),
    close: () => ws.close(),
  };
}

it('A revokes B: the relay refuses B, B reads nothing new, A and C carry on, C never holds the prof key, and a racing rotation ends in one epoch', async () => {
  const [a, b, c, d] = await Promise.all([
    device('Anna Conti', 'assistente_sociale'), device('Bruno Esposito', 'assistente_sociale'),
    device('Carla Ferri', 'amministrativo'), device('Dario Galli', 'assistente_sociale'),
  ]);
  const created = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
  if (!created.ok) throw new Error(created.message);
  const id = created.value.id;
  await consegna(a, b, id, 'assistente_sociale', 'busta', NOW);
  await consegna(a, c, id, 'amministrativo', 'collegamento', NOW);
  await consegna(a, d, id, 'assistente_sociale', 'file', NOW);
  for (const x of [b, c, d]) await accettata(a, id, x.autore);
  const ctx = (x: Collega) => ({ autore: x.autore, now: NOW });
  expect(aggiornaAnagrafica(aperta(a, id).cartella, { cognome: 'Rossi' }, ctx(a)).ok).toBe(true);
  expect(aggiungiVoceDiario(aperta(b, id).cartella, { data: '2026-11-25', tipo: 'colloquio', testo: 'scritto da B prima' }, ctx(b)).ok).toBe(true);
  await until(() => diario(a, id).length === 1 && anagrafica(b, id).cognome === 'Rossi' && anagrafica(c, id).cognome === 'Rossi', 'epoch 1 everywhere', 20_000);

  // ---- A revokes B ----
  const r = await a.ws.revoca(id, b.autore, 'Trasferito ad altro servizio', NOW);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  expect(r.value.ruotate.map((p) => [p.parte, p.epoca])).toEqual([['prof', 2], ['admin', 2]]);
  await until(() => b.ws.accesso(id)?.admin === 'revocata' && b.ws.accesso(id)?.prof === 'revocata', 'b revoked', 20_000);
  await until(() => aperta(c, id).admin.status.epoch === 2 && aperta(d, id).prof?.status.epoch === 2, 'c and d follow', 20_000);

  // B's app, still running, writes: nothing leaves (the room is revoked) and the content stays on B.
  const profB = aperta(b, id).cartella.prof;
  if (!profB) throw new Error('b had the prof part');
  profB.getMap('estraneo').set('nota', 'scritto da B dopo la revoca');
  await b.ws.flush();
  expect(aperta(b, id).prof?.status.pending).toBeGreaterThan(0);

  // A modified app of B's tries anyway with its old key: the relay gives it the records, never envelopes, and refuses its push.
  const profRoom = keysOf(b).prof;
  if (!profRoom) throw new Error('b prof keys');
  const oldKey = subkeysOf(profRoom)(1);
  if (!oldKey) throw new Error('b epoch 1');
  const raw = await rawSocket();
  raw.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: profRoom.roomId, since: 0 });
  const challenge = await raw.next();
  if (challenge.type !== 'challenge') throw new Error(`expected challenge, got ${challenge.type}`);
  raw.send({ type: 'auth', room: profRoom.roomId, signature: signRelayAuth(oldKey.relayAuth.privateKey, profRoom.roomId, challenge.nonce) });
  expect(await raw.next()).toMatchObject({ type: 'rotation', fromEpoch: 1, toEpoch: 2 });
  const cut = await raw.next();
  expect(cut.type === 'error' && errorCodeName(cut.code)).toBe('key_rotated');
  const doc = new Y.Doc();
  doc.getMap('estraneo').set('nota', 'forzato da B');
  const forced = sealEnvelope({
    kind: 'update', roomId: profRoom.roomId, epoch: 1, clock: 2, author: b.identity, subkeys: oldKey,
    plaintext: frameUpdate(Y.encodeStateAsUpdate(doc))[0] as Uint8Array,
  });
  raw.send({ type: 'push', room: profRoom.roomId, envelopes: [forced] });
  const refused = await raw.next();
  expect(refused.type === 'error' && errorCodeName(refused.code)).toBe('key_rotated');
  raw.close();

  // ---- A and C keep working; B sees none of it ----
  expect(aggiornaAnagrafica(aperta(a, id).cartella, { nome: 'Maria' }, ctx(a)).ok).toBe(true);
  expect(aggiungiVoceDiario(aperta(a, id).cartella, { data: '2026-11-26', tipo: 'colloquio', testo: 'riservato, dopo la revoca' }, ctx(a)).ok).toBe(true);
  expect(aggiornaAnagrafica(aperta(c, id).cartella, { indirizzo: 'Via Roma 1' }, ctx(c)).ok).toBe(true);
  await until(() => anagrafica(c, id).nome === 'Maria' && anagrafica(a, id).indirizzo === 'Via Roma 1' && diario(d, id).length === 2, 'a, c and d carry on', 20_000);
  await until(() => [a, c, d].every((x) => x.ws.status().pending === 0), 'everything acked', 20_000);
  expect(anagrafica(b, id).nome).toBeUndefined();
  expect(anagrafica(b, id).indirizzo).toBeUndefined();
  expect(diario(b, id)).toEqual(['scritto da B prima']);
  for (const x of [a, c, d]) expect(aperta(x, id).cartella.admin.getMap('estraneo').size).toBe(0);
  expect(aperta(a, id).cartella.prof?.getMap('estraneo').size).toBe(0);
  expect(aperta(d, id).cartella.prof?.getMap('estraneo').size).toBe(0);

  // Every envelope the relay holds: nothing of epoch 2 opens with B's keys, B wrote nothing after epoch 1.
  const full = async (parte: 'admin' | 'prof'): Promise<readonly RoomEnvelope[]> => {
    const log = await a.ws.logCompleto(id, parte);
    if (!log.ok) throw new Error(log.message);
    return log.value.filter((e) => e.seq !== undefined);
  };
  const bKeys = keysOf(b);
  for (const [parte, record] of [['admin', bKeys.admin], ['prof', bKeys.prof]] as const) {
    if (!record) throw new Error(`b holds no ${parte} keys`);
    const log = await full(parte);
    const headers = log.map((e) => {
      const parsed = parseEnvelope(e.bytes);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value.header;
    });
    expect(headers.map((h) => h.epoch)).toContain(2);
    log.forEach((e, i) => {
      const header = headers[i];
      if (!header) throw new Error('header');
      const opened = openEnvelope(e.bytes, { roomId: record.roomId, subkeysForEpoch: subkeysOf(record) });
      if (header.epoch >= 2) expect(opened.ok ? 'opened' : opened.code, `${parte} seq ${e.seq}`).toBe('envelope_epoch');
      if (toBase64Url(header.author) === b.autore) expect(header.epoch).toBe(1);
    });
  }

  // ---- C never held the prof key ----
  expect(keysOf(c).prof).toBeUndefined();
  expect(aperta(c, id).prof).toBeNull();
  expect(aperta(c, id).cartella.prof).toBeNull();
  const profRoomKey = roomIdToBase64Url(profRoom.roomId);
  expect(await c.store.listRooms()).not.toContain(profRoomKey);
  expect(c.keyring.writes.every((w) => w.cartelle.every((k) => k.prof === undefined))).toBe(true);
  const cKeys = keysOf(c);
  for (const e of await full('prof')) {
    const opened = openEnvelope(e.bytes, { roomId: cKeys.admin.roomId, subkeysForEpoch: subkeysOf(cKeys.admin) });
    expect(opened.ok).toBe(false);
    const asProf = openEnvelope(e.bytes, { roomId: profRoom.roomId, subkeysForEpoch: subkeysOf(cKeys.admin) });
    expect(asProf.ok).toBe(false);
  }

  // ---- A and D rotate the prof part at the same time: one epoch, both carry on ----
  const [ra, rd] = await Promise.all([a.ws.ruotaChiavi(id, NOW, ['prof']), d.ws.ruotaChiavi(id, NOW, ['prof'])]);
  if (!ra.ok) throw new Error(`${ra.code}: ${ra.message}`);
  if (!rd.ok) throw new Error(`${rd.code}: ${rd.message}`);
  const profOf = (x: Collega) => aperta(x, id).prof;
  await until(() => profOf(a)?.status.phase === 'live' && profOf(d)?.status.phase === 'live' && profOf(a)?.status.epoch === profOf(d)?.status.epoch, 'one epoch', 20_000);
  const finale = profOf(a)?.status.epoch ?? 0;
  expect(finale).toBe(3);
  expect([ra.value[0]?.daQuestoDispositivo, rd.value[0]?.daQuestoDispositivo].filter(Boolean)).toHaveLength(1);
  expect(keysOf(a).prof?.currentEpoch).toBe(3);
  expect(keysOf(d).prof?.currentEpoch).toBe(3);
  expect(aggiungiVoceDiario(aperta(a, id).cartella, { data: '2026-11-26', tipo: 'equipe', testo: 'da A, epoca 3' }, ctx(a)).ok).toBe(true);
  expect(aggiungiVoceDiario(aperta(d, id).cartella, { data: '2026-11-26', tipo: 'equipe', testo: 'da D, epoca 3' }, ctx(d)).ok).toBe(true);
  await until(() => diario(a, id).length === 4 && diario(d, id).length === 4, 'a and d converge at epoch 3', 20_000);
  expect(diario(b, id)).toEqual(['scritto da B prima']);

  await Promise.all([a, b, c, d].map((x) => x.ws.close()));
}, 120_000);
