/**
 * Query semantics on the hand-built office (fixture.ts): normalisation of accents, case and
 * Italian apostrophes, word prefixes, full and partial codici fiscali, text of every kind of
 * unit, ranking, snippets, options and hostile query texts (docs/SEARCH.md).
 */
import { describe, expect, it } from 'vitest';
import { leggiCartella, type CartellaId } from '../model';
import { CF, ID, TESTO_LUNGO, ufficio, vistaUfficio } from './fixture';
import { buildSearchIndex, SearchIndex } from './searchIndex';
import type { CartellaMatch, SearchHit, Snippet } from './types';

const u = ufficio();
const index = buildSearchIndex(vistaUfficio(u));

const ids = (q: string): string[] => index.query(q).cartelle.map((c) => c.cartellaId);
const first = (q: string): CartellaMatch => {
  const c = index.query(q).cartelle[0];
  if (!c) throw new Error(`no result for ${q}`);
  return c;
};
/** A snippet as text, matches in [brackets], cuts as an ellipsis. */
const show = (s: Snippet): string =>
  `${s.cutStart ? '…' : ''}${s.parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('')}${s.cutEnd ? '…' : ''}`;
const hit = (c: CartellaMatch | undefined, where: SearchHit['where']): SearchHit | undefined => c?.hits.find((h) => h.where === where);

describe('names: accents, case and Italian apostrophes are folded', () => {
  it.each(['Niccolò', 'niccolo', 'NICCOLÒ', 'Niccolo\u0300', 'nICCOLò'])('finds Niccolò D\'Angelo by his first name typed as %s', (q) => {
    const c = first(q);
    expect(c.cartellaId).toBe(ID.dangelo);
    expect(c.rank).toBe('name');
    expect(show(hit(c, 'anagrafica')?.snippet as Snippet)).toBe("D'Angelo [Niccolò]");
  });

  it.each(["d'angelo", 'D’Angelo', 'DʼANGELO', 'dangelo', 'D`Angelo', "d'ang"])('finds D\'Angelo typed as %s, as one term', (q) => {
    const r = index.query(q);
    expect(r.terms).toHaveLength(1);
    expect(r.cartelle.map((c) => c.cartellaId)).toEqual([ID.dangelo]);
    expect(r.cartelle[0]?.rank).toBe('name');
  });

  it('finds a surname written with an apostrophe by the word after it ("angelo")', () => {
    expect(ids('angelo')).toEqual([ID.dangelo]);
  });

  it('marks the whole apostrophe run in the snippet, with the apostrophe as it was written', () => {
    const c = first("d'angelo");
    expect(show(hit(c, 'anagrafica')?.snippet as Snippet)).toBe("[D'Angelo] Niccolò");
    expect(show(hit(c, 'nucleo')?.snippet as Snippet)).toBe('[D’Angelo] Lucia');
  });

  it('reports the household member matched by name, with its id', () => {
    const c = first('lucia');
    expect(c.cartellaId).toBe(ID.dangelo);
    expect(c.rank).toBe('nucleo');
    const n = hit(c, 'nucleo');
    const membro = leggiCartella(u.cartelle.dangelo).admin.nucleo[0];
    expect(n?.id).toBe(membro?.id);
    expect(n?.data).toBeNull();
  });

  it('matches word prefixes, and needs every term of the query', () => {
    expect(ids('ross')).toEqual([ID.rossi, ID.rossini, ID.bianchi]);
    expect(ids('maria ross')).toEqual([ID.rossi]);
    expect(ids('giov bian')).toEqual([ID.bianchi]);
    expect(ids('maria bianchi')).toEqual([]);
  });

  it('never matches inside a word (only prefixes)', () => {
    expect(ids('ssi')).toEqual([]);
    expect(ids('ngelo')).toEqual([]);
  });
});

