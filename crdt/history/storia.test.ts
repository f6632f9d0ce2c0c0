import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivePartSubkeys, generatePartKey, initSodium, toBase64Url } from '../../crypto';
import { flip } from '../../crypto/testkit/envelopeFixtures';
import {
  accettaConsegna, aggiornaAnagrafica, aggiungiMembroNucleo, aggiungiVoceDiario, creaCartella, creaRelazione,
  leggiAdmin, registraConsegna, testoVoce, type AuthorKey, type Contesto, type VoceDiarioId,
} from '../model';
import { replayRoom } from './replay';
import { attribuzioniContestate, autoreVerificato, storia, storiaCartella } from './storia';
import { CartellaFirmata, nuovaPersona, type Persona } from './testkit/cartellaFirmata';
import type { EnvelopeReport, RoomEnvelope, RoomHistory } from './types';

beforeAll(async () => { await initSodium(); });

const alle = (chi: Persona, giorno: string, ora = '10:00'): Contesto => ({ autore: chi.chiave, now: new Date(`${giorno}T${ora}:00+01:00`) });
function certo<T>(r: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}
const applied = (r: EnvelopeReport | undefined): Extract<EnvelopeReport, { status: 'applied' }> => {
  if (r?.status !== 'applied') throw new Error(`expected an applied envelope, got ${JSON.stringify(r)}`);
  return r;
};
const sezioni = (h: RoomHistory): string[][] => h.envelopes.map((r) => (r.status === 'applied' ? [...r.sections].sort() : [r.status]));
const chi = (h: RoomHistory): string[] => h.envelopes.map((r) => (r.status === 'refused' ? `rifiutata:${r.code}` : r.firmatario.stato === 'membro' ? r.firmatario.nome : `non_verificato:${r.firmatario.motivo}`));

/**
 * Anna founds the cartella and hands it over to Bruno, who accepts; both work; Bruno writes
 * one diary entry claiming to be Anna; an outsider who holds the keys writes too.
 */
