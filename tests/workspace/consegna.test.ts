/**
 * Hand-over through the workspace (docs/SHARING.md, docs/ROTATION.md "Hand-over"): the giver's
 * `condividi` records the hand-over and gives the bundle; the receiver's `ricevi` merges the keys
 * into its keyring, opens the cartella and, once synced, accepts on the roster with its box key —
 * by link, passphrase file and sealed box alike; an amministrativo never gets the prof part; a
 * device removed earlier is readmitted by a new hand-over carrying the new epochs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeMyKeyCode, initSodium, parseMyKeyCode, parseShareBundle, roomIdToBase64Url } from '../../crypto';
import { aggiungiVoceDiario, leggiAdmin, vociDiario } from '../../crdt/model';
import { until } from '../support/cartellaClient';
import { accettata, collega, consegna, type Collega, type Involucro } from '../support/equipe';
import { makeMemoryRelay, type MemoryRelay } from '../support/memoryRelay';

beforeAll(initSodium);

const NOW = new Date('2026-11-26T09:30:00Z');

async function connect(relay: MemoryRelay, nome: string, ruolo: 'assistente_sociale' | 'amministrativo'): Promise<Collega> {
  const link = relay.link();
  const c = await collega(link.client, nome, ruolo, NOW);
  link.connect();
  return c;
}

async function founded(relay: MemoryRelay) {
  const a = await connect(relay, 'Anna Conti', 'assistente_sociale');
  const created = await a.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
  if (!created.ok) throw new Error(created.message);
  const id = created.value.id;
  expect(aggiungiVoceDiario(created.value.cartella, { data: '2026-11-25', tipo: 'colloquio', testo: 'primo colloquio' }, { autore: a.autore, now: NOW }).ok).toBe(true);
  return { a, id };
}

const roster = (d: Collega, id: string) => leggiAdmin(d.ws.cartella(id)?.cartella.admin ?? (() => { throw new Error('open'); })()).vista.membri;

describe('Workspace.condividi and ricevi', () => {
  it.each<Involucro>(['collegamento', 'file', 'busta'])('hand over by %s to an équipe colleague and an amministrativo: both receive, sync and accept; only équipe gets the prof part', async (involucro) => {
    const relay = makeMemoryRelay();
    const { a, id } = await founded(relay);
    const b = await connect(relay, 'Bruno Esposito', 'assistente_sociale');
    const c = await connect(relay, 'Carla Ferri', 'amministrativo');
    const bundleB = await consegna(a, b, id, 'assistente_sociale', involucro, NOW);
    const bundleC = await consegna(a, c, id, 'amministrativo', involucro, NOW);
    expect(bundleB.role).toBe('equipe');
    expect(bundleC.role).toBe('amministrativo');
    expect(bundleC.prof).toBeUndefined();

    await accettata(a, id, b.autore);
    await accettata(a, id, c.autore);
    const onA = roster(a, id);
    expect(onA.find((m) => m.chiave === b.autore)).toMatchObject({ ruolo: 'assistente_sociale', consegna: { da: a.autore, chiavi: 'equipe', consenso: true } });
    expect(onA.find((m) => m.chiave === c.autore)).toMatchObject({ ruolo: 'amministrativo', consegna: { chiavi: 'amministrativo' } });
    expect(onA.find((m) => m.chiave === a.autore)?.chiaveBox).toBeDefined(); // the founder's box key, recorded at creation

    const onB = b.ws.cartella(id);
    await until(() => onB?.cartella.prof !== null && vociDiario(onB?.cartella.prof ?? (() => { throw new Error('prof'); })()).length === 1, 'b reads the diary');
    expect(b.keyring.current().cartelle[0]?.prof).toBeDefined();
    const onC = c.ws.cartella(id);
    if (!onC) throw new Error('c has the cartella');
    expect(onC.prof).toBeNull();
    expect(c.keyring.current().cartelle[0]?.prof).toBeUndefined();
    expect(await c.store.listRooms()).toEqual([roomIdToBase64Url(onC.admin.roomBytes)]);
    // Both used bundles are remembered: the same one is refused a second time.
    expect(await b.ws.ricevi(bundleB, NOW)).toMatchObject({ ok: false, code: 'bundle_used' });
  });

  it('refuses keys that do not match the colleague role, or no reason without consent, before writing anything', async () => {
    const relay = makeMemoryRelay();
    const { a, id } = await founded(relay);
    const c = await connect(relay, 'Carla Ferri', 'amministrativo');
    const codice = parseMyKeyCode(encodeMyKeyCode(c.identity));
    if (!codice.ok) throw new Error(codice.message);
    const destinatario = { codice: codice.value, nome: 'Carla Ferri', ruolo: 'amministrativo' as const };
    expect(a.ws.condividi(id, { ruolo: 'equipe', destinatario, consenso: true }, NOW)).toMatchObject({ ok: false, code: 'ruolo_incoerente' });
    expect(a.ws.condividi(id, { ruolo: 'amministrativo', destinatario, consenso: false }, NOW)).toMatchObject({ ok: false, code: 'bundle_motivo' });
    expect(roster(a, id).map((m) => m.chiave)).toEqual([a.autore]);
  });

  it('a bearer bundle (no recipient) records nothing on the roster: the holder reads but is not a member', async () => {
    const relay = makeMemoryRelay();
    const { a, id } = await founded(relay);
    const made = a.ws.condividi(id, { ruolo: 'amministrativo', consenso: false, motivo: 'Urgenza: tutela di un minore' }, NOW);
    if (!made.ok) throw new Error(made.message);
    expect(made.value.consegnaRegistrata).toBe(false);
    const x = await connect(relay, 'Ivo Neri', 'amministrativo');
    const parsed = parseShareBundle(made.value.bytes, { now: NOW.getTime(), usedBundleIds: [] });
    if (!parsed.ok) throw new Error(parsed.message);
    const got = await x.ws.ricevi(parsed.value, NOW);
    expect(got.ok).toBe(true);
    await until(() => roster(x, id).length === 1, 'x synced the admin part');
    expect(roster(x, id).map((m) => m.chiave)).toEqual([a.autore]);
  });

  it('readmits a removed colleague with a new hand-over: the new epochs reach its rooms, which leave revoked and sync again', async () => {
    const relay = makeMemoryRelay();
    const { a, id } = await founded(relay);
    const b = await connect(relay, 'Bruno Esposito', 'assistente_sociale');
    await consegna(a, b, id, 'assistente_sociale', 'busta', NOW);
    await accettata(a, id, b.autore);
    const r = await a.ws.revoca(id, b.autore, 'Assenza prolungata', NOW);
    if (!r.ok) throw new Error(r.message);
    await until(() => b.ws.accesso(id)?.prof === 'revocata' && b.ws.accesso(id)?.admin === 'revocata', 'b revoked');
    const cartella = a.ws.cartella(id)?.cartella;
    if (!cartella) throw new Error('open');
    expect(aggiungiVoceDiario(cartella, { data: '2026-11-26', tipo: 'colloquio', testo: 'durante l\'assenza' }, { autore: a.autore, now: NOW }).ok).toBe(true);

    await consegna(a, b, id, 'assistente_sociale', 'busta', NOW);
    await until(() => b.ws.accesso(id)?.prof === 'attiva' && b.ws.cartella(id)?.prof?.status.phase === 'live', 'b back');
    expect(b.ws.cartella(id)?.prof?.status.epoch).toBe(2);
    const prof = b.ws.cartella(id)?.cartella.prof;
    await until(() => prof !== null && prof !== undefined && vociDiario(prof).length === 2, 'b reads what was written meanwhile');
    await until(() => roster(a, id).find((m) => m.chiave === b.autore)?.accettazione !== undefined && roster(a, id).find((m) => m.chiave === b.autore)?.revocatoIl === undefined, 'b accepted again');
  });
});
