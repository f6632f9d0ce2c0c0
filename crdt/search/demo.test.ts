/**
 * Smoke test over the deterministic demo office (crdt/model/demo.ts): every person is found by
 * codice fiscale and surname, diary words come back with marked snippets, and the stored form
 * holds none of their names. Figures for 500 cartelle: `crdt/search/measure-cli.ts`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '../../crypto/identity';
import { initSodium } from '../../crypto/sodium';
import { leggiCartella } from '../model';
import { creaDemo } from '../model/demo';
import { revisioneCartella } from './revision';
import { buildSearchIndex, type SearchIndex } from './searchIndex';
import { encodeSearchIndex } from './serialize';
import { restoreSearchIndex, storeSearchIndex } from './storage';

const demo = creaDemo({ seed: 42, count: 24 });
const viste = demo.map((d) => leggiCartella(d.cartella));
/** The demo people whose cartella records their anagrafica (some stories stop before it). */
const conAnagrafica = demo.filter((d, i) => viste[i]?.admin.anagrafica.codiceFiscale === d.persona.codiceFiscale);

let index: SearchIndex;
beforeAll(async () => {
  await initSodium();
  index = buildSearchIndex(demo.map((d, i) => ({ id: d.id, view: viste[i] ?? leggiCartella(d.cartella), revision: revisioneCartella(d.cartella) })));
});

describe('search over the demo office', () => {
  it('indexes every cartella, most with a recorded person', () => {
    expect(index.size).toBe(demo.length);
    expect(conAnagrafica.length).toBeGreaterThan(demo.length / 2);
  });

  it('finds every person by codice fiscale first, exactly', () => {
    for (const d of conAnagrafica) {
      const r = index.query(d.persona.codiceFiscale);
      expect(r.cartelle[0]?.cartellaId, d.persona.codiceFiscale).toBe(d.id);
      expect(r.cartelle[0]?.rank).toBe('cf_exact');
    }
  });

  it('finds every person by surname and by first name + surname, as a name match', () => {
    for (const d of conAnagrafica) {
      const bySurname = index.query(d.persona.cognome, { limit: 1000 }).cartelle.find((c) => c.cartellaId === d.id);
      expect(bySurname?.rank, d.persona.cognome).toBe('name');
      const full = index.query(`${d.persona.nome.toUpperCase()} ${d.persona.cognome.toLowerCase()}`);
      expect(full.cartelle.map((c) => c.cartellaId)).toContain(d.id);
    }
  });

  it('finds diary words with a marked snippet, most recent entry first', () => {
    const r = index.query('utenz', { limit: 1000, hitsPerCartella: 50 });
    expect(r.total).toBeGreaterThan(0);
    for (const c of r.cartelle) {
      expect(c.rank).toBe('text');
      const days = c.hits.map((h) => h.data ?? '');
      expect(days).toEqual([...days].sort().reverse());
      for (const h of c.hits) expect(h.snippet.parts.some((p) => p.match && p.text.toLowerCase().startsWith('utenz'))).toBe(true);
    }
  });

  it('stores sealed bytes that restore to the same index and hold no name or codice fiscale', () => {
    const me = generateDeviceIdentity();
    const sealed = storeSearchIndex(index, me);
    const restored = restoreSearchIndex(sealed, me);
    expect(restored.restored).toBe(true);
    const decode = (b: Uint8Array): string => new TextDecoder().decode(b);
    expect(decode(encodeSearchIndex(restored.index))).toBe(decode(encodeSearchIndex(index)));
    const haystack = Buffer.from(sealed).toString('latin1');
    for (const d of conAnagrafica) {
      for (const m of [d.persona.codiceFiscale, d.persona.cognome, d.persona.cognome.toLowerCase()]) expect(haystack.includes(m), m).toBe(false);
    }
  });
});