function scenario() {
  const anna = nuovaPersona();
  const bruno = nuovaPersona();
  const estraneo = nuovaPersona();
  const cf = new CartellaFirmata();
  cf.come(anna, (c) => certo(creaCartella({ id: 'cartella-storia-1', nome: 'Anna Neri', ruolo: 'assistente_sociale' }, alle(anna, '2024-03-01'), c)));
  cf.come(anna, (c) => certo(registraConsegna(c, { chiave: bruno.chiave, nome: 'Bruno Sala', ruolo: 'assistente_sociale', consenso: true }, alle(anna, '2024-03-01', '11:00'))));
  cf.come(bruno, (c) => certo(accettaConsegna(c, { chiave: bruno.chiave, chiaveBox: toBase64Url(bruno.identity.boxPublicKey) }, alle(bruno, '2024-03-02'))));
  cf.come(anna, (c) => certo(aggiornaAnagrafica(c, { cognome: 'Tessandri' }, alle(anna, '2024-03-02', '12:00'))));
  cf.come(bruno, (c) => certo(aggiungiMembroNucleo(c, { cognome: 'Tessandri', nome: 'Ugo', relazione: 'figlio', convivente: true }, alle(bruno, '2024-03-03'))));
  // The outsider holds the admin key and writes a register entry directly (no roster check can stop a raw write).
  cf.come(estraneo, (c) => c.admin.getMap('anagrafica').set('zzz-1', { campo: 'telefono', valore: '000 000', sostituisce: [], autore: estraneo.chiave, il: '2024-03-04T09:00:00.000Z' }));

  const v1 = cf.come(anna, (c) => certo(aggiungiVoceDiario(c, { data: '2024-03-02', tipo: 'colloquio', testo: 'Primo colloquio.' }, alle(anna, '2024-03-02', '15:00'))));
  const v2 = cf.come(bruno, (c) => certo(aggiungiVoceDiario(c, { data: '2024-03-03', tipo: 'visita_domiciliare', testo: 'Visita.' }, alle(anna, '2024-03-03', '16:00'))));
  const r1 = cf.come(bruno, (c) => certo(creaRelazione(c, { titolo: 'Relazione', destinatario: 'Tribunale' }, alle(bruno, '2024-03-04'))));
  cf.come(bruno, (c) => { const f = testoVoce(c.prof as Y.Doc, v1); (f?.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Nota: ')]); });
  const v3 = cf.come(estraneo, (c) => {
    c.prof?.transact(() => {
      const m = new Y.Map<unknown>();
      c.prof?.getArray('diario').push([m]);
      for (const [k, v] of Object.entries({ id: 'zzz-9', data: '2024-03-05', tipo: 'altro', autore: estraneo.chiave, scrittoIl: '2024-03-05T08:00:00.000Z' })) m.set(k, v);
      m.set('testo', new Y.XmlFragment());
    });
    return 'zzz-9';
  });
  const roster = leggiAdmin(cf.cartella.admin).vista.membri;
  const admin = { roomId: cf.admin.roomId, subkeysForEpoch: cf.admin.subkeysForEpoch, envelopes: cf.admin.log };
  const prof = { roomId: cf.prof.roomId, subkeysForEpoch: cf.prof.subkeysForEpoch, envelopes: cf.prof.log };
  return { anna, bruno, estraneo, cf, roster, admin, prof, v1, v2, v3, r1 };
}

describe('signed history of a room (replayRoom)', () => {
  it('reports per envelope the signer from the roster and the sections it changed', () => {
    const s = scenario();
    const h = replayRoom({ part: 'admin', roster: s.roster, ...s.admin });
    expect(sezioni(h)).toEqual([['members', 'meta'], ['members'], ['members'], ['anagrafica'], ['nucleo'], ['anagrafica']]);
    expect(chi(h)).toEqual(['Anna Neri', 'Anna Neri', 'Bruno Sala', 'Anna Neri', 'Bruno Sala', 'non_verificato:fuori_registro']);
    expect(h.envelopes.map((r) => r.at.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(applied(h.envelopes[0]).firmatario).toEqual({ stato: 'membro', chiave: s.anna.chiave, nome: 'Anna Neri', ruolo: 'assistente_sociale' });
    expect(applied(h.envelopes[3])).toMatchObject({ claimedFrom: '2024-03-02T11:00:00.000Z', claimedTo: '2024-03-02T11:00:00.000Z', epoch: 1, clock: 3 });
    expect(h.admissions?.get(s.bruno.chiave)).toBe('firmata');
    expect(h.admissions?.get(s.anna.chiave)).toBe('firmata');
  });

  it('names the diary entries and relazioni each envelope created; a text edit changes the diary and creates nothing', () => {
    const s = scenario();
    const h = replayRoom({ part: 'prof', roster: s.roster, ...s.prof });
    expect(sezioni(h)).toEqual([['diario'], ['diario'], ['relazioni'], ['diario'], ['diario']]);
    expect(h.envelopes.map((r) => (r.status === 'applied' ? r.created.map((c) => c.id) : []))).toEqual([[s.v1], [s.v2], [s.r1], [], [s.v3]]);
    expect(applied(h.envelopes[3]).claimedFrom).toBeUndefined();
    expect(chi(h)).toEqual(['Anna Neri', 'Bruno Sala', 'Bruno Sala', 'Bruno Sala', 'non_verificato:fuori_registro']);
  });

  it('autoreVerificato gives the signer of the entry; a claimed author who did not sign is flagged', () => {
    const s = scenario();
    const h = replayRoom({ part: 'prof', roster: s.roster, ...s.prof });
    expect(autoreVerificato(h, s.v1)).toMatchObject({ stato: 'firmato', corrisponde: true, dichiarato: s.anna.chiave, firmatario: { stato: 'membro', nome: 'Anna Neri' } });
    // The entry says Anna; Bruno's key signed it.
    expect(autoreVerificato(h, s.v2)).toMatchObject({ stato: 'firmato', corrisponde: false, dichiarato: s.anna.chiave, firmatario: { stato: 'membro', chiave: s.bruno.chiave, nome: 'Bruno Sala' } });
    expect(autoreVerificato(h, s.v3)).toMatchObject({ stato: 'firmato', corrisponde: true, firmatario: { stato: 'non_verificato', chiave: s.estraneo.chiave } });
    expect(autoreVerificato(h, 'nessuna-1')).toEqual({ stato: 'sconosciuto' });
    expect(attribuzioniContestate(h).map((c) => c.id)).toEqual([s.v2]);
    expect(storia(h).flatMap((v) => v.contestati)).toEqual([s.v2]);
  });

  it('a tampered envelope is reported as refused and skipped: nothing of it is applied', () => {
    const s = scenario();
    const log: RoomEnvelope[] = s.admin.envelopes.map((e, i) => (i === 3 ? { ...e, bytes: flip(e.bytes, 120) } : e));
    const h = replayRoom({ part: 'admin', roster: s.roster, ...s.admin, envelopes: log });
    expect(h.envelopes[3]).toMatchObject({ status: 'refused', code: 'envelope_signature', at: { index: 3, seq: 4 } });
    expect(h.envelopes[3]).not.toHaveProperty('signedBy');
    // Anna's change of the surname never reached the replay; the other envelopes still apply.
    expect(sezioni(h)).toEqual([['members', 'meta'], ['members'], ['members'], ['refused'], ['nucleo'], ['anagrafica']]);
    expect([...h.creations.values()].filter((c) => c.field === 'cognome')).toEqual([]);
    expect(storia(h).map((v) => v.tipo)).toEqual(['modifiche', 'modifiche', 'rifiutate', 'modifiche', 'modifiche']);
  });

  it('a refused envelope holds back the later changes of the same device; a snapshot releases them, credited to their own signer', () => {
    const s = scenario();
    const cognome = [...replayRoom({ part: 'admin', roster: s.roster, ...s.admin }).creations.values()].find((c) => c.field === 'cognome');
    // Anna's hand-over (index 1) is tampered with: her next change (index 3) cannot integrate without it.
    const log: RoomEnvelope[] = s.admin.envelopes.map((e, i) => (i === 1 ? { ...e, bytes: flip(e.bytes, 100) } : e));
    const snap = s.cf.admin.snapshot(s.bruno, s.cf.cartella.admin);
    const h = replayRoom({ part: 'admin', roster: s.roster, ...s.admin, envelopes: [...log, { bytes: snap }] });
    expect(h.envelopes[1]).toMatchObject({ status: 'refused', code: 'envelope_signature' });
    expect(applied(h.envelopes[3])).toMatchObject({ warnings: ['envelope_clock_gap', 'update_waiting'], firmatario: { nome: 'Anna Neri' } });
    expect(applied(h.envelopes[4]).sections).toEqual(['nucleo']);
    expect(applied(h.envelopes[6])).toMatchObject({ kind: 'snapshot', warnings: ['update_releases_waiting'] });
    // The surname write arrived with Anna's signed envelope, not with Bruno's snapshot.
    expect(autoreVerificato(h, cognome?.id ?? '')).toMatchObject({ stato: 'firmato', corrisponde: true, firmatario: { nome: 'Anna Neri' }, at: { index: 3 } });
    expect(applied(h.envelopes[3]).sections).toEqual(['anagrafica']);
    // The hand-over itself is known only through the snapshot.
    const consegna = [...h.creations.values()].find((c) => c.section === 'members' && c.field === s.bruno.chiave && c.claimedAuthor === s.anna.chiave);
    expect(consegna).toMatchObject({ inSnapshot: true, firmatario: { nome: 'Bruno Sala' } });
  });

  it('an envelope signed correctly but sealed under another key is refused, naming the key that signed it', () => {
    const s = scenario();
    s.cf.admin.append(s.estraneo, new Uint8Array([0, 0, 0]), derivePartSubkeys(generatePartKey()));
    const h = replayRoom({ part: 'admin', roster: s.roster, ...s.admin });
    expect(h.envelopes.at(-1)).toMatchObject({ status: 'refused', code: 'envelope_commitment', signedBy: s.estraneo.chiave });
  });

  it('a replayed envelope is refused; a plaintext that is not a Yjs update is refused and not applied', () => {
    const s = scenario();
    const first = s.admin.envelopes[1] as RoomEnvelope;
    s.cf.admin.append(s.anna, new Uint8Array([0, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    const h = replayRoom({ part: 'admin', roster: s.roster, ...s.admin, envelopes: [...s.admin.envelopes, { bytes: first.bytes }] });
    expect(h.envelopes.slice(-2).map((r) => (r.status === 'refused' ? r.code : r.status))).toEqual(['update_malformed', 'envelope_clock_replay']);
  });

  it('a change too large for one envelope is reassembled: its parts are partial, the last one carries the entry', () => {
    const s = scenario();
    const lungo = 'Testo lungo del colloquio. '.repeat(40);
    const id = s.cf.come(s.anna, (c) => certo(aggiungiVoceDiario(c, { data: '2024-03-06', tipo: 'colloquio', testo: lungo }, alle(s.anna, '2024-03-06'))), 256);
    const h = replayRoom({ part: 'prof', roster: s.roster, ...s.prof });
    const nuove = h.envelopes.slice(5);
    expect(nuove.length).toBeGreaterThan(2);
    expect(nuove.slice(0, -1).every((r) => r.status === 'partial')).toBe(true);
    expect(applied(nuove.at(-1)).created.map((c) => c.id)).toEqual([id]);
    expect(autoreVerificato(h, id)).toMatchObject({ stato: 'firmato', corrisponde: true });
    expect(storia(h).at(-1)).toMatchObject({ tipo: 'modifiche', buste: nuove.length, creati: [id], firmatario: { nome: 'Anna Neri' } });
  });

  it('a snapshot is reported as a snapshot by its signer, not as the author of what it contains', () => {
    const s = scenario();
    const copertura = s.cf.prof.log.length;
    const snap = s.cf.prof.snapshot(s.bruno, s.cf.cartella.prof as Y.Doc);
    const v4 = s.cf.come(s.anna, (c) => certo(aggiungiVoceDiario(c, { data: '2024-03-07', tipo: 'telefonata' }, alle(s.anna, '2024-03-07'))));
    const h = replayRoom({ part: 'prof', roster: s.roster, ...s.prof, envelopes: [{ bytes: snap }, ...s.cf.prof.log.slice(copertura)] });
    expect(applied(h.envelopes[0])).toMatchObject({ kind: 'snapshot', firmatario: { nome: 'Bruno Sala' }, sections: ['diario', 'relazioni'], created: [] });
    expect(autoreVerificato(h, s.v1)).toMatchObject({ stato: 'in_snapshot', snapshotDi: { nome: 'Bruno Sala' }, dichiarato: s.anna.chiave });
    expect(autoreVerificato(h, v4)).toMatchObject({ stato: 'firmato', corrisponde: true, firmatario: { nome: 'Anna Neri' } });
    expect(storia(h).map((v) => [v.tipo, v.firmatario?.stato === 'membro' ? v.firmatario.nome : '', v.creati.length])).toEqual([['snapshot', 'Bruno Sala', 0], ['modifiche', 'Anna Neri', 1]]);
  });
});

describe('Storia of a cartella', () => {
  it('groups consecutive envelopes of one signer: who changed which section when', () => {
    const s = scenario();
    const h = replayRoom({ part: 'admin', roster: s.roster, ...s.admin });
    const voci = storia(h);
    expect(voci.map((v) => [v.firmatario?.stato === 'membro' ? v.firmatario.nome : v.firmatario?.stato, v.sezioni, v.buste, v.dal.seq, v.al.seq])).toEqual([
      ['Anna Neri', ['meta', 'members'], 2, 1, 2],
      ['Bruno Sala', ['members'], 1, 3, 3],
      ['Anna Neri', ['anagrafica'], 1, 4, 4],
      ['Bruno Sala', ['nucleo'], 1, 5, 5],
      ['non_verificato', ['anagrafica'], 1, 6, 6],
    ]);
    expect(voci[0]).toMatchObject({ dichiaratoDal: '2024-03-01T09:00:00.000Z', dichiaratoAl: '2024-03-01T10:00:00.000Z' });
    expect(() => { (voci as unknown[]).push(1); }).toThrow();
  });

  it('a key that added itself to the roster in the name of a member is not attributed, in either room', () => {
    const s = scenario();
    // The outsider, holding the admin key, writes its own roster entry claiming Anna wrote it.
    s.cf.come(s.estraneo, (c) => c.admin.getMap('members').set('zzz-2', {
      campo: s.estraneo.chiave, valore: { nome: 'Ester Finti', ruolo: 'assistente_sociale', aggiuntoIl: '2024-03-05' },
      sostituisce: [], autore: s.anna.chiave, il: '2024-03-05T08:00:00.000Z',
    }));
    const roster = leggiAdmin(s.cf.cartella.admin).vista.membri;
    expect(roster.find((m) => m.chiave === s.estraneo.chiave)?.aggiuntoDa).toBe(s.anna.chiave);
    const { admin, prof } = storiaCartella({ roster, admin: s.admin, prof: s.prof });
    expect(admin.admissions?.get(s.estraneo.chiave)).toBe('contestata');
    expect(chi(admin).slice(-2)).toEqual(['non_verificato:ammissione_contestata', 'non_verificato:ammissione_contestata']);
    expect(attribuzioniContestate(admin).map((c) => c.field)).toEqual([s.estraneo.chiave]);
    expect(chi(prof as RoomHistory).at(-1)).toBe('non_verificato:ammissione_contestata');
    expect(chi(prof as RoomHistory).slice(0, 2)).toEqual(['Anna Neri', 'Bruno Sala']);
  });

  it('with the keys of an epoch missing, its envelopes are refused as unreadable, the rest is read', () => {
    const s = scenario();
    const h = replayRoom({ part: 'prof', roster: s.roster, ...s.prof, subkeysForEpoch: () => undefined });
    expect(h.envelopes.every((r) => r.status === 'refused' && r.code === 'envelope_epoch')).toBe(true);
    expect(h.envelopes.map((r) => (r.status === 'refused' ? r.signedBy : undefined))).toEqual([s.anna, s.bruno, s.bruno, s.bruno, s.estraneo].map((p) => p.chiave as AuthorKey));
    expect(h.creations.size).toBe(0);
    expect(autoreVerificato(h, s.v1 as VoceDiarioId)).toEqual({ stato: 'sconosciuto' });
  });
});

describe('section labels', () => {
  it('names in Italian every root type the demo cartelle write, so the Storia never shows a raw map name', async () => {
    const { creaDemo } = await import('../model/demo');
    const { ETICHETTE_SEZIONE } = await import('./storia');
    const roots = new Set<string>();
    for (const d of creaDemo({ seed: 42, count: 40 })) {
      for (const doc of [d.cartella.admin, d.cartella.prof]) if (doc) for (const k of doc.share.keys()) roots.add(k);
    }
    expect([...roots].filter((r) => ETICHETTE_SEZIONE[r] === undefined)).toEqual([]);
    expect(roots.has('sinba')).toBe(true); // the demo's minors have a scheda SINBA
  });
});