describe('codice fiscale', () => {
  it('an exact codice fiscale ranks its cartella first, in any case and with spaces typed inside', () => {
    for (const q of [CF.rossi, CF.rossi.toLowerCase(), `${CF.rossi.slice(0, 6)} ${CF.rossi.slice(6, 11)} ${CF.rossi.slice(11)}`]) {
      const c = first(q);
      expect(c.cartellaId, q).toBe(ID.rossi);
    }
    expect(first(CF.rossi).rank).toBe('cf_exact');
    expect(first(CF.rossi).codiceFiscale).toBe(CF.rossi);
  });

  it('a partial codice fiscale matches anywhere inside the code, from three characters', () => {
    expect(first('RSSMRA').cartellaId).toBe(ID.rossi);
    expect(first('RSSMRA').rank).toBe('cf_partial');
    expect(ids('85e45')).toEqual([ID.rossi]);
    expect(ids('x00')).toEqual(expect.arrayContaining([ID.dangelo, ID.rossi, ID.bianchi, ID.rossini]));
    expect(ids('rss').slice(0, 2).sort()).toEqual([ID.rossi, ID.rossini].sort());
  });

  it('marks the matched characters of the code in the snippet', () => {
    const c = first('mra85');
    expect(hit(c, 'anagrafica')?.field).toBe('codiceFiscale');
    expect(show(hit(c, 'anagrafica')?.snippet as Snippet)).toBe(`RSS[MRA85]${CF.rossi.slice(8)}`);
  });

  it('ignores terms shorter than three characters for codici fiscali (they still match words)', () => {
    expect(ids('rs')).toEqual([]);
    expect(ids('80')).toEqual([]);
  });

  it("a household member's exact codice fiscale finds the cartella, ranked just below the person's own", () => {
    const c = first(CF.lucia);
    expect(c.cartellaId).toBe(ID.dangelo);
    expect(c.rank).toBe('cf_exact_nucleo');
    expect(hit(c, 'nucleo')?.field).toBe('codiceFiscale');
  });
});

describe('text of the cartella', () => {
  it('finds diary entries by word prefix, most recent first, each with its id, day and a marked snippet', () => {
    const c = first('sfratt');
    expect(c.cartellaId).toBe(ID.dangelo);
    expect(c.rank).toBe('text');
    expect(c.hits.map((h) => [h.where, h.id, h.data])).toEqual([
      ['diario', u.voci.recente, '2024-03-05'],
      ['diario', u.voci.lunga, '2024-02-20'],
      ['diario', u.voci.vecchia, '2024-01-15'],
    ]);
    expect(show(c.hits[0]?.snippet as Snippet)).toBe('Telefonata: lo [sfratto] è rinviato di tre mesi. Perché la città non ha alloggi?');
  });

  it('cuts a long text around the match at spaces, collapsing line breaks, and says so', () => {
    const s = hit(index.query('morosita').cartelle[0], 'diario')?.snippet as Snippet;
    expect(s.cutStart).toBe(true);
    expect(s.cutEnd).toBe(true);
    const text = show(s);
    expect(text).toContain('[morosità]');
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThan(200);
    const inner = text.slice(1, -1).replace(/[[\]]/g, '');
    expect(TESTO_LUNGO.replace(/\s+/g, ' ')).toContain(inner);
    // Cut at spaces: the extract starts and ends with whole words of the text.
    expect(TESTO_LUNGO).toMatch(new RegExp(`\\s${inner.split(' ')[0]}\\s`));
  });

  it('folds accents in text too ("perche" finds "Perché", "citta" finds "città")', () => {
    expect(show(hit(first('perche citta'), 'diario')?.snippet as Snippet)).toContain('[Perché] la [città]');
  });

  it('finds text after an elided article by the word and by the joined form', () => {
    expect(first('assistente').hits[0]?.id).toBe(u.voci.vecchia);
    expect(first("dell'assistente").hits[0]?.id).toBe(u.voci.vecchia);
  });

  it('finds relazioni (title and text), verbali and valutazioni, with their ids', () => {
    const rel = hit(first('tribunale'), 'relazione');
    expect(rel).toMatchObject({ id: u.relazione, field: 'titolo' });
    expect(hit(first('emergenza abitativa'), 'relazione')?.field).toBe('testo');
    expect(hit(first('housing'), 'verbale')?.data).toBe('2024-03-07');
    expect(hit(first('fragile'), 'valutazione')?.data).toBe('2024-03-08');
  });

  it('finds the segretariato request and orientation of a cartella not yet taken in charge', () => {
    const c = first('bando regionale');
    expect(c.cartellaId).toBe(ID.accesso);
    expect(c.nominativo).toBe('Esposito Carmela');
    expect(hit(c, 'segretariato')).toMatchObject({ field: 'orientamento', data: '2024-05-02', id: null });
  });
});

