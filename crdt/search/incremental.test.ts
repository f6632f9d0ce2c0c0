/**
 * Incremental maintenance (docs/SEARCH.md, "Updates"): updating or removing one cartella
 * gives exactly the index a full rebuild would, re-tokenises only what changed, and never
 * keeps text that was deleted. The property test drives the model's random operations
 * (crdt/model/azioni-casuali.ts) over three cartelle; failing seeds are kept below.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { initSodium } from '../../crypto/sodium';
import {
  aggiornaAnagrafica, aggiungiVoceDiario, leggiCartella, registraAccesso, registraDocumento, testoVoce, type Cartella,
  type DataIso, type VoceDiarioId,
} from '../model';
import { applica, NUMERO_AZIONI, TESTI, type Azione } from '../model/azioni-casuali';
import { aggiungiGiorni } from '../model/date';
import { alle, cartellaDiProva, certo, EQUIPE } from '../model/fixtures';
import { ID, ufficio, vistaUfficio } from './fixture';
import { indexCartella } from './indexed';
import { revisioneCartella } from './revision';
import { buildSearchIndex, SearchIndex } from './searchIndex';
import { encodeSearchIndex } from './serialize';
import { unitsOfView } from './units';

beforeAll(initSodium);

/** Seeds that once failed, kept as permanent cases. */
const SEMI_CONSERVATI: readonly number[] = [];
const PARAMETRI = { numRuns: 25, ...(process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {}) };

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const QUERIES = ['rossi', 'voce', 'correzione', '111', '222', 'via roma', 'tessandri', 'x', 'richiesta', 'aiuto', 'anna', 'r', 'documento'];

/** Two indexes are the same: same plaintext bytes, same inverted index, same answers. */
function expectSameIndex(a: SearchIndex, b: SearchIndex): void {
  expect(text(encodeSearchIndex(a))).toBe(text(encodeSearchIndex(b)));
  expect(a.postingsSnapshot()).toEqual(b.postingsSnapshot());
  for (const q of QUERIES) expect(a.query(q, { limit: 1000, hitsPerCartella: 50 }), q).toEqual(b.query(q, { limit: 1000, hitsPerCartella: 50 }));
}

describe('updating one cartella', () => {
  it('after a new diary entry, finds its words and equals a full rebuild', () => {
    const u = ufficio();
    const index = buildSearchIndex(vistaUfficio(u));
    expect(index.query('pignoramento').total).toBe(0);
    certo(aggiungiVoceDiario(u.cartelle.rossi, { data: '2024-05-10', tipo: 'colloquio', testo: 'Riferisce un pignoramento dello stipendio.' }, alle('2024-05-10')));
    index.update(ID.rossi, leggiCartella(u.cartelle.rossi));
    expect(index.query('pignoramento').cartelle.map((c) => c.cartellaId)).toEqual([ID.rossi]);
    expectSameIndex(index, buildSearchIndex(vistaUfficio(u)));
  });

  it('after text is deleted from an entry, the deleted words are found no more (no stale snippet)', () => {
    const u = ufficio();
    const index = buildSearchIndex(vistaUfficio(u));
    expect(index.query('morosita').total).toBe(1);
    const f = testoVoce(u.cartelle.dangelo.prof as Y.Doc, u.voci.lunga as VoceDiarioId) as Y.XmlFragment;
    f.doc?.transact(() => f.delete(0, f.length));
    index.update(ID.dangelo, leggiCartella(u.cartelle.dangelo));
    expect(index.query('morosita').total).toBe(0);
    expect(index.query('sfratto').cartelle[0]?.totalHits).toBe(2);
    expectSameIndex(index, buildSearchIndex(vistaUfficio(u)));
  });

  it('after a change of name, finds the new name and not the old one', () => {
    const u = ufficio();
    const index = buildSearchIndex(vistaUfficio(u));
    certo(aggiornaAnagrafica(u.cartelle.rossini, { cognome: 'Ferrante' }, alle('2024-05-10')));
    index.update(ID.rossini, leggiCartella(u.cartelle.rossini));
    expect(index.query('rossini').total).toBe(0);
    expect(index.query('ferrante paolo').cartelle[0]?.cartellaId).toBe(ID.rossini);
    expectSameIndex(index, buildSearchIndex(vistaUfficio(u)));
  });

  it('updating with an unchanged view changes nothing', () => {
    const u = ufficio();
    const index = buildSearchIndex(vistaUfficio(u));
    const before = text(encodeSearchIndex(index));
    const snapshot = index.postingsSnapshot();
    index.update(ID.dangelo, leggiCartella(u.cartelle.dangelo));
    expect(text(encodeSearchIndex(index))).toBe(before);
    expect(index.postingsSnapshot()).toEqual(snapshot);
  });

  it('re-tokenises only the units whose text changed: the others keep their indexed form', () => {
    const u = ufficio();
    const before = indexCartella(ID.dangelo, unitsOfView(leggiCartella(u.cartelle.dangelo)), null);
    certo(aggiungiVoceDiario(u.cartelle.dangelo, { data: '2024-05-10', tipo: 'altro', testo: 'Nota.' }, alle('2024-05-10')));
    const after = indexCartella(ID.dangelo, unitsOfView(leggiCartella(u.cartelle.dangelo)), null, before);
    expect(after.units).toHaveLength(before.units.length + 1);
    const reused = after.units.filter((x) => before.units.includes(x));
    expect(reused).toHaveLength(before.units.length);
  });
});

