/**
 * The index leaves memory only sealed (docs/SEARCH.md, "Storage"): round trip, no personal
 * data in the stored bytes, plaintext wiped, and every unreadable blob turned into an empty
 * index to rebuild — never an error. Also the staleness flow with revisions.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDeviceIdentity, type DeviceIdentity } from '../../crypto/identity';
import type * as searchSeal from '../../crypto/searchIndex';
import { sealSearchIndex } from '../../crypto/searchIndex';
import { initSodium } from '../../crypto/sodium';
import { aggiungiVoceDiario, leggiCartella } from '../model';
import { alle, certo } from '../model/fixtures';
import { CF, ID, ufficio, vistaUfficio } from './fixture';
import { revisioneCartella } from './revision';
import { buildSearchIndex } from './searchIndex';
import { encodeSearchIndex } from './serialize';
import { restoreSearchIndex, storeSearchIndex } from './storage';

const spied = vi.hoisted(() => ({ sealed: [] as Uint8Array[], opened: [] as Uint8Array[] }));
vi.mock('../../crypto/searchIndex', async (importOriginal) => {
  const orig = await importOriginal<typeof searchSeal>();
  return {
    ...orig,
    sealSearchIndex: (p: Uint8Array, id: DeviceIdentity): Uint8Array => {
      spied.sealed.push(p);
      return orig.sealSearchIndex(p, id);
    },
    openSearchIndex: (b: Uint8Array, id: DeviceIdentity): ReturnType<typeof orig.openSearchIndex> => {
      const r = orig.openSearchIndex(b, id);
      if (r.ok) spied.opened.push(r.value);
      return r;
    },
  };
});

beforeAll(initSodium);

const u = ufficio();
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Names, codici fiscali and text of the office, as written and folded. */
const MARKERS = [
  "D'Angelo", 'Niccolò', 'Rossi Maria', 'Esposito', 'Carmela', 'sfratto', 'morosità', 'Tribunale',
  'housing', 'assegno di cura', 'bando regionale', CF.dangelo, CF.rossi, CF.lucia, CF.bianchi,
];
/** Folded forms are not stored (terms are rebuilt on reading), but must not leak either. */
const FOLDED = ['niccolo', 'dangelo', 'morosita'];

describe('storing the index', () => {
  it('round-trips through the sealed bytes on the same device', () => {
    const me = generateDeviceIdentity();
    const index = buildSearchIndex(vistaUfficio(u));
    const r = restoreSearchIndex(storeSearchIndex(index, me), me);
    expect(r.restored).toBe(true);
    expect(r.problem).toBeUndefined();
    expect(text(encodeSearchIndex(r.index))).toBe(text(encodeSearchIndex(index)));
    expect(r.index.query("d'angelo").cartelle[0]?.cartellaId).toBe(ID.dangelo);
  });

  it('writes none of the names, codici fiscali or texts, in any case or common encoding, while the plaintext has them all', () => {
    const me = generateDeviceIdentity();
    const index = buildSearchIndex(vistaUfficio(u));
    const plain = encodeSearchIndex(index);
    const sealed = storeSearchIndex(index, me);
    const b64 = Buffer.from(sealed).toString('base64');
    for (const m of [...MARKERS, ...FOLDED]) {
      const forms = [m, m.toLowerCase(), m.toUpperCase(), m.normalize('NFD')];
      if (MARKERS.includes(m)) expect(forms.some((f) => contains(plain, new TextEncoder().encode(f))), `plaintext holds ${m}`).toBe(true);
      for (const f of forms) {
        expect(contains(sealed, new TextEncoder().encode(f)), f).toBe(false);
        expect(contains(sealed, new Uint8Array(Buffer.from(f, 'utf16le'))), f).toBe(false);
        expect(b64.includes(Buffer.from(f).toString('base64').slice(0, 8)), f).toBe(false);
      }
    }
  });

  it('wipes the plaintext it sealed, and the plaintext it opened', () => {
    const me = generateDeviceIdentity();
    spied.sealed.length = 0;
    spied.opened.length = 0;
    const sealed = storeSearchIndex(buildSearchIndex(vistaUfficio(u)), me);
    expect(spied.sealed).toHaveLength(1);
    expect(spied.sealed[0]?.length).toBeGreaterThan(1000);
    expect(spied.sealed[0]?.every((b) => b === 0)).toBe(true);
    restoreSearchIndex(sealed, me);
    expect(spied.opened).toHaveLength(1);
    expect(spied.opened[0]?.every((b) => b === 0)).toBe(true);
  });
});