describe('ranking', () => {
  it('ranks exact name words before prefixes, and names before text', () => {
    const r = index.query('rossi');
    expect(r.cartelle.map((c) => [c.cartellaId, c.rank])).toEqual([
      [ID.rossi, 'name'], [ID.rossini, 'name'], [ID.bianchi, 'text'],
    ]);
  });

  it('ranks text matches by their most recent matching entry', () => {
    // "contributo": the access of 2024-05-02, then the D'Angelo visit of 2024-02-20.
    expect(ids('contributo')).toEqual([ID.accesso, ID.dangelo]);
  });

  it('prefers a place holding every term; a cartella matching only across places ranks last as "spread"', () => {
    const r = index.query('niccolo sfratto');
    expect(r.cartelle[0]?.rank).toBe('text');
    expect(r.cartelle[0]?.hits[0]).toMatchObject({ id: u.voci.lunga, complete: true });
    const spread = index.query('niccolo telefonata');
    expect(spread.cartelle[0]?.rank).toBe('spread');
    expect(spread.cartelle[0]?.hits.every((h) => !h.complete)).toBe(true);
  });

  it('orders the whole result deterministically (same query, same order)', () => {
    expect(index.query('r').cartelle).toEqual(index.query('r').cartelle);
  });
});

describe('options and odd queries', () => {
  it('limits the cartelle and the hits per cartella, reporting the totals', () => {
    const r = index.query('r', { limit: 2, hitsPerCartella: 1 });
    expect(r.cartelle).toHaveLength(2);
    expect(r.total).toBe(index.query('r').total);
    expect(r.total).toBeGreaterThan(2);
    expect(r.cartelle.every((c) => c.hits.length === 1)).toBe(true);
    expect(index.query('sfratto', { hitsPerCartella: 1 }).cartelle[0]?.totalHits).toBe(3);
  });

  it('searches only the places asked for', () => {
    expect(ids('rossi')).toContain(ID.bianchi);
    expect(index.query('rossi', { where: ['anagrafica', 'nucleo'] }).cartelle.map((c) => c.cartellaId)).toEqual([ID.rossi, ID.rossini]);
    expect(index.query('sfratto', { where: ['anagrafica'] }).total).toBe(0);
  });

  it.each(['', '   ', "'", '¿?!', '—'])('a query without letters or digits (%j) finds nothing and reads no terms', (q) => {
    expect(index.query(q)).toEqual({ terms: [], total: 0, cartelle: [] });
  });

  it('bounds a pasted or hostile query: length, number of terms, options out of range', () => {
    const long = index.query(`${'sfratto '.repeat(100)}${'x'.repeat(10_000)}`);
    expect(long.terms.length).toBeLessThanOrEqual(12);
    const many = index.query(Array.from({ length: 40 }, (_, i) => `t${i}`).join(' '));
    expect(many.terms).toHaveLength(12);
    expect(index.query('rossi', { limit: -5, hitsPerCartella: Number.NaN }).cartelle).toHaveLength(1);
    expect(index.query('rossi', { limit: 1e9 }).cartelle).toHaveLength(3);
    expect(() => index.query(null as unknown as string)).not.toThrow();
  });

  it('an empty index answers every query with nothing', () => {
    expect(new SearchIndex().query('rossi').cartelle).toEqual([]);
  });
});

describe('a device without the professional key', () => {
  it('indexes only the administrative part: names and codici fiscali, never diary or relazioni text', () => {
    const adminOnly = new SearchIndex();
    adminOnly.update(ID.dangelo, leggiCartella({ admin: u.cartelle.dangelo.admin, prof: null }));
    expect(adminOnly.query('niccolo').cartelle.map((c) => c.cartellaId)).toEqual([ID.dangelo as CartellaId]);
    expect(adminOnly.query(CF.dangelo).cartelle[0]?.rank).toBe('cf_exact');
    for (const q of ['sfratto', 'tribunale', 'housing', 'fragile']) expect(adminOnly.query(q).total, q).toBe(0);
  });
});