describe('removing a cartella', () => {
  it('leaves the index equal to one built without it, with none of its terms left', () => {
    const u = ufficio();
    const index = buildSearchIndex(vistaUfficio(u));
    expect(index.remove(ID.dangelo)).toBe(true);
    expect(index.remove(ID.dangelo)).toBe(false);
    expect(index.has(ID.dangelo)).toBe(false);
    expect(index.query('sfratto').total).toBe(0);
    expect(index.postingsSnapshot().some((p) => p.includes(ID.dangelo))).toBe(false);
    expectSameIndex(index, buildSearchIndex(vistaUfficio(u).filter((c) => c.id !== ID.dangelo)));
  });

  it('removing every cartella empties the inverted index', () => {
    const u = ufficio();
    const index = buildSearchIndex(vistaUfficio(u));
    for (const id of index.ids()) index.remove(id);
    expect(index.size).toBe(0);
    expect(index.terms).toBe(0);
    expect(index.postingsSnapshot()).toEqual([]);
  });
});

describe('revisions', () => {
  it('are kept per cartella: undefined when not indexed, null without one, the given one otherwise', () => {
    const u = ufficio();
    const index = new SearchIndex();
    expect(index.revision(ID.rossi)).toBeUndefined();
    index.update(ID.rossi, leggiCartella(u.cartelle.rossi));
    expect(index.revision(ID.rossi)).toBeNull();
    const rev = revisioneCartella(u.cartelle.rossi);
    index.update(ID.rossi, leggiCartella(u.cartelle.rossi), rev);
    expect(index.revision(ID.rossi)).toBe(rev);
  });

  it('refuses an invalid cartella id or revision as a programming error', () => {
    const u = ufficio();
    const v = leggiCartella(u.cartelle.rossi);
    expect(() => new SearchIndex().update('corta', v)).toThrow(RangeError);
    expect(() => new SearchIndex().update(ID.rossi, v, 'spazi non ammessi')).toThrow(RangeError);
  });
});

// Property: any interleaving of model operations, updates and removals gives the full rebuild.
const INIZIO = '2023-01-02' as DataIso;
const IDS = ['proprieta-search-a', 'proprieta-search-b', 'proprieta-search-c'] as const;

function base(id: string): Cartella {
  const c = cartellaDiProva(INIZIO, id);
  certo(registraAccesso(c, { data: INIZIO, canale: 'sportello', richiesta: 'Aiuto per Anna Rossi' }, alle(INIZIO)));
  certo(registraDocumento(c, { tipo: 'informativa_privacy', stato: 'acquisito', data: INIZIO }, alle(INIZIO)));
  return c;
}

const azione: fc.Arbitrary<Azione> = fc.record({
  op: fc.nat(NUMERO_AZIONI - 1), autore: fc.nat(9), a: fc.nat(40), b: fc.nat(40), t: fc.constantFrom(...TESTI),
});
type Passo = { tipo: 'op'; k: number; x: Azione; salto: number } | { tipo: 'rimuovi'; k: number } | { tipo: 'aggiorna'; k: number };
const passo: fc.Arbitrary<Passo> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ tipo: fc.constant('op' as const), k: fc.nat(2), x: azione, salto: fc.nat(10) }) },
  { weight: 1, arbitrary: fc.record({ tipo: fc.constant('rimuovi' as const), k: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ tipo: fc.constant('aggiorna' as const), k: fc.nat(2) }) },
);

const equivalenza = fc.property(fc.array(passo, { minLength: 5, maxLength: 60, size: 'max' }), (passi) => {
  const cartelle = IDS.map(base);
  const index = new SearchIndex();
  const tenute = new Set<number>();
  const aggiorna = (k: number): void => {
    const c = cartelle[k] as Cartella;
    index.update(IDS[k] as string, leggiCartella(c), revisioneCartella(c));
    tenute.add(k);
  };
  cartelle.forEach((_, k) => aggiorna(k));
  let giorno = INIZIO;
  passi.forEach((p, i) => {
    if (p.tipo === 'rimuovi') {
      index.remove(IDS[p.k] as string);
      tenute.delete(p.k);
      return;
    }
    if (p.tipo === 'op') {
      giorno = aggiungiGiorni(giorno, p.salto);
      const now = new Date(`${giorno}T09:00:${String(i % 60).padStart(2, '0')}+01:00`);
      applica(cartelle[p.k] as Cartella, p.x, { autore: EQUIPE.rossa, now }, giorno);
    }
    // The UI re-indexes a held cartella after each change; a removed one only when it comes back.
    if (p.tipo === 'aggiorna' || tenute.has(p.k)) aggiorna(p.k);
  });
  const rebuilt = buildSearchIndex([...tenute].map((k) => ({
    id: IDS[k] as string, view: leggiCartella(cartelle[k] as Cartella), revision: revisioneCartella(cartelle[k] as Cartella),
  })));
  expectSameIndex(index, rebuilt);
});

describe('incremental maintenance equals a full rebuild (property)', () => {
  it('after any sequence of operations, updates and removals on three cartelle', () => {
    fc.assert(equivalenza, PARAMETRI);
  });

  it.each(SEMI_CONSERVATI)('kept failing seed %i still passes', (seed) => {
    fc.assert(equivalenza, { seed, numRuns: 1 });
  });
});
