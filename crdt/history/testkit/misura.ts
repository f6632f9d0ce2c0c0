/**
 * @module crdt/history/testkit/misura
 * Measures the signed history on a room of a few thousand real envelopes (not a test: the
 * figures go to docs/HISTORY.md). Three devices write a prof room: diary entries through the
 * model, and typing in existing entries as the engine's batcher would seal it (a few
 * characters per envelope). Run: `node --import tsx crdt/history/testkit/misura.ts [envelopes]`.
 */
import * as Y from 'yjs';
import { initSodium, openEnvelope, toBase64Url } from '../../../crypto';
import { aggiungiVoceDiario, creaCartella, leggiAdmin, registraConsegna, accettaConsegna, testoVoce, type VoceDiarioId } from '../../model';
import { replayRoom } from '../replay';
import { autoreVerificato, storia } from '../storia';
import { CartellaFirmata, nuovaPersona } from './cartellaFirmata';

async function main(): Promise<void> {
  await initSodium();
  const total = Number(process.argv[2] ?? 3000);
  const persone = [nuovaPersona(), nuovaPersona(), nuovaPersona()] as const;
  const [anna] = persone;
  const cf = new CartellaFirmata();
  const ctx = (p: (typeof persone)[number], i: number) => ({ autore: p.chiave, now: new Date(Date.UTC(2024, 0, 1) + i * 60_000) });
  cf.come(anna, (c) => creaCartella({ id: 'cartella-misura-1', nome: 'Anna', ruolo: 'assistente_sociale' }, ctx(anna, 0), c));
  for (const [n, p] of persone.slice(1).entries()) {
    cf.come(anna, (c) => registraConsegna(c, { chiave: p.chiave, nome: `Collega ${n}`, ruolo: 'assistente_sociale', consenso: true }, ctx(anna, 1)));
    cf.come(p, (c) => accettaConsegna(c, { chiave: p.chiave, chiaveBox: toBase64Url(p.identity.boxPublicKey) }, ctx(p, 2)));
  }
  const voci: VoceDiarioId[] = [];
  const t0 = performance.now();
  for (let i = 0; cf.prof.log.length < total; i++) {
    const p = persone[i % 3] as (typeof persone)[number];
    if (i % 10 === 0 || voci.length === 0) {
      const r = cf.come(p, (c) => aggiungiVoceDiario(c, { data: '2024-01-01', tipo: 'colloquio', testo: `Voce ${i}.` }, ctx(p, i)));
      if (r.ok) voci.push(r.value);
    } else {
      const id = voci[(i * 7) % voci.length] as VoceDiarioId;
      cf.come(p, (c) => {
        const par = testoVoce(c.prof as Y.Doc, id)?.get(0);
        if (par instanceof Y.XmlElement) par.insert(0, [new Y.XmlText(`parola${i} `)]);
      });
    }
  }
  const bytes = cf.prof.log.reduce((n, e) => n + e.bytes.byteLength, 0);
  console.log(`built ${cf.prof.log.length} envelopes (${(bytes / 1024).toFixed(0)} KiB), ${voci.length} diary entries, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const roster = leggiAdmin(cf.cartella.admin).vista.membri;
  const input = { part: 'prof' as const, roomId: cf.prof.roomId, subkeysForEpoch: cf.prof.subkeysForEpoch, roster, envelopes: cf.prof.log };
  for (let run = 0; run < 3; run++) {
    const a = performance.now();
    for (const e of cf.prof.log) openEnvelope(e.bytes, { roomId: input.roomId, subkeysForEpoch: input.subkeysForEpoch });
    const b = performance.now();
    const h = replayRoom(input);
    const c = performance.now();
    const voce = storia(h);
    const d = performance.now();
    for (const id of voci) autoreVerificato(h, id);
    const e = performance.now();
    console.log(`run ${run}: verify+decrypt only ${(b - a).toFixed(0)} ms; replayRoom ${(c - b).toFixed(0)} ms (${(((c - b) / h.envelopes.length) * 1000).toFixed(0)} µs/envelope); storia ${(d - c).toFixed(1)} ms (${voce.length} entries); autoreVerificato ×${voci.length} ${(e - d).toFixed(1)} ms`);
  }
  const mem = process.memoryUsage();
  console.log(`heap used ${(mem.heapUsed / 1024 / 1024).toFixed(0)} MiB`);
}

void main();