describe('restoring never fails: whatever is wrong, an empty index to rebuild', () => {
  let me: DeviceIdentity;
  let sealed: Uint8Array;
  beforeAll(() => {
    me = generateDeviceIdentity();
    sealed = storeSearchIndex(buildSearchIndex(vistaUfficio(u)), me);
  });

  it('nothing stored: empty, no problem', () => {
    for (const none of [null, undefined]) {
      const r = restoreSearchIndex(none, me);
      expect([r.restored, r.index.size, r.problem]).toEqual([false, 0, undefined]);
    }
  });

  it.each<[string, () => [Uint8Array, DeviceIdentity], string]>([
    ['sealed on another device', () => [sealed, generateDeviceIdentity()], 'search_seal_key'],
    ['a flipped byte', () => {
      const t = sealed.slice();
      t[t.length - 20] = (t[t.length - 20] as number) ^ 1;
      return [t, me];
    }, 'search_seal_key'],
    ['truncated', () => [sealed.subarray(0, 40), me], 'search_seal_malformed'],
    ['not a sealed index', () => [new TextEncoder().encode('{"v":1,"cartelle":[]}'), me], 'search_seal_malformed'],
    ['a newer sealed version', () => {
      const t = sealed.slice();
      t[8] = 2;
      return [t, me];
    }, 'search_seal_version'],
    ['authentic, but a newer plaintext version', () => [sealSearchIndex(new TextEncoder().encode('{"v":2,"cartelle":[]}'), me), me], 'search_index_version'],
    ['authentic, but not an index', () => [sealSearchIndex(new TextEncoder().encode('{"v":1}'), me), me], 'search_index_malformed'],
  ])('%s', (_label, make, expected) => {
    const [bytes, identity] = make();
    const r = restoreSearchIndex(bytes, identity);
    expect(r.restored).toBe(false);
    expect(r.index.size).toBe(0);
    expect(r.problem?.code).toBe(expected);
    expect(() => r.index.query('rossi')).not.toThrow();
  });
});

describe('staleness: after a restart, only changed cartelle are re-read', () => {
  it('re-indexes exactly the cartelle whose revision changed, and drops those no longer held', () => {
    const me = generateDeviceIdentity();
    const office = ufficio();
    const cartelle = vistaUfficio(office).map((c) => ({ ...c, revision: revisioneCartella(office.cartelle[keyOf(c.id)]) }));
    const sealed = storeSearchIndex(buildSearchIndex(cartelle), me);

    // Meanwhile: a new entry in one cartella (e.g. synced from a colleague), another handed back.
    certo(aggiungiVoceDiario(office.cartelle.bianchi, { data: '2024-05-10', tipo: 'altro', testo: 'Ricovero ospedaliero.' }, alle('2024-05-10')));
    const held = (Object.keys(ID) as Array<keyof typeof ID>).filter((k) => k !== 'rossini');

    const { index } = restoreSearchIndex(sealed, me);
    const reindexed: string[] = [];
    for (const k of held) {
      const rev = revisioneCartella(office.cartelle[k]);
      if (index.revision(ID[k]) !== rev) {
        index.update(ID[k], leggiCartella(office.cartelle[k]), rev);
        reindexed.push(ID[k]);
      }
    }
    for (const id of index.ids()) if (!held.some((k) => ID[k] === id)) index.remove(id);

    expect(reindexed).toEqual([ID.bianchi]);
    expect(index.query('ricovero').cartelle[0]?.cartellaId).toBe(ID.bianchi);
    expect(index.has(ID.rossini)).toBe(false);
    const fresh = buildSearchIndex(held.map((k) => ({ id: ID[k], view: leggiCartella(office.cartelle[k]), revision: revisioneCartella(office.cartelle[k]) })));
    expect(text(encodeSearchIndex(index))).toBe(text(encodeSearchIndex(fresh)));
  });
});

function keyOf(id: string): keyof typeof ID {
  const k = (Object.keys(ID) as Array<keyof typeof ID>).find((x) => ID[x] === id);
  if (!k) throw new Error(id);
  return k;
}
