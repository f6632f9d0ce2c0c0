/**
 * The signed history through the workspace (docs/HISTORY.md, docs/PROTOCOL.md §4.10): two
 * authors write the diary across a snapshot and a key rotation; `Workspace.storia` reads the
 * relay's whole log (not the device's snapshot + tail) with every epoch's key, so each entry is
 * attributed to the member who signed it; offline it falls back to what the device keeps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initSodium, parseEnvelope } from '../../crypto';
import { autoreVerificato, storia } from '../../crdt/history';
import { aggiungiVoceDiario, type VoceDiarioId } from '../../crdt/model';
import { until } from '../support/cartellaClient';
import { accettata, collega, consegna, type Collega } from '../support/equipe';
import { makeMemoryRelay, type MemoryRelay } from '../support/memoryRelay';

beforeAll(initSodium);

const NOW = new Date('2026-11-26T09:30:00Z');

async function connect(relay: MemoryRelay, nome: string) {
  const link = relay.link();
  const c = await collega(link.client, nome, 'assistente_sociale', NOW, { sync: { snapshotEvery: 4 } });
  link.connect();
  return { ...c, link };
}

describe('Workspace.storia', () => {
  it('attributes every diary entry of two authors to its signer from the relay whole log, across a snapshot and a rotation', async () => {
    const relay = makeMemoryRelay();
    const a = await connect(relay, 'Anna Conti');
    const b = await connect(relay, 'Bruno Esposito');
    const created = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;
    await consegna(a, b, id, 'assistente_sociale', 'busta', NOW);
    await accettata(a, id, b.autore);
    const cartella = (x: Collega) => {
      const c = x.ws.cartella(id);
      if (!c) throw new Error('open');
      return c;
    };
    const scrivi = async (x: Collega, testo: string): Promise<VoceDiarioId> => {
      const r = aggiungiVoceDiario(cartella(x).cartella, { data: '2026-11-26', tipo: 'colloquio', testo }, { autore: x.autore, now: NOW });
      if (!r.ok) throw new Error(r.message);
      await until(() => a.ws.status().pending === 0 && b.ws.status().pending === 0 && cartella(a).prof?.status.head === cartella(b).prof?.status.head, 'synced');
      return r.value;
    };
    const voci: Array<[VoceDiarioId, Collega]> = [];
    for (let i = 0; i < 6; i++) voci.push([await scrivi(i % 2 ? b : a, `voce ${i}`), i % 2 ? b : a]);
    const rotated = await a.ws.ruotaChiavi(id, NOW, ['prof']);
    if (!rotated.ok) throw new Error(rotated.message);
    await until(() => cartella(b).prof?.status.epoch === 2 && cartella(b).prof?.status.phase === 'live', 'b at epoch 2');
    for (let i = 6; i < 8; i++) voci.push([await scrivi(i % 2 ? b : a, `voce ${i}`), i % 2 ? b : a]);

    // The device itself kept a compacted log: a snapshot covers the early entries.
    const local = await a.store.loadRoom(cartella(a).prof?.roomKey ?? (() => { throw new Error('prof'); })());
    expect(local.snapshot).toBeDefined();

    const full = await a.ws.logCompleto(id, 'prof');
    if (!full.ok) throw new Error(full.message);
    const epochs = full.value.map((e) => {
      const p = parseEnvelope(e.bytes);
      if (!p.ok) throw new Error(p.message);
      return p.value.header.epoch;
    });
    expect(new Set(epochs)).toEqual(new Set([1, 2]));
    expect(full.value.map((e) => e.seq)).toEqual(full.value.map((_, i) => i + 1));

    const s = await a.ws.storia(id);
    if (!s.ok) throw new Error(s.message);
    expect(s.value.completa).toBe(true);
    const prof = s.value.prof;
    if (!prof) throw new Error('prof history');
    for (const [voce, autore] of voci) {
      expect(autoreVerificato(prof, voce), voce).toMatchObject({ stato: 'firmato', corrisponde: true, firmatario: { stato: 'membro', nome: autore.nome } });
    }
    const firmatari = storia(prof).flatMap((v) => (v.tipo === 'modifiche' && v.firmatario?.stato === 'membro' ? [v.firmatario.nome] : []));
    expect(firmatari).toEqual(expect.arrayContaining(['Anna Conti', 'Bruno Esposito']));
    expect(storia(s.value.admin).some((v) => v.sezioni.includes('members'))).toBe(true);

    // Offline: what the device keeps, said to be incomplete; early entries are only in the snapshot.
    a.link.disconnect();
    await until(() => cartella(a).prof?.status.phase === 'offline', 'offline');
    const offline = await a.ws.storia(id);
    if (!offline.ok) throw new Error(offline.message);
    expect(offline.value.completa).toBe(false);
    const first = voci[0];
    if (!first || !offline.value.prof) throw new Error('history');
    expect(autoreVerificato(offline.value.prof, first[0]).stato).toBe('in_snapshot');
  });
});
